"""canonical_url: one spelling per address."""

from __future__ import annotations

import pytest

from yuqing.text.urls import canonical_url


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTP://Example.COM:80/A/b?utm_source=x&b=2&a=1&spm=3#frag", "http://example.com/A/b?a=1&b=2"),
    ("https://news.example.cn:443", "https://news.example.cn/"),
    ("https://news.example.cn:8443/x", "https://news.example.cn:8443/x"),
    ("https://x.cn/p?from=timeline&utm_medium=a&UTM_Campaign=b", "https://x.cn/p"),
    ("https://x.cn/p?q=%E4%B8%AD&a", "https://x.cn/p?a&q=%E4%B8%AD"),   # encoding kept, bare keys kept
    ("https://x.cn/p?b=2&b=1", "https://x.cn/p?b=1&b=2"),
    ("  https://x.cn/Path/Case  ", "https://x.cn/Path/Case"),
    ("http://[::1]:80/x?fbclid=1", "http://[::1]/x"),
    ("http://Example.com./x", "http://example.com/x"),
    ("not a url", "not a url"),
    ("http://[bad", "http://[bad"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_idempotent() -> None:
    url = "HTTP://A.example:80/x?utm_source=1&b=2&a=1#f"
    assert canonical_url(canonical_url(url)) == canonical_url(url)
