from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "yuqing.bulletins"
    label = "bulletins"
    verbose_name = _("Bulletins")

    def ready(self) -> None:
        from yuqing.units.access import is_office_wide
        from yuqing.web.context import register_nav

        register_nav("bulletins:list", _("Bulletins"), visible=is_office_wide, order=62)
