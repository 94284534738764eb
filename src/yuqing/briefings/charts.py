"""Charts of a briefing, drawn by matplotlib (Agg, no display) in a CJK font.

The font is looked up once: first among the families matplotlib already knows, then through
fontconfig (`fc-match :lang=zh`). Without one, charts are still drawn and a clear line is logged:
Chinese labels would show as boxes, so install fonts-noto-cjk or fonts-wqy-microhei.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
from functools import lru_cache

log = logging.getLogger("yuqing.briefings")
PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei",
             "SimHei", "PingFang SC", "Noto Sans CJK JP")
COLORS = {"negative": "#d83931", "neutral": "#8f959e", "positive": "#2ea121"}
PALETTE = ["#1456f0", "#de7802", "#2ea121", "#d83931", "#7f3bf5", "#0fa9a0", "#8f959e"]


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name matplotlib should use for Chinese, or None when the machine has none."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in PREFERRED:
        if family in known:
            return family
    path = _fontconfig_path()
    if path:
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    log.warning("no CJK font found for briefing charts (matplotlib and fc-match :lang=zh); Chinese text in charts "
                "will show as boxes: install fonts-noto-cjk or fonts-wqy-microhei")
    return None


def _fontconfig_path() -> str | None:
    if not shutil.which("fc-match"):
        return None
    result = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


def _params() -> dict:
    family = cjk_font()
    return {"font.family": [family, "DejaVu Sans"] if family else ["DejaVu Sans"], "axes.unicode_minus": False}


def render(chart: dict) -> bytes:
    """PNG bytes of one chart of a briefing's content (kinds: line, bar, pie)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import pyplot as plt

    with plt.rc_context(_params()):
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


def _pie(ax, chart: dict) -> None:
    keys = chart.get("keys") or []
    colors = [COLORS.get(keys[i] if i < len(keys) else "", PALETTE[i % len(PALETTE)]) for i in range(len(chart["values"]))]
    ax.pie(chart["values"], labels=chart["labels"], colors=colors, autopct="%1.1f%%", startangle=90,
           textprops={"fontsize": 9})
    ax.axis("equal")
