from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "yuqing.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from yuqing import events
        from yuqing.monitoring.escalation import tick
        from yuqing.monitoring.percolate import on_analyzed
        from yuqing.runtime import register_job
        from yuqing.web.context import register_nav

        from django.db.models.signals import post_delete, post_save

        from yuqing.monitoring.matching import invalidate
        from yuqing.monitoring.models import Scheme

        events.subscribe("documents.analyzed", on_analyzed)
        post_save.connect(invalidate, sender=Scheme, dispatch_uid="monitoring.scheme_saved")
        post_delete.connect(invalidate, sender=Scheme, dispatch_uid="monitoring.scheme_deleted")
        register_job("monitoring.escalate_and_digest", tick)
        register_nav("monitoring:alerts", _("Alerts"), order=5)
        register_nav("monitoring:schemes", _("Schemes"), order=20)
        register_nav("monitoring:duty", _("Duty"), order=25)
