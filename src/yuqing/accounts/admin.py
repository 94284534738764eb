"""The Django admin site writes through the audit trail.

Fields that an action owns are changed there only through the action (units: yuqing.units.admin);
every other change or deletion made in the admin site is written to the audit trail like an
action's, as `admin.change` / `admin.delete` with the changed fields or the deleted row.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from yuqing.actions import audit, describe


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit(request.user, "admin.change" if change else "admin.add", obj, fields=list(form.changed_data))

    def save_related(self, request, form, formsets, change) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            if "groups" in form.changed_data:  # a role given or taken away
                audit(request.user, "admin.roles", form.instance,
                      roles=sorted(form.instance.groups.values_list("name", flat=True)))

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            _audit_delete(request.user, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                _audit_delete(request.user, obj)
            super().delete_queryset(request, queryset)


def _audit_delete(actor, obj) -> None:
    audit(actor, "admin.delete", obj, target=describe(obj))


class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    pass


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)
