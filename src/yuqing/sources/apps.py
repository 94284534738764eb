from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, NavEntry, Scheduled, WorkerLoop, WorkHandler


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

    scheduled = (Scheduled("sources.due", "yuqing.sources.work.enqueue_due", every=15),)
    work_handlers = (WorkHandler("collect", "yuqing.sources.work.collect", role="collect", atomic=False, lease=900),)
    worker_loops = (WorkerLoop("collect", "yuqing.sources.importing.run_pending"),)

    def ready(self) -> None:

        from django.db.models.signals import post_delete, post_save

        from yuqing.sources.models import SiteName
        from yuqing.sources.site_names import forget

        post_save.connect(forget, sender=SiteName, dispatch_uid="sources.site_name_saved")
        post_delete.connect(forget, sender=SiteName, dispatch_uid="sources.site_name_deleted")
