"""One spelling per address, so the same article found twice de-duplicates by URL."""

from __future__ import annotations

from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

# Parameters that only say where a click came from; they never change the page.
TRACKING_PARAMS = frozenset({"spm", "from", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid"})
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    lowered = unquote_plus(name).lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default port, fragment and tracking parameters, sort the rest.

    The path keeps its case (servers differ) and query pairs keep their exact encoding: they are
    sorted as raw `name=value` strings, never decoded and re-encoded, so no meaning changes.
    Anything that does not parse as a URL is returned stripped but otherwise untouched.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if not parts.scheme or not parts.netloc:
        return text
    scheme = parts.scheme.lower()
    return urlunsplit((scheme, _netloc(parts, scheme, port), parts.path or "/", _query(parts.query), ""))


def _netloc(parts: SplitResult, scheme: str, port: int | None) -> str:
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # IPv6 literal: brackets were stripped by hostname
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    return netloc


def _query(query: str) -> str:
    pairs = [pair for pair in query.split("&") if pair and not is_tracking_param(pair.split("=", 1)[0])]
    return "&".join(sorted(pairs))


def host_of(url: str) -> str:
    """Lower-case host of a URL ("" when it has none); the unit for rate limits and robots.txt."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""
