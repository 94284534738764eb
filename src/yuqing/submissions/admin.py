from django.contrib import admin

from yuqing.submissions.models import PointsRule, Quota, ReportingPolicy


@admin.register(ReportingPolicy)
class ReportingPolicyAdmin(admin.ModelAdmin):
    """The office's rules: deadlines, sign-off, points bonuses and deductions, attachment limits."""

    def has_add_permission(self, request) -> bool:
        return not ReportingPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PointsRule)
class PointsRuleAdmin(admin.ModelAdmin):
    list_display = ("level", "category", "points")
    list_editable = ("points",)
    list_filter = ("level",)


@admin.register(Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ("year", "month", "unit", "person", "submit_target", "adopt_target")
    list_filter = ("year", "month")
