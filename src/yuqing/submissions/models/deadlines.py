from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yuqing.submissions.models.submission import Stage


class ReportDeadline(models.Model):
    """One clock of a sudden incident: the first report, the follow-up, or the final report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        MET = "met", _("On time")
        LATE = "late", _("Late")
        MISSED = "missed", _("Missed")

    root = models.ForeignKey("submissions.Submission", on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(_("report"), max_length=20, choices=Stage.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="deadlines")
    # Whom lateness counts against: the officer who sent the report, or the item's author.
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    due_at = models.DateTimeField(_("due"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    met_at = models.DateTimeField(null=True, blank=True)
    met_by = models.ForeignKey("submissions.Submission", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    late_minutes = models.PositiveIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["root", "stage"], name="deadline_stage_unique")]

    def is_overdue(self, now) -> bool:
        return self.status == self.Status.PENDING and now >= self.due_at
