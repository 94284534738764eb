"""Real local receivers for the channel tests: an HTTP server playing WeCom, DingTalk, Feishu and
a generic webhook consumer, each checking the payload shape and signature the way the platform
documents it (written here independently of yuqing.notifications.formats), and an SMTP sink.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SECRETS = {"dingtalk": "SECdingtalk-test-secret", "feishu": "feishu-test-secret", "webhook": "hook-secret-测试"}
WECOM_KEY = "wecom-key-123"
MAX_SKEW_S = 3600


@dataclass
class Received:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict
    verdict: str  # "ok" or why the receiver refused it


@dataclass
class Behaviour:
    fail_first: int = 0  # answer HTTP 500 this many times before behaving
    calls: int = 0


class RobotReceiver:
    __test__ = False

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.behaviour: dict[str, Behaviour] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def start(self) -> "RobotReceiver":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, path: str, query: dict[str, str], headers: dict[str, str], raw: bytes) -> tuple[int, dict]:
        behaviour = self.behaviour.setdefault(path, Behaviour())
        behaviour.calls += 1
        if behaviour.calls <= behaviour.fail_first:
            return 500, {"error": "temporarily broken"}
        body = json.loads(raw.decode("utf-8"))
        kind = path.strip("/").split("/")[0]
        status, answer, verdict = CHECKS[kind](query, headers, raw, body)
        with self.lock:
            self.received.append(Received(path, query, headers, body, verdict))
        return status, answer


def _fresh(timestamp: float) -> bool:
    return abs(time.time() - timestamp) < MAX_SKEW_S


def check_wecom(query, headers, raw, body):
    if query.get("key") != WECOM_KEY:
        return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}, "bad key"
    content = (body.get("markdown") or {}).get("content")
    if body.get("msgtype") != "markdown" or not isinstance(content, str) or not content:
        return 200, {"errcode": 40008, "errmsg": "invalid message type"}, "bad shape"
    if len(content.encode()) > 4096:
        return 200, {"errcode": 40058, "errmsg": "content exceed max length"}, "too long"
    return 200, {"errcode": 0, "errmsg": "ok"}, "ok"


def check_dingtalk(query, headers, raw, body):
    timestamp, sign = query.get("timestamp", ""), query.get("sign", "")
    secret = SECRETS["dingtalk"]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()).decode()
    if not timestamp.isdigit() or not _fresh(int(timestamp) / 1000) or not hmac.compare_digest(sign, expected):
        return 200, {"errcode": 310000, "errmsg": "sign not match"}, "bad signature"
    markdown = body.get("markdown") or {}
    if body.get("msgtype") != "markdown" or not markdown.get("title") or not markdown.get("text"):
        return 200, {"errcode": 40035, "errmsg": "missing parameter"}, "bad shape"
    return 200, {"errcode": 0, "errmsg": "ok"}, "ok"


def check_feishu(query, headers, raw, body):
    timestamp, sign = str(body.get("timestamp", "")), body.get("sign", "")
    secret = SECRETS["feishu"]
    expected = base64.b64encode(hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
    if not timestamp.isdigit() or not _fresh(int(timestamp)) or not hmac.compare_digest(str(sign), expected):
        return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}, "bad signature"
    if body.get("msg_type") != "text" or not (body.get("content") or {}).get("text"):
        return 200, {"code": 9499, "msg": "Bad Request"}, "bad shape"
    return 200, {"code": 0, "msg": "success", "data": {}}, "ok"


def check_webhook(query, headers, raw, body):
    timestamp, signature = headers.get("x-yuqing-timestamp", ""), headers.get("x-yuqing-signature", "")
    mac = hmac.new(SECRETS["webhook"].encode(), timestamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    if not timestamp.isdigit() or not _fresh(int(timestamp)) or not hmac.compare_digest(signature, "sha256=" + mac):
        return 401, {"error": "bad signature"}, "bad signature"
    if not {"id", "title", "body", "link", "severity"} <= set(body):
        return 400, {"error": "bad shape"}, "bad shape"
    return 200, {"received": True}, "ok"


CHECKS = {"wecom": check_wecom, "dingtalk": check_dingtalk, "feishu": check_feishu, "webhook": check_webhook}


def _handler(receiver: RobotReceiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer = receiver.handle(parts.path, query, headers, raw)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    return Handler


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpSink:
    """aiosmtpd in a thread; every message it accepts lands in `messages` (parsed)."""

    messages: list = field(default_factory=list)

    def start(self) -> "SmtpSink":
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's naming
                parsed = message_from_bytes(envelope.content, policy=policy.default)
                sink.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
                return "250 OK"

        self.port = _free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
