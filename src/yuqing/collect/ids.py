"""Stable identifiers for records that bring none of their own, so re-imports de-duplicate."""

from __future__ import annotations

import hashlib

from yuqing.text.urls import canonical_url


def hashed_id(kind: str, *parts: str) -> str:
    """`kind:` plus 20 hex digits of SHA-1 over the parts; the same parts give the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{kind}:{digest[:20]}"


def url_id(url: str) -> str:
    """Id derived from a URL's canonical form, so tracking parameters do not split one item in two."""
    return hashed_id("url", canonical_url(url))
