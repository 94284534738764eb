"""A machine without any Chinese font, in a subprocess: fontconfig sees only matplotlib's own DejaVu
fonts, matplotlib's font list keeps only those, and (on request) the font shipped with yuqing is hidden.

`run_bare(tmp_path, code)` runs `code` there with Django set up and returns the completed process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PRELUDE = """
import sys
if {hide_bundled}:
    sys.modules["noto_cjk_sans_otc"] = None  # as if yuqing were installed without its font
import django
django.setup()
import matplotlib
from matplotlib import font_manager
from pathlib import Path
own = Path(matplotlib.get_data_path())
# matplotlib also scans /usr/share/fonts by itself: keep only the fonts it brings (no Chinese)
font_manager.fontManager.ttflist = [e for e in font_manager.fontManager.ttflist if own in Path(e.fname).parents]
"""


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{tool} (poppler-utils) is needed to check rendered glyphs")
    pytest.skip(f"{tool} (poppler-utils) is not installed")


def bare_environment(tmp_path: Path) -> dict[str, str]:
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                      f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n")
    return {**os.environ, "FONTCONFIG_FILE": str(config), "MPLCONFIGDIR": str(tmp_path / "mpl"),
            "YUQING_HOME": str(tmp_path / "home"), "DJANGO_SETTINGS_MODULE": "yuqing.web.settings",
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


def run_bare(tmp_path: Path, code: str, hide_bundled: bool = False) -> subprocess.CompletedProcess:
    script = PRELUDE.format(hide_bundled=hide_bundled) + code
    return subprocess.run([sys.executable, "-c", script], env=bare_environment(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)


def fontconfig_chinese(tmp_path: Path) -> str:
    """What fc-list finds for Chinese in the bare environment (must be nothing)."""
    env = bare_environment(tmp_path)
    return subprocess.run(["fc-list", ":lang=zh"], env=env, capture_output=True, text=True).stdout.strip()


def page_pixels(pdf: Path, tool: str = "pdftoppm") -> bytes:
    """Page 1 of a PDF as grey pixels (pdftoppm, 60 dpi)."""
    out = pdf.with_suffix("")
    subprocess.run([poppler(tool), "-gray", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(out)], check=True)
    image = next(pdf.parent.glob(f"{out.name}*.pgm"))
    return image.read_bytes()


@pytest.fixture
def no_chinese_font(tmp_path, monkeypatch):
    """This process on a machine without any Chinese font (fontconfig emptied, the shipped font hidden)."""
    from yuqing import cjk_fonts

    monkeypatch.setenv("FONTCONFIG_FILE", bare_environment(tmp_path)["FONTCONFIG_FILE"])
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)
    cjk_fonts.forget()
    yield
    cjk_fonts.forget()
