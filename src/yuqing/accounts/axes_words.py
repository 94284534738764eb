"""Chinese for django-axes' admin pages (访问尝试, 锁定): the library ships no Chinese catalogue.

Its msgids are marked here so that they are collected into yuqing's catalogue and translated there;
its app gets a name in the reader's language (`name_axes`).
Django looks a msgid up in every catalogue, so these translate axes' own labels unchanged.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy, gettext_noop


def name_axes() -> None:
    """Name axes' app in the admin's index, and the status column it leaves unnamed (Django would show the
    method's name, in English). Called from AccountsConfig.ready."""
    from axes.admin import AccessAttemptAdmin

    apps.get_app_config("axes").verbose_name = gettext_lazy("Login attempts and lockouts")
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
