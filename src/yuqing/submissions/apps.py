from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "yuqing.submissions"
    label = "submissions"
