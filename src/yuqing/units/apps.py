from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "yuqing.units"
    label = "units"
