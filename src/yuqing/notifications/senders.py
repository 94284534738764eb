"""Sending one delivery: robots and webhooks over HTTP (through the address guard), mail over SMTP.

A webhook URL is user input, exactly like a source URL: without the guard, a channel pointed at
http://169.254.169.254/ would make the server call its own network. Networks an office wants
to reach (an intranet OA webhook, or 127.0.0.1 in tests) are allowed by settings.
"""

from __future__ import annotations

import smtplib
import time
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils import translation

from yuqing.collect.addresses import AddressGuard
from yuqing import failures
from yuqing.errors import YuqingError
from yuqing.notifications import formats
from yuqing.notifications.models import Channel, Delivery, Severity

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    response_code: int | None = None
    error: str = ""


def allowed_networks() -> list[str]:
    """YUQING_NOTIFY_ALLOW_NETWORKS (a Django setting, tests use it), else the collector's list."""
    explicit = getattr(settings, "YUQING_NOTIFY_ALLOW_NETWORKS", None)
    return list(explicit if explicit is not None else settings.YUQING.fetch_allow_networks)


def public_link(link: str) -> str:
    """An absolute address for a message leaving the server, or "" when none can be made."""
    if link.startswith(("http://", "https://")):
        return link
    base = getattr(settings, "YUQING_PUBLIC_URL", "") or settings.YUQING.base_url
    return base.rstrip("/") + link if base and link.startswith("/") else ""


def message_of(delivery: Delivery) -> formats.Message:
    with translation.override(settings.LANGUAGE_CODE):
        label = str(Severity(delivery.severity).label) if delivery.severity in Severity.values else delivery.severity
    return formats.Message(delivery.pk, delivery.title, delivery.body, public_link(delivery.link), delivery.kind,
                           delivery.severity, label, delivery.created_at.isoformat())


def send(delivery: Delivery, client: httpx.Client | None = None) -> Outcome:
    channel = delivery.channel
    try:
        if channel.kind == Channel.Kind.EMAIL:
            return _send_mail(channel, delivery)
        return _send_http(channel, delivery, client)
    except (YuqingError, OSError, smtplib.SMTPException, httpx.HTTPError, httpx.InvalidURL) as error:
        return Outcome(False, None, failures.stored(error)[:2000])


def _send_mail(channel: Channel, delivery: Delivery) -> Outcome:
    from yuqing.notifications.smtp import send_email

    message = message_of(delivery)
    address = channel.target or (channel.user.email if channel.user_id else "")
    if not address:
        return Outcome(False, None, failures.stored("NoEmailAddress", "no e-mail address: set one on the channel or the user account"))
    subject = " ".join(f"【{message.severity_label}】{message.title}".split())[:200]
    send_email(address, subject, "\n\n".join(part for part in (message.body, message.link) if part))
    return Outcome(True, 250)


def make_client() -> httpx.Client:
    from yuqing.collect.client import GuardedTransport

    guard = AddressGuard(allowed_networks())
    return httpx.Client(transport=GuardedTransport(guard, verify=True), timeout=TIMEOUT,
                        follow_redirects=False, trust_env=False)


def _send_http(channel: Channel, delivery: Delivery, client: httpx.Client | None) -> Outcome:
    if not channel.target.startswith(("http://", "https://")):
        return Outcome(False, None, failures.stored("NotHttpAddress", "the channel's address is not an http(s) URL"))
    spec = formats.BUILDERS[channel.kind](message_of(delivery), channel.target, channel.secret, time.time())
    owns = client is None
    client = client or make_client()
    try:
        response = client.post(spec.url, content=spec.body, headers=spec.headers)
    finally:
        if owns:
            client.close()
    if not response.is_success:
        return Outcome(False, response.status_code, failures.stored(f"HttpStatusError[{response.status_code}]",
                                                                    f"HTTP {response.status_code}: {response.text[:300]}"))
    refusal = formats.robot_error(channel.kind, _json_or_none(response))
    return Outcome(refusal is None, response.status_code, refusal or "")


def _json_or_none(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None
