"""Incidents (cases): what the office handles when something sudden happens online.

An incident links events and documents (by hand or from the alert/event it was opened from),
has a lead group, tasks, manual timeline entries, an action log and the office's own attributed
statements. Alerts and sudden-incident submissions are referred to by id, not by foreign key,
so this app's migrations do not depend on apps that are built and migrated separately.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

USER = settings.AUTH_USER_MODEL


class Severity(models.TextChoices):
    """The usual four levels of a sudden incident; same values as alert severities."""

    LOW = "low", _("Minor")
    MEDIUM = "medium", _("Serious")
    HIGH = "high", _("Major")
    CRITICAL = "critical", _("Critical")


class Incident(models.Model):
    class State(models.TextChoices):
        WATCHING = "watching", _("watching")
        RESPONDING = "responding", _("responding")
        CLOSED = "closed", pgettext_lazy("incident state", "closed")

    class Origin(models.TextChoices):
        ALERT = "alert", _("from an alert")
        EVENT = "event", _("from an event")
        MANUAL = "manual", _("by hand")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.WATCHING, db_index=True)
    origin = models.CharField(_("opened"), max_length=8, choices=Origin.choices, default=Origin.MANUAL)
    alert_id = models.PositiveIntegerField(null=True, blank=True, help_text="monitoring.Alert it was opened from")
    submission_id = models.PositiveIntegerField(null=True, blank=True, help_text="its sudden-incident submission")
    place_code = models.CharField(_("place"), max_length=12, blank=True)
    opened_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)
    responding_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # written on close (incidents.closing)
    lessons = models.TextField(_("lessons"), blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state != self.State.CLOSED


class Member(models.Model):
    """The lead group (领导小组 / 工作专班): who handles the incident, in which role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        DEPUTY = "deputy", _("deputy lead")
        SPOKESPERSON = "spokesperson", _("spokesperson")
        ANALYST = "analyst", _("analyst")
        LIAISON = "liaison", _("liaison")
        MEMBER = "member", _("member")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="incident_roles")
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.MEMBER)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "user"], name="incident_member_unique")]


class Task(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="incident_tasks",
                              verbose_name=_("owner"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "due_at", "id"]


class LinkedEvent(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="linked_events")
    event_key = models.CharField(max_length=64)
    added_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["incident", "event_key"], name="incident_event_unique")]


class LinkedDocument(models.Model):
    """A document added by hand (included) or taken out of a linked event's documents (excluded)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="linked_documents")
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="+")
    included = models.BooleanField(default=True)
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "document"], name="incident_document_unique")]


class Entry(models.Model):
    """A manual timeline entry, or a line of the action log (free text, attributed to its author)."""

    class Kind(models.TextChoices):
        TIMELINE = "timeline", _("timeline entry")
        ACTION = "action", _("action taken")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    text = models.TextField(_("text"))
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class Statement(models.Model):
    """An official statement of the office: its own words, attributed, on a named channel."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField(_("statement"))
    channel = models.CharField(_("channel"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200, help_text=_("the office or spokesperson it is attributed to"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["published_at", "id"]
