"""Charts of a briefing, drawn by matplotlib (Agg, no display) in a font that really covers Chinese.

The font is yuqing.cjk_fonts' choice (checked by its glyphs, not its name). matplotlib is told
about that exact file: its own font cache is written once and does not see fonts installed later,
so a font that it does not list yet is added and the cache is written again. Without any Chinese
font a chart is refused (FontMissingError, with what to install) instead of drawing boxes.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from yuqing import cjk_fonts

log = logging.getLogger("yuqing.briefings")
COLORS = {"negative": "#d83931", "neutral": "#8f959e", "positive": "#2ea121"}
PALETTE = ["#1456f0", "#de7802", "#2ea121", "#d83931", "#7f3bf5", "#0fa9a0", "#8f959e"]
# Drawn charts by (chart, font): a briefing's page draws the same charts on every view, and one chart
# costs ~0.2 s of CPU (issue 11: the briefing page was the slowest page under load). pyplot's state
# is global, so charts are drawn one at a time.
_DRAWN: OrderedDict[str, bytes] = OrderedDict()
_DRAWN_MAX = 64
_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _registered(path: Path, family: str) -> str:
    """Make matplotlib know the font file (refreshing its stale cache) and return the family to ask for."""
    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(Path(entry.fname) == path and entry.name == family for entry in manager.ttflist):
        manager.addfont(str(path))  # every face of a .ttc collection
        cache = Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
        try:
            font_manager.json_dump(manager, cache)
        except OSError:  # a read-only cache folder: this process knows the font all the same
            log.info("matplotlib's font cache %s could not be rewritten", cache)
        log.info("charts: matplotlib now knows %s (%s)", family, path)
    # An older matplotlib reads only the first face of a collection: ask for the name it registered.
    names = [entry.name for entry in manager.ttflist if Path(entry.fname) == path]
    return family if family in names or not names else names[0]


def _params() -> dict:
    font = cjk_fonts.require()
    family = _registered(font.path, font.family)
    return {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}


def render(chart: dict) -> bytes:
    """PNG bytes of one chart of a briefing's content (kinds: line, bar, pie); the same chart in the
    same font is drawn once and kept (the last _DRAWN_MAX of them)."""
    params = _params()
    key = json.dumps([chart, params], sort_keys=True, ensure_ascii=False, default=str)
    with _LOCK:
        if key in _DRAWN:
            _DRAWN.move_to_end(key)
            return _DRAWN[key]
        png = _draw(chart, params)
        _DRAWN[key] = png
        while len(_DRAWN) > _DRAWN_MAX:
            _DRAWN.popitem(last=False)
    return png


def _draw(chart: dict, params: dict) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import pyplot as plt

    with plt.rc_context(params):
        fig, ax = plt.subplots(figsize=(7.0, 3.2 if chart["kind"] == "pie" else 2.8), dpi=150)
        {"pie": _pie, "line": _line, "bar": _bar}[chart["kind"]](ax, chart)
        ax.set_title(chart["title"], fontsize=11)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _ticks(ax, labels: list[str]) -> None:
    step = max(1, -(-len(labels) // 8))  # at most eight labels: they must not overlap
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(labels[::step], fontsize=8, rotation=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)


def _line(ax, chart: dict) -> None:
    xs = range(len(chart["values"]))
    ax.plot(xs, chart["values"], color=PALETTE[0], linewidth=1.6, marker="o", markersize=2.5)
    ax.fill_between(xs, chart["values"], color=PALETTE[0], alpha=0.08)
    _ticks(ax, chart["labels"])


def _bar(ax, chart: dict) -> None:
    ax.bar(range(len(chart["values"])), chart["values"], color=PALETTE[0])
    _ticks(ax, chart["labels"])


SMALL_SLICE = 8.0  # percent: a thinner slice has no room for its figure, which the legend gives


def _pie(ax, chart: dict) -> None:
    """Names and shares in a legend beside the pie: labels around it ran into each other and into the
    title when slices were thin (2.0% and 7.8% of a risk-type pie printed over each other)."""
    keys = chart.get("keys") or []
    values = chart["values"]
    total = sum(values) or 1
    colors = [COLORS.get(keys[i] if i < len(keys) else "", PALETTE[i % len(PALETTE)]) for i in range(len(values))]
    wedges, *_texts = ax.pie(values, colors=colors, startangle=90, counterclock=False, pctdistance=0.72,
                             autopct=lambda share: f"{share:.1f}%" if share >= SMALL_SLICE else "",
                             textprops={"fontsize": 9})
    names = [f"{label}  {value / total:.1%}" for label, value in zip(chart["labels"], values)]
    ax.legend(wedges, names, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9)
    ax.axis("equal")
