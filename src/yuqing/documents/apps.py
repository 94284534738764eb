from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "yuqing.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from yuqing import events
        from yuqing.documents.analysis import analyze_pending, on_stored
        from yuqing.runtime import register_job

        register_job("analysis", analyze_pending)
        events.subscribe("documents.stored", on_stored)
