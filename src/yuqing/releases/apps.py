from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class ReleasesConfig(AppConfig):
    name = "yuqing.releases"
    label = "releases"
    verbose_name = _("Official releases")
    navigation = (NavEntry("releases:manage", _("Official releases"), group="respond", order=30,
                           visible="yuqing.releases.access.can_manage"),)
