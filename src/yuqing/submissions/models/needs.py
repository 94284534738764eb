"""Information needs (信息需求 / 约稿): the office asks units for exactly what a higher level needs.

A need names a topic, what is wanted, the categories of items it takes, a due time and the units
asked (one row each, which also carries the unit's "nothing to report" answer and its reminder
stamps). Units answer with ordinary submissions that point to the need (`Submission.need`).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuqing.submissions.models.submission import StoredFile


class InformationNeed(models.Model):
    title = models.CharField(_("topic"), max_length=300)
    wanted = models.TextField(_("what is wanted"))
    categories = models.JSONField(_("categories"), default=list, blank=True)  # empty: any category
    source = models.CharField(_("asked for by"), max_length=200, blank=True,
                              help_text=_("the higher level whose need this is, e.g. 省委宣传部信息处"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    scope = models.CharField(_("units asked"), max_length=300, blank=True)  # how the units were chosen, for display
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("information need")
        verbose_name_plural = _("information needs")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class NeedUnit(models.Model):
    """A unit asked by a need: its decline (with the reason) and the reminders it was sent."""

    need = models.ForeignKey(InformationNeed, on_delete=models.CASCADE, related_name="asked")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="needs_asked", verbose_name=_("unit"))
    declined_reason = models.TextField(_("nothing to report, because"), blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["unit__code", "id"]
        constraints = [models.UniqueConstraint(fields=["need", "unit"], name="need_unit_unique")]


def need_file_path(instance: "NeedAttachment", filename: str) -> str:
    # A random name on disk, as for submissions' attachments: safe and unguessable.
    return f"needs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class NeedAttachment(StoredFile):
    """A file that comes with the need, e.g. the higher level's notice."""

    need = models.ForeignKey(InformationNeed, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=need_file_path, max_length=300)

    class Meta(StoredFile.Meta):
        pass
