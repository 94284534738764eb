from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "yuqing.notifications"
    label = "notifications"
