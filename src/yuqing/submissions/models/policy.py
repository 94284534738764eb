from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingPolicy(models.Model):
    """The office's rules, edited in the admin site. One row; absent means the defaults."""

    two_level_signoff = models.BooleanField(_("two-level sign-off (editor, then chief editor)"), default=False)
    first_report_minutes = models.PositiveIntegerField(_("first report due (minutes after the event)"), default=30)
    followup_minutes = models.PositiveIntegerField(_("follow-up report due (minutes after the event)"), default=120)
    final_after_close_minutes = models.PositiveIntegerField(
        _("final report due (minutes after the event is closed)"), default=24 * 60)
    remind_before_minutes = models.PositiveIntegerField(_("remind this many minutes before a deadline"), default=10)
    missed_after_minutes = models.PositiveIntegerField(
        _("a report not sent this many minutes after its deadline counts as missed"), default=24 * 60)
    hold_minutes = models.PositiveIntegerField(_("a reviewer's hold lapses after (minutes)"), default=60)
    instruction_bonus = models.DecimalField(_("bonus points for a leader's instruction"), max_digits=6,
                                            decimal_places=1, default=Decimal("2"))
    late_deduction = models.DecimalField(_("points deducted for a late sudden-incident report"), max_digits=6,
                                         decimal_places=1, default=Decimal("1"))
    missed_deduction = models.DecimalField(_("points deducted for a missed sudden-incident report"), max_digits=6,
                                           decimal_places=1, default=Decimal("3"))
    need_bonus = models.DecimalField(_("bonus points for an adopted answer to an information need (once per need and unit)"),
                                     max_digits=6, decimal_places=1, default=Decimal("1"))
    need_remind_before_hours = models.PositiveIntegerField(
        _("remind units this many hours before an information need is due"), default=24)
    attachment_max_mb = models.PositiveIntegerField(_("largest attachment (MB)"), default=20)
    attachment_types = models.CharField(_("allowed attachment types"), max_length=200,
                                        default="jpg,jpeg,png,gif,pdf,doc,docx,xls,xlsx,wps,txt,mp4")

    class Meta:
        verbose_name = _("reporting policy")
        verbose_name_plural = _("reporting policy")

    def __str__(self) -> str:
        return str(_("reporting policy"))

    @classmethod
    def current(cls) -> "ReportingPolicy":
        # Reading never writes: without a saved row the defaults apply.
        return cls.objects.order_by("pk").first() or cls()

    @property
    def allowed_types(self) -> set[str]:
        return {t.strip().lower().lstrip(".") for t in self.attachment_types.split(",") if t.strip()}
