from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from yuqing.extensions import NavEntry


class AccountsConfig(AppConfig):
    name = "yuqing.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    navigation = (NavEntry("account:lockouts", _("Lockouts"), group="admin", order=80, roles=("admin",)),)

    def ready(self) -> None:
        from yuqing.accounts.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        m2m_changed.connect(_forget_roles, sender=get_user_model().groups.through)
        from axes.signals import user_locked_out

        from django.contrib.auth.signals import user_logged_in

        from yuqing.accounts.throttle import on_locked_out, on_logged_in

        user_locked_out.connect(on_locked_out, dispatch_uid="yuqing.accounts.locked_out")
        user_logged_in.connect(on_logged_in, dispatch_uid="yuqing.accounts.logged_in")
        from yuqing.accounts.axes_words import name_axes

        name_axes()


def _forget_roles(instance, **_: object) -> None:
    """A user's groups changed: drop the role set cached on that user object (roles.user_roles)."""
    instance.__dict__.pop("_yuqing_roles", None)
    instance.__dict__.pop("_yuqing_held", None)
