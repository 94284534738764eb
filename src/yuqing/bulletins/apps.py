from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "yuqing.bulletins"
    label = "bulletins"
