"""HTML pages as PDF (WeasyPrint), with a font that covers Chinese embedded, so the file reads the same anywhere.

The templates list the office's preferred fonts first (仿宋_GB2312, Noto Serif CJK SC, …) and end
with CSS_FAMILY before the generic family: that name is bound here, by @font-face, to the font
yuqing.cjk_fonts found (on a bare machine the Noto Sans CJK installed with yuqing). Without any
Chinese font the PDF is refused (FontMissingError) instead of printing boxes.
"""

from __future__ import annotations

from yuqing import cjk_fonts

CSS_FAMILY = "yuqing CJK"


def font_face_css() -> str:
    font = cjk_fonts.require()
    return f'@font-face {{ font-family: "{CSS_FAMILY}"; src: url("{font.path.as_uri()}"); }}'


def html_to_pdf(html: str) -> bytes:
    """A self-contained page (no base URL: nothing is fetched but the font file) as PDF bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    face = CSS(string=font_face_css(), font_config=config)
    return HTML(string=html).write_pdf(stylesheets=[face], font_config=config)
