from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import DashboardCard, NavEntry, Scheduled, WorkerLoop, WorkHandler


class DocumentsConfig(AppConfig):
    name = "yuqing.documents"
    label = "documents"
    verbose_name = _("Documents")
    navigation = (NavEntry("documents:list", _("Search"), group="watch", order=20),)
    dashboard_cards = (DashboardCard("documents/_card_latest.html", context="yuqing.documents.cards.latest", order=90, span=3),)

    worker_loops = (WorkerLoop("analyze", "yuqing.documents.analysis.owner_turn"), WorkerLoop("analyze", "yuqing.documents.ahead.warm"))
    # the stateless stages of the owner's next batches, in any worker (documents.ahead)
    work_handlers = (WorkHandler("documents.prepare", "yuqing.documents.ahead.run", role="analyze", urgent=True),)
    # index partitions ahead (PostgreSQL) and YUQING_RETENTION_DAYS (documents.retention)
    scheduled = (Scheduled("documents.retention", "yuqing.documents.retention.run", every=3600),
                 Scheduled("documents.prepared_cleanup", "yuqing.documents.ahead.forget_stale", every=600))

    def ready(self) -> None:
        from yuqing import events
        from yuqing.documents.analysis import on_stored

        events.subscribe("documents.stored", on_stored)
        post_delete.connect(_unindex, sender="documents.Document", dispatch_uid="documents.unindex")


def _unindex(sender, instance, **_: object) -> None:
    """A deleted document leaves the search index too (with the title and text it was indexed with)."""
    from yuqing.documents.index import unindex_documents

    unindex_documents([instance])
