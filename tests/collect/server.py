"""A real HTTP server on 127.0.0.1 for the collector tests: real pages, feeds, and misbehaviour.

Runs http.server in a thread. Every request is logged with its arrival time and headers so
tests can check what the client actually sent (user agent, conditional headers, pacing).
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.collect import fixtures


@dataclass
class Request:
    path: str
    at: float
    headers: dict[str, str]


class TestSite:
    """One server. `robots`: "disallow" (a robots.txt that forbids /private/), "404", "500".

    `data_root` is the shared data folder (../shared/data); routes that serve its files answer
    404 without it."""

    __test__ = False  # not a pytest test class

    def __init__(self, robots: str = "disallow", data_root: Path | None = None) -> None:
        self.robots, self.data_root = robots, data_root
        self.log: list[Request] = []
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> TestSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self.log.append(Request(path, time.monotonic(), headers))
            self.hits[path] += 1
            return self.hits[path]

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path == path]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up mid-body (size and time limits) are expected here, not errors."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler_for(site: TestSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            count = site.record(self.path, {k.lower(): v for k, v in self.headers.items()})
            Routes(self, site, count).dispatch()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class Routes:
    def __init__(self, handler: BaseHTTPRequestHandler, site: TestSite, count: int) -> None:
        self.h, self.site, self.count = handler, site, count
        parts = urlsplit(handler.path)
        self.path, self.query = parts.path, parse_qs(parts.query)

    def dispatch(self) -> None:
        exact = {
            "/robots.txt": self.robots, "/page.html": self.page, "/feed.xml": self.feed,
            "/gbk-meta.html": lambda: self.encoded("gbk-meta"), "/gbk-header.html": lambda: self.encoded("gbk-header"),
            "/gbk-sniff.html": lambda: self.encoded("gbk-sniff"), "/big5.html": lambda: self.encoded("big5"),
            "/slow": self.slow, "/slow-body": self.slow_body, "/big": self.big, "/big-stream": self.big_stream,
            "/gzip-bomb": self.gzip_bomb, "/echo": self.echo, "/redirect": self.redirect, "/pdf": self.pdf,
            "/retry-after-long": lambda: self.send(429, b"slow down", headers={"Retry-After": "3600"}),
            "/not-a-feed.html": lambda: self.send(200, fixtures.ARTICLE_HTML.encode(), "text/html; charset=utf-8"),
            "/no-article.html": lambda: self.send(200, b"<html><body><nav>a</nav></body></html>", "text/html"),
            "/-/return-304.xml": lambda: self.send(304, b"", "text/xml"),
        }
        prefixes = {
            "/zh/": self.shared_page, "/zh-meta/": self.shared_page, "/en/": self.english_page,
            "/conformance/": self.conformance, "/always-500/": lambda: self.send(500, b"broken"),
            "/flaky/": self.flaky, "/retry-after/": self.retry_after, "/loop/": self.loop,
            "/chain/": self.chain, "/news/": self.news, "/private/": self.page, "/no-yuqing/": self.page,
        }
        if self.path in exact:
            return exact[self.path]()
        for prefix, route in prefixes.items():
            if self.path.startswith(prefix):
                return route()
        self.send(404, b"not found")

    # -- plumbing ---------------------------------------------------------------------------
    def send(self, status: int, body: bytes, content_type: str = "text/plain", headers: dict[str, str] | None = None) -> None:
        self.h.send_response(status)
        self.h.send_header("Content-Type", content_type)
        self.h.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.h.send_header(name, value)
        self.h.end_headers()
        self.h.wfile.write(body)

    def redirect_to(self, location: str, status: int = 302) -> None:
        self.send(status, b"", headers={"Location": location})

    # -- routes -----------------------------------------------------------------------------
    def robots(self) -> None:
        if self.site.robots == "disallow":
            return self.send(200, fixtures.ROBOTS_TXT.encode())
        self.send(int(self.site.robots), b"robots unavailable")

    def page(self) -> None:
        self.send(200, fixtures.ARTICLE_HTML.encode(), "text/html; charset=utf-8")

    def news(self) -> None:
        """A news site: /news/list.html links to three dated articles, served as the test article."""
        if self.path == "/news/list.html":
            links = "".join(f'<li><a href="/news/2026/1101/{n}.html">新闻 {n}</a></li>' for n in (1001, 1002, 1003))
            return self.send(200, f"<html><body><ul>{links}</ul><a href='/about'>关于</a></body></html>".encode(), "text/html; charset=utf-8")
        self.send(200, fixtures.ARTICLE_HTML.encode(), "text/html; charset=utf-8")

    def pdf(self) -> None:
        self.send(200, b"%PDF-1.4 not really", "application/pdf")

    def encoded(self, name: str) -> None:
        body, content_type = fixtures.ENCODED_PAGES[name]
        self.send(200, body, content_type)

    def feed(self) -> None:
        etag, modified = '"v1"', "Thu, 02 May 2024 08:00:00 GMT"
        headers = self.h.headers
        if headers.get("If-None-Match") == etag or headers.get("If-Modified-Since") == modified:
            return self.send(304, b"", headers={"ETag": etag, "Last-Modified": modified})
        self.send(200, fixtures.RSS_FEED.encode(), "application/rss+xml; charset=utf-8", {"ETag": etag, "Last-Modified": modified})

    def shared_page(self) -> None:
        relative = self.path.split("/", 2)[2]
        file = self._shared("html/chinese_news_pages", relative)
        if file is None:
            return self.send(404, b"no such page")
        # The files are stored as UTF-8 (some still say gb2312 inside): /zh/ tells the truth in
        # the header, /zh-meta/ leaves the charset to the page itself.
        content_type = "text/html; charset=utf-8" if self.path.startswith("/zh/") else "text/html"
        self.send(200, file.read_bytes(), content_type)

    def english_page(self) -> None:
        key = self.path.rsplit("/", 1)[1]
        file = self._shared("html/article_extraction_benchmark_en/html", f"{key}.html.gz")
        if file is None:
            return self.send(404, b"no such page")
        self.send(200, gzip.decompress(file.read_bytes()), "text/html")

    def _shared(self, folder: str, relative: str) -> Path | None:
        if self.site.data_root is None or ".." in relative:
            return None
        file = self.site.data_root / folder / relative
        return file if file.is_file() else None

    def conformance(self) -> None:
        """A feedparser test feed with the headers its `Header:` comments ask for (like its runtests.py)."""
        relative = self.path.split("/", 2)[2]
        file = self._shared("feeds/feedparser_conformance", relative)
        if file is None:
            return self.send(404, b"no such feed")
        body = file.read_bytes()
        headers = dict(conformance_headers(body, self.site.base_url))
        if file.suffix in (".gz", ".z"):
            headers["Content-Encoding"] = "gzip" if file.suffix == ".gz" else "deflate"
        if self._not_modified(headers):
            return self.send(304, b"", "application/xml")
        status = int(headers.pop("Status", "200"))
        self.send(status, body, headers.pop("Content-type", "application/xml"), headers)

    def _not_modified(self, headers: dict[str, str]) -> bool:
        asked = self.h.headers
        return (asked.get("If-None-Match") is not None and asked.get("If-None-Match") == headers.get("ETag")) or (
            asked.get("If-Modified-Since") is not None and asked.get("If-Modified-Since") == headers.get("Last-Modified")
        )

    def slow(self) -> None:
        time.sleep(2.0)
        self.page()

    def slow_body(self) -> None:
        self.h.send_response(200)
        self.h.send_header("Content-Type", "text/plain")
        self.h.send_header("Content-Length", "1000")
        self.h.end_headers()
        for _ in range(100):  # 10 bytes every 0.2 s: each read is quick, the whole body is not
            self.h.wfile.write(b"x" * 10)
            self.h.wfile.flush()
            time.sleep(0.2)

    def big(self) -> None:
        self.send(200, b"x" * fixtures.BIG_BODY_BYTES)

    def big_stream(self) -> None:
        """No Content-Length: the size is only known by reading, so the client must count."""
        self.h.send_response(200)
        self.h.send_header("Content-Type", "text/plain")
        self.h.send_header("Connection", "close")
        self.h.end_headers()
        self.h.close_connection = True
        chunk = b"y" * 65536
        try:
            for _ in range(fixtures.BIG_BODY_BYTES // len(chunk)):
                self.h.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should

    def gzip_bomb(self) -> None:
        body = gzip.compress(b"\0" * fixtures.BIG_BODY_BYTES)
        self.send(200, body, headers={"Content-Encoding": "gzip"})

    def echo(self) -> None:
        headers = {k.lower(): v for k, v in self.h.headers.items()}
        self.send(200, json.dumps(headers).encode(), "application/json")

    def redirect(self) -> None:
        self.redirect_to(self.query.get("to", ["/page.html"])[0])

    def flaky(self) -> None:
        if self.count <= 2:
            return self.send(503, b"try again")
        self.page()

    def retry_after(self) -> None:
        if self.count == 1:
            return self.send(429, b"slow down", headers={"Retry-After": "1"})
        self.page()

    def loop(self) -> None:
        self.redirect_to("/loop/b" if self.path == "/loop/a" else "/loop/a")

    def chain(self) -> None:
        remaining = int(self.path.rsplit("/", 1)[1] or 0)
        if remaining <= 0:
            return self.page()
        self.redirect_to(f"/chain/{remaining - 1}", 301)


_HEADER_LINE = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)


def conformance_headers(body: bytes, base_url: str) -> list[tuple[str, str]]:
    """The `Header:` lines of a feedparser test file, with its fixed test host replaced by ours."""
    found = []
    for name, value in _HEADER_LINE.findall(body):
        text = value.decode("utf-8").strip().replace("http://localhost:8097/tests/", f"{base_url}/conformance/")
        found.append((name.decode("utf-8").strip(), text.replace("http://localhost:8097", base_url)))
    return found
