from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuqing.submissions.models.submission import Category


class Level(models.TextChoices):
    UNIT = "unit", _("Unit")
    CITY = "city", _("City bulletin")
    PROVINCIAL = "provincial", _("Provincial")
    CENTRAL = "central", _("Central")


class Adoption(models.Model):
    """An item taken up at one level. Higher levels carry evidence (their issue number or a link)."""

    submission = models.ForeignKey("submissions.Submission", on_delete=models.CASCADE, related_name="adoptions")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    evidence = models.CharField(_("evidence (issue number)"), max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    adopted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["adopted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["submission", "level"], name="adoption_level_unique")]


class PointsRule(models.Model):
    """Points for an adoption at a level, per category. A missing row means the built-in default."""

    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=1)

    class Meta:
        verbose_name = _("points rule")
        verbose_name_plural = _("points rules")
        constraints = [models.UniqueConstraint(fields=["level", "category"], name="points_rule_unique")]


class PointsEntry(models.Model):
    """The points ledger. Entries are written when they are earned, so a later change of the
    rules does not rewrite a past year's assessment. `key` makes every award happen once."""

    class Kind(models.TextChoices):
        ADOPTION = "adoption", _("Adoption")
        INSTRUCTION = "instruction", _("Leader's instruction")
        LATE = "late", _("Late report")
        MISSED = "missed", _("Missed report")
        NEED = "need", _("Answer to an information need")

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="points")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="points")
    submission = models.ForeignKey("submissions.Submission", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="points")
    points = models.DecimalField(max_digits=6, decimal_places=1)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class Quota(models.Model):
    """A month's target for a unit (person empty) or for one person in it."""

    year = models.PositiveIntegerField()
    month = models.PositiveIntegerField()
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="quotas")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="quotas")
    submit_target = models.PositiveIntegerField(_("items to submit"), default=0)
    adopt_target = models.PositiveIntegerField(_("items to have adopted"), default=0)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["year", "month", "unit"], condition=models.Q(person__isnull=True),
                                    name="quota_unit_unique"),
            models.UniqueConstraint(fields=["year", "month", "unit", "person"], condition=models.Q(person__isnull=False),
                                    name="quota_person_unique"),
        ]
