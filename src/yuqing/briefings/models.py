"""Briefings (舆情日报 / 周报 / 月报 / 专报) and their schedules.

A briefing's `content` is the assembled report as it was generated (figures, sentences, the
evidence list of stored document ids): the Word, PDF and HTML files are rendered from it, so
a briefing reads the same later even if documents are re-analysed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DAILY = "daily", _("daily briefing")
    WEEKLY = "weekly", _("weekly briefing")
    MONTHLY = "monthly", _("monthly briefing")
    SPECIAL = "special", _("special report")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("waiting for sign-off")
    SIGNED = "signed", _("signed off")


class Briefing(models.Model):
    """One briefing per period and scope (or per incident): generating it again makes a new
    version of the same briefing (the old one kept in `versions`), never a second briefing.

    `content` is what was generated; `texts` is what staff wrote over it, per section key (the
    generated sections' text, and the staff sections: analysis 研判, recommendations).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    scheme_id = models.PositiveIntegerField(null=True, blank=True, help_text="monitoring.Scheme it covers")
    place_code = models.CharField(_("place"), max_length=12, blank=True)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="briefings")
    content = models.JSONField(default=dict)
    base_url = models.CharField(max_length=300, blank=True, help_text="address evidence links point to")
    schedule = models.ForeignKey("Schedule", null=True, blank=True, on_delete=models.SET_NULL, related_name="briefings")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("generated at"), default=timezone.now, db_index=True)
    texts = models.JSONField(default=dict, blank=True)
    picked = models.JSONField(default=list, blank=True, help_text="ids of documents staff added (their own section)")
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note from the reviewer"), blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("signed off by"))
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self) -> str:
        return self.title


class BriefingVersion(models.Model):
    """An earlier generation of a briefing, with what staff had written on it, kept when it was generated again."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(default=dict)
    texts = models.JSONField(default=dict, blank=True)
    generated_at = models.DateTimeField(_("generated at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["briefing", "number"], name="briefing_version_unique")]


class Schedule(models.Model):
    """Generate a briefing of `kind` when its period is over, at hour:minute, and tell people."""

    kind = models.CharField(_("kind"), max_length=10, choices=[c for c in Kind.choices if c[0] != Kind.SPECIAL],
                            default=Kind.DAILY)
    hour = models.PositiveSmallIntegerField(_("hour"), default=8)
    minute = models.PositiveSmallIntegerField(_("minute"), default=0)
    scheme_id = models.PositiveIntegerField(null=True, blank=True)
    place_code = models.CharField(_("place"), max_length=12, blank=True)
    roles = models.CharField(_("send to roles"), max_length=200, default="leader,analyst,duty_officer",
                             help_text=_("comma-separated role names"))
    base_url = models.CharField(_("server address"), max_length=300, default="http://127.0.0.1:8000",
                                help_text=_("the address people open yuqing at; evidence links in files point there"))
    enabled = models.BooleanField(_("enabled"), default=True)
    last_period_start = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "hour", "id"]
        verbose_name = _("briefing schedule")
        verbose_name_plural = _("briefing schedules")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.hour:02d}:{self.minute:02d}"
