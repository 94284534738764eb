from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry, Scheduled


class NotificationsConfig(AppConfig):
    name = "yuqing.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    # The inbox sits in the top bar's right-hand corner (with its unread count), not in a menu.
    navigation = (NavEntry("notifications:channels", _("Alert channels"), group="watch", order=60),)
    scheduled = (Scheduled("notifications.deliver", "yuqing.notifications.delivery.deliver_due", every=5),)
