from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class SubmissionsConfig(AppConfig):
    name = "yuqing.submissions"
    label = "submissions"
    verbose_name = _("Information reporting")
    navigation = (NavEntry("submissions:list", _("Submitted items"), group="reporting", order=10,
                           roles=("officer", "unit_head", "editor", "chief_editor", "leader", "admin")),)

    def ready(self) -> None:
        from yuqing.runtime import register_job
        from yuqing.submissions import deadlines, signals

        register_job("submissions.deadlines", deadlines.run_checks)
        signals.connect()
