"""Fonts of a Chinese official document (GB/T 9704 style), with fallbacks.

Word files name the fonts offices have (WPS and most office PCs carry 仿宋_GB2312 and
方正小标宋简体); the font table gives Word an alternative (w:altName) for a machine without
them. PDF files are made here, so they use what fontconfig finds, best first.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Face:
    word: str  # the East Asian font named in the Word file
    word_alt: str  # Word's fallback when `word` is not installed (fontTable altName)
    pdf: tuple[str, ...]  # CSS font-family list for the PDF, best first
    bold: bool = False


SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "serif")
MASTHEAD = Face("方正小标宋简体", "宋体", ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋") + SERIF, bold=True)
TITLE = Face("方正小标宋简体", "宋体", ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋") + SERIF, bold=True)
BODY = Face("仿宋_GB2312", "仿宋", ("FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong") + SERIF)
KAI = Face("楷体_GB2312", "楷体", ("KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti") + SERIF)
HEI = Face("黑体", "SimHei", ("SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"), bold=True)
LATIN = "Times New Roman"


def css_family(face: Face) -> str:
    return ", ".join(name if name in {"serif", "sans-serif"} else f'"{name}"' for name in face.pdf)


@lru_cache(maxsize=1)
def installed_chinese_fonts() -> tuple[str, ...]:
    """Font families fontconfig has for Chinese (empty when fc-list is absent)."""
    if not shutil.which("fc-list"):
        return ()
    result = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return tuple(sorted({part.strip() for line in result.stdout.splitlines() for part in line.split(",") if part.strip()}))


def pdf_face_in_use(face: Face) -> str | None:
    """The first of the face's PDF fonts that this machine has (what WeasyPrint will embed)."""
    installed = set(installed_chinese_fonts())
    return next((name for name in face.pdf if name in installed), None)
