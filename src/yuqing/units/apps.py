from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "yuqing.units"
    label = "units"
    verbose_name = _("Units and officers")

    def ready(self) -> None:
        from yuqing.accounts.roles import has_role
        from yuqing.web.context import register_nav

        register_nav("units:list", _("Organisation"),
                     visible=lambda user: has_role(user, "officer", "unit_head", "editor", "chief_editor", "leader", "admin"),
                     order=65)
