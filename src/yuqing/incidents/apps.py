from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "yuqing.incidents"
    label = "incidents"
