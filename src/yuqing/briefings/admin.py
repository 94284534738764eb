from django.contrib import admin

from yuqing.accounts.admin import AuditedAdmin
from yuqing.briefings.models import Schedule


@admin.register(Schedule)
class ScheduleAdmin(AuditedAdmin):
    list_display = ("kind", "hour", "minute", "roles", "base_url", "enabled", "last_period_start")
    list_editable = ("enabled",)
