from django.contrib import admin

from yuqing.accounts.admin import AuditedAdmin
from yuqing.bulletins.models import Issue, Periodical


@admin.register(Periodical)
class PeriodicalAdmin(AuditedAdmin):
    list_display = ("name", "issuing_unit", "active")


@admin.register(Issue)
class IssueAdmin(AuditedAdmin):
    # Issues change only through the bulletin pages (published issues are immutable).
    list_display = ("periodical", "year", "number", "state", "issued_on")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
