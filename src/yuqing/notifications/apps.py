from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class NotificationsConfig(AppConfig):
    name = "yuqing.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    # The inbox sits in the top bar's right-hand corner (with its unread count), not in a menu.
    navigation = (NavEntry("notifications:channels", _("Alert channels"), group="watch", order=60),)

    def ready(self) -> None:
        from yuqing.notifications.delivery import deliver_due
        from yuqing.runtime import register_job

        register_job("notifications.deliver", deliver_due)
