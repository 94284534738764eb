from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, NavEntry


class SourcesConfig(AppConfig):
    name = "yuqing.sources"
    label = "sources"
    verbose_name = _("Sources")
    navigation = (
        NavEntry("sources:list", _("Sources"), group="collect", order=10),
        NavEntry("sources:import", _("Import"), group="collect", order=15, roles=("admin", "analyst")),
        NavEntry("sources:quarantine", _("Quarantine"), group="collect", order=20),
    )
    dashboard_cards = (DashboardCard("sources/_card_status.html", context="yuqing.sources.cards.status", order=10, span=3),)

    def ready(self) -> None:
        from yuqing.runtime import register_job
        from yuqing.sources.importing import run_pending

        register_job("imports", run_pending)
