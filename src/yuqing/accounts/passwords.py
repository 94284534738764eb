"""The password policy of a government office, as Django password validators (settings
AUTH_PASSWORD_VALIDATORS): at least three character classes, and none of the last N passwords.
Length, common passwords, all-digit passwords and closeness to the user's name are Django's own."""

from __future__ import annotations

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yuqing.actions import action

CLASSES = (lambda ch: "a" <= ch <= "z", lambda ch: "A" <= ch <= "Z", lambda ch: "0" <= ch <= "9",
           lambda ch: not (ch.isascii() and ch.isalnum()))


def classes_in(password: str) -> int:
    """How many of: lower-case, upper-case, digits, other characters (a Chinese character counts as other)."""
    return sum(1 for test in CLASSES if any(test(ch) for ch in password))


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if classes_in(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("Your password must mix at least %(n)d of: lower-case letters, upper-case letters, digits, "
                 "other characters.") % {"n": self.min_classes}


class PasswordHistoryValidator:
    """Refuses the user's current password and the ones before it; remembers each new one."""

    def __init__(self, remember: int = 5) -> None:
        self.remember = remember

    def validate(self, password: str, user=None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        if any(check_password(password, encoded) for encoded in self._recent(user)):
            raise ValidationError(_("You used this password recently; choose one you have not used in your last "
                                    "%(n)d passwords.") % {"n": self.remember}, code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        from yuqing.accounts.models import PasswordHistory

        if user is None or not getattr(user, "pk", None) or not user.password:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        old = PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id")[self.remember:]
        PasswordHistory.objects.filter(pk__in=[row.pk for row in old]).delete()

    def _recent(self, user) -> list[str]:
        from yuqing.accounts.models import PasswordHistory

        stored = list(PasswordHistory.objects.filter(user=user).order_by("-created_at", "-id")
                      .values_list("password", flat=True)[: self.remember])
        return ([user.password] if user.password else []) + stored

    def get_help_text(self) -> str:
        return _("Your password cannot be one of your last %(n)d passwords.") % {"n": self.remember}


@action("account.password_changed")
def change_password(actor, form) -> None:
    """The password form is valid (the policy passed): save it; the audit row says who, never what."""
    form.save()


def generate(length: int = 16) -> str:
    """A random password that passes the policy (for `yuqing init` and the demo's logins)."""
    import secrets

    alphabet = string.ascii_letters + string.digits + "-_.!@#%"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if classes_in(password) == 4:
            return password
