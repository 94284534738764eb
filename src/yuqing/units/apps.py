from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class UnitsConfig(AppConfig):
    name = "yuqing.units"
    label = "units"
    verbose_name = _("Units and officers")
    navigation = (NavEntry("units:list", _("Organisation"), group="reporting", order=40,
                           roles=("officer", "unit_head", "editor", "chief_editor", "leader", "admin")),
                  NavEntry("units:users", _("Users"), group="admin", order=70, roles=("admin",)))
