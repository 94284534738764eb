from django.contrib import admin

from yuqing.units.models import Attendance, Membership, Officer, Training, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "head", "active")
    search_fields = ("name", "code")
    readonly_fields = ("path",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit")
    autocomplete_fields = ("unit",)


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "post", "status", "full_time")
    list_filter = ("status", "full_time")


class AttendanceInline(admin.TabularInline):
    model = Attendance


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ("held_on", "topic", "organiser")
    inlines = [AttendanceInline]
