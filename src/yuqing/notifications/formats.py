"""What each robot and the generic webhook expect: URL, headers, JSON body and signature.

Pure functions over a `Message`, so the shapes and signatures are tested against a real local
receiver and the network code stays small. Formats, as the platforms document them:

- WeCom group robot: POST {"msgtype": "markdown", "markdown": {"content": ...}}; no signature
  (the key in the URL is the secret). Success is {"errcode": 0}.
- DingTalk custom robot: POST {"msgtype": "markdown", "markdown": {"title", "text"}}; with
  "加签", `timestamp` (ms) and `sign` = base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}"))
  are added to the URL's query. Success is {"errcode": 0}.
- Feishu / Lark custom robot: POST {"msg_type": "text", "content": {"text"}}; with a signature,
  "timestamp" (s) and "sign" = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b"")) go
  in the body. Success is {"code": 0} (older answers: {"StatusCode": 0}).
- Generic webhook: POST the message as JSON; `X-Yuqing-Timestamp` (s) and `X-Yuqing-Signature`
  = "sha256=" + hex(HMAC-SHA256(secret, f"{timestamp}." + body)), so a receiver can reject
  forged and replayed calls.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_BYTES = 3800  # WeCom caps markdown content at 4096 UTF-8 bytes (CJK: 3 bytes a character)


@dataclass(frozen=True)
class Message:
    id: int
    title: str
    body: str
    link: str  # absolute, or "" when no public address is configured
    kind: str
    severity: str
    severity_label: str
    created_at: str


@dataclass(frozen=True)
class HttpRequestSpec:
    url: str
    headers: dict[str, str]
    body: bytes


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def clip_bytes(text: str, budget: int) -> str:
    """`text` cut to at most `budget` UTF-8 bytes, on a character boundary, marked with "…"."""
    data = text.encode("utf-8")
    if len(data) <= budget:
        return text
    return data[: max(0, budget - 3)].decode("utf-8", errors="ignore") + "…"


def _fit(head: str, body: str, tail: str) -> str:
    """head + body + tail within MAX_BYTES; the body gives way, the title and link stay whole."""
    budget = MAX_BYTES - len(head.encode()) - len(tail.encode())
    return (head + clip_bytes(body, max(budget, 0)) + tail).strip()


def _markdown(message: Message, heading: str = "") -> str:
    tail = f"\n\n[{message.link}]({message.link})" if message.link else ""
    return _fit(f"{heading}**【{message.severity_label}】{message.title}**\n\n", message.body, tail)


def _plain(message: Message) -> str:
    return _fit(f"【{message.severity_label}】{message.title}\n", message.body, f"\n{message.link}" if message.link else "")


def hmac_b64(key: bytes, msg: bytes) -> str:
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    return hmac_b64(secret.encode(), f"{timestamp_ms}\n{secret}".encode())


def feishu_sign(secret: str, timestamp_s: int) -> str:
    return hmac_b64(f"{timestamp_s}\n{secret}".encode(), b"")


def webhook_signature(secret: str, timestamp_s: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp_s}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _with_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(extra.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


def wecom(message: Message, url: str, secret: str, now: float) -> HttpRequestSpec:
    body = {"msgtype": "markdown", "markdown": {"content": _markdown(message)}}
    return HttpRequestSpec(url, dict(JSON_HEADERS), _json(body))


def dingtalk(message: Message, url: str, secret: str, now: float) -> HttpRequestSpec:
    body = {"msgtype": "markdown", "markdown": {"title": message.title[:64], "text": _markdown(message, "### ")}}
    if secret:
        timestamp = int(now * 1000)
        url = _with_query(url, {"timestamp": str(timestamp), "sign": dingtalk_sign(secret, timestamp)})
    return HttpRequestSpec(url, dict(JSON_HEADERS), _json(body))


def feishu(message: Message, url: str, secret: str, now: float) -> HttpRequestSpec:
    body: dict[str, object] = {"msg_type": "text", "content": {"text": _plain(message)}}
    if secret:
        timestamp = int(now)
        body = {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **body}
    return HttpRequestSpec(url, dict(JSON_HEADERS), _json(body))


def webhook(message: Message, url: str, secret: str, now: float) -> HttpRequestSpec:
    body = _json(asdict(message))
    headers = {**JSON_HEADERS, "X-Yuqing-Delivery": str(message.id)}
    if secret:
        timestamp = int(now)
        headers["X-Yuqing-Timestamp"] = str(timestamp)
        headers["X-Yuqing-Signature"] = webhook_signature(secret, timestamp, body)
    return HttpRequestSpec(url, headers, body)


BUILDERS = {"wecom": wecom, "dingtalk": dingtalk, "feishu": feishu, "webhook": webhook}


def robot_error(kind: str, payload: object) -> str | None:
    """The platform's own refusal in a 200 answer (bad key, bad signature, rate limit), or None;
    stored as yuqing.failures writes failures (`RobotRefused[93000]: robot refused: …`)."""
    if kind == "webhook":
        return None
    if not isinstance(payload, dict):
        return "RobotAnswerNotJson: the robot did not answer with JSON"
    if kind in {"wecom", "dingtalk"}:
        code, text = payload.get("errcode"), payload.get("errmsg")
    else:
        code = payload.get("code", payload.get("StatusCode"))
        text = payload.get("msg", payload.get("StatusMessage"))
    return None if code == 0 else f"RobotRefused[{code}]: robot refused: code {code}: {text}"
