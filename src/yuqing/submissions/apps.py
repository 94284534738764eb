from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, DocumentAction, NavEntry, Scheduled

REPORTING_ROLES = ("officer", "unit_head", "editor", "chief_editor", "leader", "admin")


class SubmissionsConfig(AppConfig):
    name = "yuqing.submissions"
    label = "submissions"
    verbose_name = _("Information reporting")
    navigation = (
        NavEntry("submissions:list", _("Submitted items"), group="reporting", order=10, roles=REPORTING_ROLES),
        NavEntry("submissions:needs", _("Information needs"), group="reporting", order=15, roles=REPORTING_ROLES),
    )
    dashboard_cards = (
        DashboardCard("submissions/_card_queue.html", context="yuqing.submissions.cards.review_queue", order=5, span=3,
                      held=("editor", "chief_editor")),
        DashboardCard("submissions/_card_unit.html", context="yuqing.submissions.cards.unit_month", order=5, span=3,
                      held=("officer", "unit_head")),
        DashboardCard("submissions/_card_leader.html", context="yuqing.submissions.cards.leader_overview", order=6,
                      span=2, held=("leader",)),
        DashboardCard("submissions/_card_needs.html", context="yuqing.submissions.cards.open_needs",
                      order=20, span=3, roles=REPORTING_ROLES),
    )

    document_actions = (DocumentAction(
        "submission", _("Start a submission"), run="yuqing.submissions.work.start", order=30,
        visible="yuqing.submissions.work.can_write",
        refusal=_("Submissions are written by the officers of a unit; ask your unit's officer to report it.")),)

    scheduled = (
        Scheduled("submissions.deadlines", "yuqing.submissions.deadlines.run_checks", every=60),
        Scheduled("submissions.needs", "yuqing.submissions.need_reminders.run_checks", every=60),
    )

    def ready(self) -> None:
        from yuqing.submissions import signals

        signals.connect()
