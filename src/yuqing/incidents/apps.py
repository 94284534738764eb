from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, DocumentAction, NavEntry


class IncidentsConfig(AppConfig):
    name = "yuqing.incidents"
    label = "incidents"
    verbose_name = _("Incidents")
    navigation = (NavEntry("incidents:list", _("Incidents"), group="respond", order=10,
                           visible="yuqing.incidents.access.can_see_all"),)
    dashboard_cards = (DashboardCard("incidents/_card_open.html", context="yuqing.incidents.cards.open_incidents",
                                     order=5, held=("leader",)),)
    document_actions = (DocumentAction(
        "incident", _("Add to an incident"), run="yuqing.incidents.work.add", choices="yuqing.incidents.work.choices",
        empty=_("No open incident: open one from an alert or an event."), order=10, visible="yuqing.incidents.access.can_open",
        refusal=_("Duty officers, analysts, leaders and administrators add documents to incidents.")),)

    def ready(self) -> None:
        self._link_other_apps()

    @staticmethod
    def _link_other_apps() -> None:
        """Hook into monitoring (taking an alert opens an incident) and submissions (links to incidents)."""
        if find_spec("yuqing.monitoring.handling"):
            from yuqing.incidents.actions import take_handler
            from yuqing.monitoring.handling import register_take_handler

            register_take_handler(take_handler)
        if find_spec("yuqing.submissions.links"):
            from yuqing.incidents.reporting import resolve_link
            from yuqing.submissions.links import register_link_kind

            register_link_kind("incident", resolve_link)
