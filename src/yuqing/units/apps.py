from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, NavEntry


class UnitsConfig(AppConfig):
    name = "yuqing.units"
    label = "units"
    verbose_name = _("Units and officers")
    navigation = (NavEntry("units:list", _("Organisation"), group="reporting", order=40,
                           roles=("officer", "unit_head", "editor", "chief_editor", "leader", "admin")),
                  NavEntry("units:users", _("Users"), group="admin", order=70, roles=("admin",)))
    dashboard_cards = (DashboardCard("units/_card_people.html", context="yuqing.units.cards.people", order=8,
                                     roles=("admin",)),)
