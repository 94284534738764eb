"""Forwarding adopted items upward (报送上级): a batch (报送单) of adopted items to a named higher
body, in the office's order and wording, and what the higher level did with each item.

The forwarded text is the batch's own version: the unit's original item stays as it was. An
adoption by the higher level is recorded on the entry and written as an ordinary adoption of the
item (with its evidence), so points and rankings take it up without retyping.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuqing.submissions.models import Level

USER = settings.AUTH_USER_MODEL


class HigherBody(models.Model):
    """Where the office forwards to, e.g. 省委宣传部信息处 (edited in the admin site)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(_("adoption there counts at"), max_length=20, choices=Level.choices, default=Level.PROVINCIAL)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("higher body")
        verbose_name_plural = _("higher bodies")

    def __str__(self) -> str:
        return self.name


class Batch(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", pgettext_lazy("a batch", "Sent")

    body = models.ForeignKey(HigherBody, on_delete=models.PROTECT, related_name="batches", verbose_name=_("sent to"))
    sender = models.CharField(_("sending unit"), max_length=200)
    contact = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)
    year = models.PositiveIntegerField(_("year"))
    # Numbered when sent, so numbers have no gaps (as bulletin issues).
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-number", "-id"]
        verbose_name = _("forwarding batch")
        verbose_name_plural = _("forwarding batches")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="forward_batch_number_unique")]

    def __str__(self) -> str:
        return f"{self.body.name} {self.label}"

    @property
    def is_sent(self) -> bool:
        return self.state == self.State.SENT

    @property
    def label(self) -> str:
        """The batch's number in the reader's language (the Word and PDF files lay out their own)."""
        if not self.number:
            return str(_("%(year)s (draft)") % {"year": self.year})
        return str(_("%(year)s, no. %(number)s") % {"year": self.year, "number": self.number})


def evidence_path(instance: "Entry", filename: str) -> str:
    return f"forwarding/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Entry(models.Model):
    class Outcome(models.TextChoices):
        AWAITING = "", _("No answer yet")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="entries")
    submission = models.ForeignKey("submissions.Submission", on_delete=models.PROTECT, related_name="forward_entries")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"))  # sanitised HTML: the forwarded wording
    source_label = models.CharField(_("originating unit"), max_length=200, blank=True)
    source_version = models.PositiveIntegerField(default=1)  # the item's version the text was taken from
    edited_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    edited_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("what the higher level did"), max_length=12, choices=Outcome.choices, blank=True, default="")
    outcome_level = models.CharField(_("adopted at"), max_length=20, choices=Level.choices, blank=True)
    outcome_on = models.DateField(_("on"), null=True, blank=True)
    evidence = models.CharField(_("evidence (e.g. the higher bulletin's issue number)"), max_length=200, blank=True)
    evidence_file = models.FileField(_("evidence scan"), upload_to=evidence_path, max_length=300, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    adoption = models.ForeignKey("submissions.Adoption", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "submission"], name="forward_entry_unique")]
