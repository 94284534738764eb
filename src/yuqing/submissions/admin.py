from django.contrib import admin

from yuqing.accounts.admin import AuditedAdmin
from yuqing.submissions.models import PointsRule, Quota, ReportingPolicy


@admin.register(ReportingPolicy)
class ReportingPolicyAdmin(AuditedAdmin):
    """The office's rules: deadlines, sign-off, points bonuses and deductions, attachment limits."""

    def has_add_permission(self, request) -> bool:
        return not ReportingPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PointsRule)
class PointsRuleAdmin(AuditedAdmin):
    list_display = ("level", "category", "points")
    list_editable = ("points",)
    list_filter = ("level",)


@admin.register(Quota)
class QuotaAdmin(AuditedAdmin):
    list_display = ("year", "month", "unit", "person", "submit_target", "adopt_target")
    list_filter = ("year", "month")
