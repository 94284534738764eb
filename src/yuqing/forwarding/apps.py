from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class ForwardingConfig(AppConfig):
    name = "yuqing.forwarding"
    label = "forwarding"
    verbose_name = _("Forwarding to higher levels")
    navigation = (NavEntry("forwarding:list", _("Forwarding upward"), group="reporting", order=25,
                           visible="yuqing.units.access.is_office_wide"),)
