from django.contrib import admin

from yuqing.sources.models import SiteName


@admin.register(SiteName)
class SiteNameAdmin(admin.ModelAdmin):
    list_display = ("domain", "name")
    search_fields = ("domain", "name")
