"""Chinese for django-axes' admin pages (访问尝试, 锁定): the library ships no Chinese catalogue.

Its msgids are marked here so that they are collected into yuqing's catalogue and translated there;
its app, listed as `yuqing.accounts.axes_words.AxesConfig`, gets a name in the reader's language.
Django looks a msgid up in every catalogue, so these translate axes' own labels unchanged.
"""

from __future__ import annotations

from axes.apps import AppConfig as _AxesAppConfig
from django.utils.translation import gettext_lazy, gettext_noop


class AxesConfig(_AxesAppConfig):
    """django-axes as it is, named in the admin's index in the reader's language."""

    verbose_name = gettext_lazy("Login attempts and lockouts")

    def ready(self) -> None:
        super().ready()
        from axes.admin import AccessAttemptAdmin

        # axes leaves its status column unnamed: Django would show the method's name, in English.
        AccessAttemptAdmin.status.short_description = gettext_lazy("Status")


# The labels of axes' models, fields and admin pages (axes/models.py, axes/admin.py).
WORDS = (
    gettext_noop("access attempt"), gettext_noop("access attempts"), gettext_noop("Access Attempt"),
    gettext_noop("access failure"), gettext_noop("access failures"),
    gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations"),
    gettext_noop("access log"), gettext_noop("access logs"),
    gettext_noop("User Agent"), gettext_noop("IP Address"), gettext_noop("Username"), gettext_noop("HTTP Accept"),
    gettext_noop("Path"), gettext_noop("Attempt Time"), gettext_noop("Access lock out"), gettext_noop("GET Data"),
    gettext_noop("POST Data"), gettext_noop("Failed Logins"), gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."), gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"), gettext_noop("Locked Out"), gettext_noop("Form Data"),
    gettext_noop("Meta Data"), gettext_noop("Clean up expired attempts"), gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
)
