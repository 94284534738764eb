from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Instruction(models.Model):
    """A leader's instruction (批示) on an item, read either directly or in a bulletin issue."""

    submission = models.ForeignKey("submissions.Submission", on_delete=models.CASCADE, related_name="instructions")
    via_issue = models.ForeignKey("bulletins.Issue", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="instructions", verbose_name=_("in bulletin issue"))
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("instruction"))
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at", "-id"]


class FollowUpTask(models.Model):
    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("unit"))
    description = models.TextField(_("task"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    result = models.TextField(_("result"), blank=True)

    class Meta:
        ordering = ["completed_at", "due_on", "id"]
