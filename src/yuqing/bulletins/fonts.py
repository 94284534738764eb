"""Fonts of a Chinese official document (GB/T 9704 style), with fallbacks.

Word files name the fonts offices have (WPS and most office PCs carry 仿宋_GB2312 and
方正小标宋简体); the font table gives Word an alternative (w:altName) for a machine without
them. PDF files are made here: the first of a face's fonts that the machine has, and otherwise
the font yuqing found (yuqing.pdf.CSS_FAMILY, always present), so Chinese never prints as boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

from yuqing.pdf import CSS_FAMILY


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
GENERIC = {"serif", "sans-serif"}


def css_family(face: Face) -> str:
    names = [f'"{name}"' for name in face.pdf if name not in GENERIC] + [f'"{CSS_FAMILY}"']
    return ", ".join(names + [name for name in face.pdf if name in GENERIC])
