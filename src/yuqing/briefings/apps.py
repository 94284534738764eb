from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, NavEntry


class BriefingsConfig(AppConfig):
    name = "yuqing.briefings"
    label = "briefings"
    verbose_name = _("Briefings")
    navigation = (NavEntry("briefings:list", _("Briefings"), group="respond", order=20),)
    # The charts, lists and map, drawn by static/yuqing/dashboard.js from briefings:dashboard_data.
    dashboard_cards = (
        DashboardCard("briefings/_dashboard.html", order=30, span=3),
        DashboardCard("briefings/_card_fonts.html", context="yuqing.briefings.cards.font_problem", order=1, span=3,
                      roles=("admin",)),
    )

    def ready(self) -> None:
        from yuqing.briefings.schedule import run_due
        from yuqing.runtime import register_job

        register_job("briefings.scheduled", run_due)
