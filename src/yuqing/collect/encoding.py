"""Bytes of a web page to text: BOM, HTTP charset, <meta> charset, then detection.

Chinese sites still serve GBK, GB2312 and Big5. Labels are widened to the supersets browsers
actually use (GB2312/GBK -> GB18030, Big5 -> Big5-HKSCS, Latin-1 -> cp1252), because pages
labelled with the narrow name routinely contain characters only the superset has.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

META_SCAN_BYTES = 16 * 1024
DETECT_BYTES = 64 * 1024
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HEADER = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_WIDER = {
    "gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030",
    "big5": "big5hkscs", "cp950": "big5hkscs",
    "latin_1": "cp1252", "ascii": "cp1252", "iso8859_1": "cp1252",
    "utf_16": "utf-8",  # a <meta> cannot honestly say UTF-16: the bytes we read it from were ASCII
}
# Labels browsers know that Python's codec registry does not.
_ALIASES = {"x-gbk": "gbk", "x-euc-cn": "gbk", "x-x-big5": "big5", "cn-big5": "big5", "csbig5": "big5", "x-big5": "big5"}


def normalise_label(label: str | None) -> str | None:
    """Python codec name for a charset label, widened to its superset; None when unknown."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_ALIASES.get(cleaned, cleaned)).name
    except LookupError:
        return None
    return _WIDER.get(name.replace("-", "_"), name)


def declared_in_header(content_type: str | None) -> str | None:
    match = _HEADER.search(content_type or "")
    return normalise_label(match.group(1)) if match else None


def declared_in_meta(data: bytes) -> str | None:
    match = _META.search(data[:META_SCAN_BYTES])
    return normalise_label(match.group(1).decode("ascii")) if match else None


def detect(data: bytes) -> str:
    if _is_utf8(data):
        return "utf-8"
    best = charset_normalizer.from_bytes(data[:DETECT_BYTES]).best()
    return normalise_label(best.encoding if best else None) or "gb18030"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut at the end of a truncated sample is not evidence against UTF-8.
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


def choose_encoding(data: bytes, content_type: str | None = None) -> str:
    """The codec to decode `data` with, following the order browsers use."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    declared = declared_in_header(content_type) or declared_in_meta(data)
    if declared is None:
        return detect(data)
    # Pages re-saved as UTF-8 often keep their old "gb2312" label. Real GBK text that is also
    # valid UTF-8 with many non-ASCII bytes practically never happens, so the bytes win.
    if declared != "utf-8" and _has_non_ascii(data) and _is_utf8(data):
        return "utf-8"
    return declared


def _has_non_ascii(data: bytes, minimum: int = 16) -> bool:
    return len(data) - len(data.decode("ascii", "ignore")) >= minimum if data else False


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, codec). Undecodable bytes become U+FFFD, never an error."""
    encoding = choose_encoding(data, content_type)
    text = data.decode(encoding, errors="replace")
    return text.removeprefix("\ufeff"), encoding
