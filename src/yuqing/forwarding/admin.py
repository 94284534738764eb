from django.contrib import admin

from yuqing.forwarding.models import Batch, HigherBody


@admin.register(HigherBody)
class HigherBodyAdmin(admin.ModelAdmin):
    """The higher bodies the office forwards to (省委宣传部信息处, 市委办公室信息科 …)."""

    list_display = ("name", "level", "active", "position")
    list_editable = ("active", "position")


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    # Batches change only through the forwarding pages (a sent batch is final).
    list_display = ("body", "year", "number", "state", "sent_on")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
