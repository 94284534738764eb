"""Units, memberships and officers change in the admin site only through their actions: a unit's
parent decides its `path`, which unit-scoped visibility reads, and memberships decide who sees what."""

from django.contrib import admin

from yuqing.accounts.admin import AuditedAdmin
from yuqing.units import actions
from yuqing.units.models import Attendance, Membership, Officer, Training, Unit

UNIT_FIELDS = ("name", "kind", "parent", "head", "head_phone", "active", "position")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "head", "active")
    search_fields = ("name", "code")
    readonly_fields = ("path",)

    def get_readonly_fields(self, request, obj=None) -> tuple:
        return ("path", "code") if obj is not None else ("path",)

    def save_model(self, request, obj: Unit, form, change) -> None:
        data = form.cleaned_data
        if change:
            stored = Unit.objects.get(pk=obj.pk)  # the form already changed `obj`; the action compares
            saved = actions.update_unit(request.user, stored, **{f: data[f] for f in form.changed_data if f in UNIT_FIELDS})
        else:
            saved = actions.create_unit(request.user, code=data["code"], name=data["name"], kind=data["kind"],
                                        parent=data.get("parent"), head=data.get("head", ""),
                                        head_phone=data.get("head_phone", ""), position=data.get("position") or 0)
            if not data.get("active", True):
                saved = actions.update_unit(request.user, saved, active=False)
        obj.pk, obj.path = saved.pk, saved.path

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # units are switched off (active), never deleted: items and people refer to them


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit")
    autocomplete_fields = ("unit",)

    def save_model(self, request, obj: Membership, form, change) -> None:
        saved = actions.set_membership(request.user, user=obj.user, unit=obj.unit)
        obj.pk = saved.pk

    def delete_model(self, request, obj: Membership) -> None:
        actions.set_membership(request.user, user=obj.user, unit=None)

    def delete_queryset(self, request, queryset) -> None:
        for membership in queryset:
            self.delete_model(request, membership)


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "post", "status", "full_time")
    list_filter = ("status", "full_time")

    def save_model(self, request, obj: Officer, form, change) -> None:
        data = {f: form.cleaned_data[f] for f in actions.OFFICER_FIELDS if f in form.cleaned_data}
        if change:
            stored = Officer.objects.get(pk=obj.pk)
            saved = actions.update_officer(request.user, stored, **{f: data[f] for f in form.changed_data if f in data})
        else:
            saved = actions.create_officer(request.user, **data)
        obj.pk = saved.pk


class AttendanceInline(admin.TabularInline):
    model = Attendance


@admin.register(Training)
class TrainingAdmin(AuditedAdmin):
    list_display = ("held_on", "topic", "organiser")
    inlines = [AttendanceInline]
