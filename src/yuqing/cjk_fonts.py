"""The font that shows Chinese in charts, PDFs and the charts of Word files: one that really has the glyphs.

A font counts when its character map covers PROBE (characters of the office's own documents), not
when its name sounds Chinese: `fc-match :lang=zh` answers DejaVu Sans on a machine without CJK
fonts, and matplotlib's font cache does not know fonts installed after it was written.

Where yuqing looks, best first: the fonts the office installed (fontconfig), known good families
first; then Noto Sans CJK, which yuqing installs with itself (the `noto-cjk-sans-otc` package,
SIL Open Font License 1.1, Noto Sans CJK Regular for SC/TC/JP/KR/HK in one 19 MB collection), so
a bare machine makes correct reports. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yuqing.errors import ConfigError

PROBE = "舆情监测简报突发事件宣传部门县镇"
PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Serif CJK SC", "Source Han Serif SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC")
BUNDLED_FAMILY = "Noto Sans CJK SC"


class FontMissingError(ConfigError):
    """No font on this machine can show Chinese: a report would print boxes instead of characters."""


@dataclass(frozen=True)
class CjkFont:
    path: Path
    index: int  # the face within a .ttc collection
    family: str
    origin: str  # "system" (installed on the machine) or "bundled" (installed with yuqing)


def covers(path: Path, index: int = 0, text: str = PROBE) -> bool:
    """Whether face `index` of the font file has a glyph for every character of `text`."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), fontNumber=index, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # an unreadable or odd font file is simply not a candidate
        return False
    return all(ord(char) in cmap for char in text)


def _fc_list() -> list[CjkFont]:
    """What fontconfig lists for Chinese (unchecked), the known good families and regular weights first."""
    if not shutil.which("fc-list"):
        return []
    result = subprocess.run(["fc-list", ":lang=zh", "--format", "%{file}\t%{index}\t%{family[0]}\t%{style[0]}\n"],
                            capture_output=True, text=True, check=False)
    found = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1].isdigit():
            found.append((CjkFont(Path(parts[0]), int(parts[1]), parts[2], "system"), parts[3]))
    rank = {name: i for i, name in enumerate(PREFERRED)}
    found.sort(key=lambda f: (rank.get(f[0].family, len(rank)), f[1] != "Regular", f[0].family, str(f[0].path)))
    return [font for font, _style in found]


def system_font(preferred_only: bool) -> CjkFont | None:
    """The first installed font that really covers Chinese (checking as few files as it can)."""
    for font in _fc_list():
        if preferred_only and font.family not in PREFERRED:
            return None
        if covers(font.path, font.index):
            return font
    return None


def bundled_font() -> CjkFont | None:
    """Noto Sans CJK SC from the noto-cjk-sans-otc package, when it is installed."""
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError:
        return None
    from fontTools.ttLib import TTCollection

    path = Path(str(FONT_PATH))
    if not path.is_file():
        return None
    with TTCollection(str(path), lazy=True) as collection:
        families = [font["name"].getDebugName(1) for font in collection.fonts]
    index = families.index(BUNDLED_FAMILY) if BUNDLED_FAMILY in families else 0
    return CjkFont(path, index, families[index], "bundled") if covers(path, index) else None


@lru_cache(maxsize=1)
def best() -> CjkFont | None:
    """The font reports use (looked up once per process; `forget()` looks again)."""
    return system_font(preferred_only=True) or bundled_font() or system_font(preferred_only=False)


def forget() -> None:
    best.cache_clear()


def missing_message() -> str:
    from django.utils.translation import gettext as _

    return _("No font on this server can show Chinese, so reports would print boxes instead of characters. "
             "Reinstall yuqing with its dependencies (pip install noto-cjk-sans-otc), or install a Chinese "
             "font (Debian: apt install fonts-noto-cjk), then run `yuqing doctor`.")


def require() -> CjkFont:
    """The font for a report; without one the report fails with a message that says what to install."""
    font = best()
    if font is None:
        raise FontMissingError(missing_message())
    return font
