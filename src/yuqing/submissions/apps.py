from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "yuqing.submissions"
    label = "submissions"
    verbose_name = _("Information reporting")

    def ready(self) -> None:
        from yuqing.accounts.roles import has_role
        from yuqing.runtime import register_job
        from yuqing.submissions import deadlines, signals
        from yuqing.web.context import register_nav

        register_nav("submissions:list", _("Reporting"), order=60, visible=lambda user: has_role(
            user, "officer", "unit_head", "editor", "chief_editor", "leader", "admin"))
        register_job("submissions.deadlines", deadlines.run_checks)
        signals.connect()
