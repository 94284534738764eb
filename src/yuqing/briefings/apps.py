from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "yuqing.briefings"
    label = "briefings"
    verbose_name = _("Briefings")

    def ready(self) -> None:
        from yuqing.briefings.schedule import run_due
        from yuqing.runtime import register_job
        from yuqing.web.context import register_nav

        register_nav("briefings:list", _("Briefings"), order=65)
        register_job("briefings.scheduled", run_due)
