from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, DocumentAction, NavEntry, Scheduled


class BriefingsConfig(AppConfig):
    name = "yuqing.briefings"
    label = "briefings"
    verbose_name = _("Briefings")
    navigation = (NavEntry("briefings:list", _("Briefings"), group="respond", order=20),)
    scheduled = (Scheduled("briefings.scheduled", "yuqing.briefings.schedule.run_due", every=60),)
    # The charts, lists and map, drawn by static/yuqing/dashboard.js from briefings:dashboard_data.
    dashboard_cards = (
        DashboardCard("briefings/_dashboard.html", order=30, span=3),
        DashboardCard("briefings/_card_fonts.html", context="yuqing.briefings.cards.font_problem", order=1, span=3,
                      roles=("admin",)),
    )

    document_actions = (DocumentAction(
        "briefing", _("Add to a draft briefing"), run="yuqing.briefings.work.add", choices="yuqing.briefings.work.choices",
        empty=_("No draft briefing: generate one on the Briefings page."), order=20,
        visible="yuqing.briefings.workflow.can_write",
        refusal=_("Briefings are written by analysts, duty officers, editors, chief editors, leaders and administrators.")),)
