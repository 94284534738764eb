"""Inbox items, delivery channels and the log of every delivery attempt."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuqing.failures import Failure, explain


class Severity(models.TextChoices):
    """Ordered from least to most urgent; the Chinese labels follow the usual four-level scale."""

    INFO = "info", _("Info")
    LOW = "low", _("Minor")
    MEDIUM = "medium", _("Serious")
    HIGH = "high", _("Major")
    CRITICAL = "critical", _("Critical")


SEVERITY_RANK = {value: rank for rank, value in enumerate(Severity.values)}


def severity_rank(value: str) -> int:
    return SEVERITY_RANK.get(value, 0)


class Notification(models.Model):
    """One item in one user's inbox."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=1000, blank=True)
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.INFO)
    # What the message is about ("monitoring.alert:17"): a newer message about the same subject
    # replaces the recipient's unread one, so the inbox holds each story once.
    subject = models.CharField(max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class Channel(models.Model):
    """Where deliveries go: a user's own, a unit's (its members' notifications), or office-wide
    (neither user nor unit, e.g. the office's robot group)."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WEBHOOK = "webhook", _("Signed webhook")
        WECOM = "wecom", _("WeCom group robot")
        DINGTALK = "dingtalk", _("DingTalk robot")
        FEISHU = "feishu", _("Feishu / Lark robot")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="channels")
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="channels",
                             verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    target = models.CharField(_("address"), max_length=1000,
                              help_text=_("E-mail address, or the robot's / webhook's URL"))
    secret = models.CharField(_("signing secret"), max_length=500, blank=True)
    min_severity = models.CharField(_("lowest severity sent"), max_length=10, choices=Severity.choices,
                                    default=Severity.INFO)
    kinds = models.CharField(_("only these kinds"), max_length=300, blank=True,
                             help_text=_("Comma-separated kinds of notification, e.g. alert,digest; empty: all"))
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.name

    @property
    def failure(self) -> Failure | None:
        """The last error, explained in the reader's language (yuqing.failures)."""
        return explain(self.last_error)

    @property
    def failing(self) -> bool:
        return self.enabled and self.consecutive_failures > 0

    @property
    def masked_target(self) -> str:
        """The address without what works as a password (robot keys and tokens sit in the URL)."""
        if self.kind == self.Kind.EMAIL:
            return self.target
        parts = urlsplit(self.target)
        return f"{parts.scheme}://{parts.hostname}/…" if parts.hostname else "…"

    @property
    def office_wide(self) -> bool:
        return self.user_id is None and self.unit_id is None

    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]

    def accepts(self, severity: str, kind: str = "") -> bool:
        wanted = self.kind_list()
        return (self.enabled and severity_rank(severity) >= severity_rank(self.min_severity)
                and (not wanted or kind in wanted))


class Delivery(models.Model):
    """One message to one channel, with every attempt's outcome. Holds its own copy of the text,
    because office-wide channels get one message per notify() call, not one per recipient."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("gave up")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=1000, blank=True)
    kind = models.CharField(max_length=50, blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.INFO)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    response_code = models.IntegerField(_("response code"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    @property
    def failure(self) -> Failure | None:
        return explain(self.last_error)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
