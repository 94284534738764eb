from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "yuqing.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from yuqing.notifications.delivery import deliver_due
        from yuqing.runtime import register_job
        from yuqing.web.context import register_nav

        register_job("notifications.deliver", deliver_due)
        register_nav("notifications:inbox", _("Inbox"), order=70)
