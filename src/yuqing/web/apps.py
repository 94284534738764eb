from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "yuqing.web"
    label = "web"
    verbose_name = "yuqing web"
