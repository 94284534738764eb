from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, Interest, NavEntry, Scheduled


class MonitoringConfig(AppConfig):
    name = "yuqing.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
    navigation = (
        NavEntry("monitoring:alerts", _("Alerts"), group="watch", order=10, visible="yuqing.monitoring.access.can_see_all_alerts"),
        NavEntry("monitoring:schemes", _("Schemes"), group="watch", order=30, visible="yuqing.monitoring.access.can_see_all_alerts"),
        NavEntry("monitoring:duty", _("Duty"), group="watch", order=40),
    )
    dashboard_cards = (DashboardCard("monitoring/_card_watch.html", context="yuqing.monitoring.cards.watch", order=5,
                                     span=3, visible="yuqing.monitoring.cards.on_watch"),)
    # The office's area when YUQING_PLACE is unset, and the posts that rank events higher.
    interest = (Interest(places="yuqing.monitoring.interest.watched_places",
                         documents="yuqing.monitoring.interest.watched_documents"),)
    scheduled = (Scheduled("monitoring.escalate_and_digest", "yuqing.monitoring.escalation.tick", every=15),)

    def ready(self) -> None:
        from yuqing import events
        from yuqing.monitoring.percolate import on_analyzed

        from django.db.models.signals import post_delete, post_save

        from yuqing.monitoring.matching import invalidate
        from yuqing.monitoring.models import Scheme

        events.subscribe("documents.analyzed", on_analyzed)
        post_save.connect(invalidate, sender=Scheme, dispatch_uid="monitoring.scheme_saved")
        post_delete.connect(invalidate, sender=Scheme, dispatch_uid="monitoring.scheme_deleted")
