from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import Scheduled, WorkHandler


class WorkConfig(AppConfig):
    name = "yuqing.work"
    label = "work"
    verbose_name = _("Background work")
    default_auto_field = "django.db.models.BigAutoField"
    work_handlers = (WorkHandler("event", "yuqing.events.run_task", role="notify"),)
    scheduled = (Scheduled("work.housekeeping", "yuqing.work.housekeeping.run", every=3600),)

    def ready(self) -> None:
        from yuqing.work import queue, runner

        queue.on_committed(runner.committed)
