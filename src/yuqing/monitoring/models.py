"""Schemes and their versions, alert rules, recorded matches, alerts with their log, and duty shifts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuqing.notifications.models import Severity

USER = settings.AUTH_USER_MODEL


class SchemeGroup(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scheme group")
        verbose_name_plural = _("scheme groups")

    def __str__(self) -> str:
        return self.name


class Scheme(models.Model):
    """A named monitoring rule. `expression` is what runs: typed (advanced) or built from the boxes (simple)."""

    class Mode(models.TextChoices):
        SIMPLE = "simple", _("Simple (word boxes)")
        ADVANCED = "advanced", _("Advanced (rule language)")

    name = models.CharField(_("name"), max_length=200)
    group = models.ForeignKey(SchemeGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="schemes")
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="schemes")
    # Owned by a unit instead of a user arrives with the units app (a nullable foreign key here).
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.SIMPLE)
    place_words = models.TextField(_("place words"), blank=True)
    subject_words = models.TextField(_("subject words"), blank=True)
    exclude_words = models.TextField(_("excluded words"), blank=True)
    expression = models.TextField(_("rule"))
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    baseline_since = models.DateTimeField(default=timezone.now, help_text="start of the volume baseline (warm-up)")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["group__name", "name", "id"]
        verbose_name = _("monitoring scheme")
        verbose_name_plural = _("monitoring schemes")

    def __str__(self) -> str:
        return self.name


class SchemeVersion(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="scheme_version_unique")]


class AlertRule(models.Model):
    class Kind(models.TextChoices):
        EVERY = "every", _("Every new match")
        NEGATIVE = "negative", _("Negative matches only")
        RISK = "risk", _("Risk matches only (accidents, disasters, crime, epidemics, rights protests …)")
        SPIKE = "spike", _("Volume spike")
        SPREAD = "spread", _("Spread to several sites")
        EVENT_PLACE = "event_place", _("New event in a watched place")

    class Digest(models.TextChoices):
        NONE = "", _("at once")
        HOURLY = "hourly", _("hourly digest")
        DAILY = "daily", _("daily digest")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    digest = models.CharField(_("delivery"), max_length=10, choices=Digest.choices, blank=True, default="")
    escalate_minutes = models.PositiveIntegerField(_("escalate after (minutes)"), default=15,
                                                   help_text=_("0: never escalate"))
    # spike
    sensitivity = models.FloatField(_("sensitivity (standard deviations)"), default=3.0)
    min_count = models.PositiveIntegerField(_("minimum posts in a bucket"), default=5)
    bucket_minutes = models.PositiveIntegerField(_("bucket (minutes)"), default=10)
    cooldown_minutes = models.PositiveIntegerField(_("cool-down (minutes)"), default=60)
    warmup_buckets = models.PositiveIntegerField(_("warm-up (buckets)"), default=6)
    # spread
    min_sites = models.PositiveIntegerField(_("minimum sites"), default=3)
    # event in a watched place
    places = models.CharField(_("watched places"), max_length=500, blank=True)
    min_posts = models.PositiveIntegerField(_("minimum posts in the event"), default=3)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheme", "kind"]
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="alert_rule_kind_unique")]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.get_kind_display()}"


class SchemeMatch(models.Model):
    """A stored document matched by a scheme: the scheme's volume series and its match list."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="matches")
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="scheme_matches")
    published_at = models.DateTimeField()
    matched_at = models.DateTimeField(default=timezone.now)
    backfilled = models.BooleanField(default=False, help_text="found when the scheme was saved, never alerted")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "document"], name="scheme_match_unique")]
        indexes = [models.Index(fields=["scheme", "published_at"], name="scheme_match_time")]


class Alert(models.Model):
    """One alert per (scheme, group): an event, a post with no event, or a spike no event explains.

    Its reasons (`AlertReason`) grow as the scheme's rules fire on the same story, and its
    severity is the highest of theirs, so people see each story once, however many rules saw it.
    """

    class Status(models.TextChoices):
        NEW = "new", _("waiting for acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        TAKEN = "taken", _("taken up")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="alerts")
    # "event:<id>", "doc:<pk>", or "spike:<bucket>" when no event explains a spike.
    group_key = models.CharField(max_length=120)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    title = models.CharField(_("title"), max_length=300)
    document_count = models.PositiveIntegerField(_("posts"), default=0)
    sites = models.JSONField(default=list, blank=True)
    documents = models.ManyToManyField("documents.Document", through="AlertDocument", related_name="alerts")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    created_at = models.DateTimeField(_("raised"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last growth"), default=timezone.now)
    notified_count = models.PositiveIntegerField(default=0, help_text="document_count when people were last told")
    digest_pending = models.BooleanField(default=False, db_index=True)
    assignee = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    escalation_level = models.PositiveSmallIntegerField(default=0)
    next_escalation_at = models.DateTimeField(null=True, blank=True, db_index=True)
    acknowledged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    taken_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    taken_at = models.DateTimeField(null=True, blank=True)
    incident_url = models.CharField(max_length=500, blank=True, help_text="set by the incidents app's take handler")

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [models.UniqueConstraint(fields=["scheme", "group_key"], name="alert_scheme_group_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def site_count(self) -> int:
        return len(self.sites)

    @property
    def kinds(self) -> list[str]:
        """The kinds of rule that fired on it, in the order they first did."""
        return [reason.kind for reason in self.reasons.all()]

    @property
    def reasons_display(self) -> str:
        return " · ".join(str(reason) for reason in self.reasons.all())

    @property
    def evidence(self) -> dict:
        """The spike figures, if a spike is among the reasons (the template and API show them)."""
        for reason in self.reasons.all():
            if reason.evidence:
                return reason.evidence
        return {}


class AlertReason(models.Model):
    """Why an alert was raised or grew: one row per kind of rule that fired on it."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="reasons")
    rule = models.ForeignKey(AlertRule, null=True, on_delete=models.SET_NULL, related_name="reasons")
    kind = models.CharField(_("reason"), max_length=12, choices=AlertRule.Kind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True, help_text="when this reason last fired")
    evidence = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["alert", "kind"], name="alert_reason_kind_unique")]

    def __str__(self) -> str:
        return str(REASON_LABELS.get(self.kind, self.kind))


# Short labels for the reasons column ("matched · negative · spread"); the rule kinds' labels say what a rule does.
REASON_LABELS = {
    AlertRule.Kind.EVERY: _("matched"),
    AlertRule.Kind.NEGATIVE: _("negative"),
    AlertRule.Kind.RISK: _("risk"),
    AlertRule.Kind.SPIKE: _("volume spike"),
    AlertRule.Kind.SPREAD: _("spread across sites"),
    AlertRule.Kind.EVENT_PLACE: _("new event in a watched place"),
}


class AlertDocument(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE)
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "document"], name="alert_document_unique")]


class AlertStep(models.Model):
    """The alert's log: raised, grew, told whom, escalated to whom, acknowledged, taken up."""

    class Action(models.TextChoices):
        RAISED = "raised", _("raised")
        GREW = "grew", _("grew")
        NOTIFIED = "notified", _("notified")
        DIGESTED = "digested", _("sent in a digest")
        ESCALATED = "escalated", _("escalated")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        TAKEN = "taken", _("taken up")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=12, choices=Action.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recipients = models.JSONField(default=list, blank=True, help_text="user names told at this step")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Shift(models.Model):
    """One duty shift: the officer first, then the backup, then the leader (带班领导) if nobody acknowledges."""

    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    officer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="duty_shifts", verbose_name=_("officer"))
    backup = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("backup"))
    leader = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("leader on duty"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M} {self.officer}"


class HandoverNote(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="handover_notes")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("hand-over note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
