"""Periodicals (e.g. 《某某宣传信息》), their numbered issues per year (第N期) and the entries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Periodical(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    issuing_unit = models.CharField(_("issuing unit"), max_length=200)
    distribution = models.TextField(_("usual distribution list"), blank=True,
                                    help_text=_("One line each, e.g. 报：… / 送：… / 发：…"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodical")
        verbose_name_plural = _("periodicals")

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("issue state", "Published")

    periodical = models.ForeignKey(Periodical, on_delete=models.PROTECT, related_name="issues",
                                   verbose_name=_("periodical"))
    year = models.PositiveIntegerField(_("year"))
    # Numbered when signed off, so numbers have no gaps and two drafts never claim the same one.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    editor_note = models.TextField(_("editor's note"), blank=True)
    distribution = models.TextField(_("distribution list"), blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
                                 verbose_name=_("corrects issue"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("signed off by"))
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-number", "-id"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [models.UniqueConstraint(fields=["periodical", "year", "number"], name="issue_number_unique")]

    def __str__(self) -> str:
        return f"{self.periodical.name} {self.label}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def label(self) -> str:
        """The issue's number in the reader's language (the Word and PDF files lay out their own)."""
        if self.number is None:
            return str(_("%(year)s (draft)") % {"year": self.year})
        return str(_("%(year)s, issue %(number)s") % {"year": self.year, "number": self.number})


class IssueEntry(models.Model):
    """One adopted item in an issue, as edited for print (采编): the item itself stays unchanged."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    submission = models.ForeignKey("submissions.Submission", on_delete=models.PROTECT, related_name="bulletin_entries")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"))  # sanitised HTML
    source_label = models.CharField(_("contributed by"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "submission"], name="issue_entry_unique")]
