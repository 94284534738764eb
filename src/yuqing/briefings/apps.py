from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "yuqing.briefings"
    label = "briefings"
