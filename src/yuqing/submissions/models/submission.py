from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    MACRO = "macro", _("Macro / policy")
    EXPERIENCE = "experience", _("Experience")
    ROUTINE = "routine", _("Routine")
    SUDDEN = "sudden", _("Sudden incident")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", pgettext_lazy("submission state", "Rejected")
    PENDING_SIGNOFF = "pending_signoff", _("Awaiting sign-off")
    ADOPTED = "adopted", _("Adopted")


class Stage(models.TextChoices):
    """The reports of one sudden incident: first report, follow-ups, final report."""

    NONE = "", _("—")
    FIRST = "first", _("First report")
    FOLLOWUP = "followup", _("Follow-up report")
    FINAL = "final", _("Final report")


class Submission(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("unit"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions",
                               verbose_name=_("author"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("requested by"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    stage = models.CharField(_("report stage"), max_length=20, choices=Stage.choices, blank=True, default="")
    # The first report of a sudden incident is the thread; its follow-ups and final report point to it.
    thread = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="followups")
    # An answer to an information need of the office (one need, many items).
    need = models.ForeignKey("submissions.InformationNeed", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="answers", verbose_name=_("answers the need"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"), blank=True)  # sanitised HTML (submissions.richtext)
    event_at = models.DateTimeField(_("time of the event"), null=True, blank=True)
    event_place = models.CharField(_("place of the event"), max_length=200, blank=True)
    event_closed_at = models.DateTimeField(_("event closed at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("being handled by"))
    held_at = models.DateTimeField(null=True, blank=True)
    proposed_level = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    first_submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [models.Index(fields=["unit", "state"], name="submission_unit_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sudden(self) -> bool:
        return self.category == Category.SUDDEN

    @property
    def proposed_level_label(self) -> str:
        from yuqing.submissions.models.adoption import Level

        return str(Level(self.proposed_level).label) if self.proposed_level in Level.values else ""

    @property
    def thread_root(self) -> "Submission":
        return self.thread or self


class SubmissionVersion(models.Model):
    """Every saved text of an item; the diff view compares two of them."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    event_at = models.DateTimeField(null=True, blank=True)
    event_place = models.CharField(max_length=200, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="submission_version_unique")]


class ReviewNote(models.Model):
    """What happened in review and why: returns and rejections carry their reasons here."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=30)  # the state it led to, or "comment"
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never the uploader's file name on disk: a random name keeps paths safe and unguessable.
    now = timezone.now()
    return f"submissions/{now:%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class StoredFile(models.Model):
    """An uploaded file kept under a random name; what the uploader called it is kept beside it."""

    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]


class Attachment(StoredFile):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)

    class Meta(StoredFile.Meta):
        pass


class SubmissionLink(models.Model):
    """A link to something else in the system: a collected document, an event, an incident."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        EVENT = "event", _("Event")
        INCIDENT = "incident", _("Incident")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target = models.CharField(max_length=100)
    label = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "kind", "target"], name="submission_link_unique")]
