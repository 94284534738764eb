"""Chinese legacy encodings decode correctly, from bytes and over HTTP."""

from __future__ import annotations

import codecs

import pytest

from tests.collect.fixtures import BIG5_TEXT, GBK_TEXT
from tests.collect.server import TestSite
from yuqing.collect.client import HttpClient
from yuqing.collect.encoding import choose_encoding, decode_html, normalise_label


@pytest.mark.parametrize(
    ("label", "codec"),
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("GB18030", "gb18030"), ("big5", "big5hkscs"),
     ("iso-8859-1", "cp1252"), ("utf8", "utf-8"), ('"UTF-8"', "utf-8"), ("no-such-charset", None), ("", None)],
)
def test_labels_widen_to_their_supersets(label: str, codec: str | None) -> None:
    assert normalise_label(label) == codec


def test_gb2312_label_decodes_gbk_only_characters() -> None:
    data = f'<meta charset="gb2312"><p>{GBK_TEXT}</p>'.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # why the label must be widened: 镕 is not in GB2312
    text, codec = decode_html(data)
    assert GBK_TEXT in text and codec == "gb18030"


def test_http_charset_wins_over_meta() -> None:
    data = f'<meta charset="big5"><p>{GBK_TEXT}</p>'.encode("gbk")
    assert choose_encoding(data, "text/html; charset=GBK") == "gb18030"


def test_undeclared_gbk_is_detected() -> None:
    text, _ = decode_html(("<p>" + GBK_TEXT * 3 + "</p>").encode("gbk"))
    assert GBK_TEXT in text


def test_page_saved_as_utf8_but_still_labelled_gb2312_reads_as_utf8() -> None:
    data = f'<meta charset="gb2312"><p>{GBK_TEXT}</p>'.encode("utf-8")
    assert decode_html(data)[0].endswith(f"<p>{GBK_TEXT}</p>")


def test_byte_order_mark_wins() -> None:
    data = codecs.BOM_UTF16_LE + "<p>中文</p>".encode("utf-16-le")
    assert decode_html(data, "text/html; charset=gbk")[0] == "<p>中文</p>"


def test_garbage_never_raises() -> None:
    text, _ = decode_html(bytes(range(256)) * 10, "text/html; charset=utf-8")
    assert "\ufffd" in text


@pytest.mark.parametrize(("path", "expected"), [
    ("/gbk-meta.html", GBK_TEXT), ("/gbk-header.html", GBK_TEXT), ("/gbk-sniff.html", GBK_TEXT), ("/big5.html", BIG5_TEXT),
])
def test_served_pages_decode(site: TestSite, http: HttpClient, path: str, expected: str) -> None:
    assert expected in http.get(site.url(path)).text
