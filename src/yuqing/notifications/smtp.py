"""E-mail through Django's SMTP backend, configured from one URL (settings.YUQING.smtp_url).

    smtp://user:password@mail.example.org:25?from=yuqing@office.example   plain
    smtp+starttls://user:password@mail.example.org:587                   STARTTLS
    smtps://user:password@mail.example.org:465                           TLS from the start

User and password are percent-decoded, so a password may contain any character.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from yuqing.errors import ConfigError

DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
TIMEOUT_S = 15


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: str
    use_tls: bool
    use_ssl: bool
    sender: str


def parse_smtp_url(url: str, default_sender: str = "yuqing@localhost") -> SmtpSettings:
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ConfigError(
            f"YUQING_SMTP_URL={url!r} is not understood; use smtp://user:password@host:25, "
            "smtp+starttls://user:password@host:587 or smtps://user:password@host:465"
        )
    query = parse_qs(parts.query)
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or DEFAULT_PORTS[parts.scheme],
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=parts.scheme == "smtp+starttls" or query.get("starttls", ["0"])[0] in {"1", "true"},
        use_ssl=parts.scheme == "smtps",
        sender=query.get("from", [default_sender])[0],
    )


def configured() -> SmtpSettings | None:
    from django.conf import settings

    url = getattr(settings.YUQING, "smtp_url", "")
    return parse_smtp_url(url, settings.DEFAULT_FROM_EMAIL) if url else None


def send_email(to: str, subject: str, body: str) -> None:
    """Send one plain-text mail; raises ConfigError when no SMTP server is set, OSError/SMTPException on failure."""
    smtp = configured()
    if smtp is None:
        raise ConfigError("no mail server configured: set YUQING_SMTP_URL (e.g. smtp://user:pw@host:587)")
    backend = EmailBackend(host=smtp.host, port=smtp.port, username=smtp.username or None,
                           password=smtp.password or None, use_tls=smtp.use_tls, use_ssl=smtp.use_ssl,
                           timeout=TIMEOUT_S, fail_silently=False)
    EmailMessage(subject=subject, body=body, from_email=smtp.sender, to=[to], connection=backend).send()
