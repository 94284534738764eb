from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "yuqing.monitoring"
    label = "monitoring"
