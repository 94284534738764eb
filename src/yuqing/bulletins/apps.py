from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class BulletinsConfig(AppConfig):
    name = "yuqing.bulletins"
    label = "bulletins"
    verbose_name = _("Bulletins")
    navigation = (NavEntry("bulletins:list", _("Bulletins"), group="reporting", order=20,
                           visible="yuqing.units.access.is_office_wide"),)
