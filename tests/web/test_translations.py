"""The Chinese interface is complete: every string of the templates and code is translated."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n", ROOT / "scripts" / "i18n.py")
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)
CATALOGUES = i18n.catalogues()


@pytest.mark.parametrize("name", list(CATALOGUES))
def test_every_catalogue_entry_is_translated(name):
    assert i18n.untranslated(polib.pofile(str(i18n.po_path(CATALOGUES[name])))) == []


@pytest.mark.parametrize("name", list(CATALOGUES))
def test_compiled_catalogue_matches_the_po(name):
    path = i18n.po_path(CATALOGUES[name])
    # keyed by context and msgid: one msgid may have a translation per context (pgettext)
    po = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0, "")) for e in polib.pofile(str(path)) if not e.obsolete}
    mo = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0, "")) for e in polib.mofile(str(path.with_suffix(".mo")))}
    assert {k: v for k, v in po.items() if k[1]} == {k: v for k, v in mo.items() if k[1]}, f"run scripts/i18n.py compile {name}"


def test_no_string_in_the_code_is_missing_from_the_catalogues(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext (xgettext) is needed to check the catalogues")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "yuqing"
    shutil.copytree(i18n.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    i18n.update(None, root=copy)
    missing = {}
    for name, folder in CATALOGUES.items():
        fresh = polib.pofile(str(i18n.po_path(copy / folder.relative_to(i18n.PACKAGE))))
        missing[name] = i18n.untranslated(fresh)
    assert all(not v for v in missing.values()), f"untranslated interface strings (scripts/i18n.py update/fill/compile): {missing}"


# The names GNU xgettext looks for (Django's makemessages keywords): a translation function imported
# under another name (`gettext_lazy as _lazy`) is never collected, and its strings stay English.
EXTRACTED = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext",
             "pgettext_lazy", "npgettext", "npgettext_lazy"}


def test_translation_functions_are_imported_under_names_the_extractor_knows():
    import ast

    wrong = []
    for path in i18n.PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                wrong += [f"{path.relative_to(i18n.PACKAGE)}: {a.name} as {a.asname}" for a in node.names
                          if "gettext" in a.name and (a.asname or a.name) not in EXTRACTED]
    assert not wrong, f"strings behind these names are never translated: {wrong}"


def test_the_admin_names_every_model_of_yuqing_in_chinese():
    """The admin's lists said 'Quotas' and 'Issues' in the Chinese interface: a model without verbose names."""
    import re

    from django.contrib import admin
    from django.utils import translation

    with translation.override("zh-hans"):
        english = [model._meta.label for model in admin.site._registry if model.__module__.startswith("yuqing.")
                   and re.search("[A-Za-z]{2,}", f"{model._meta.verbose_name}{model._meta.verbose_name_plural}")]
    assert not english, f"models without a translated verbose_name(_plural): {english}"


@pytest.mark.parametrize("name", list(CATALOGUES))
def test_each_catalogue_wording_is_the_one_shown(name):
    """Django merges every catalogue into one per language (the project's core first, then the apps in
    INSTALLED_APPS order: Django's admin and auth before yuqing's), so a msgid worded two ways is shown
    one way everywhere and the other wording is silently lost: an incident 'closed' read 结束时间, its
    summary 概览 (the admin's 'Summary'). One msgid, one wording; where the meanings differ, a context
    (pgettext, {% translate "…" context "…" %}) keeps them apart."""
    from django.utils import translation

    lost = {}
    with translation.override("zh-hans"):
        for entry in polib.pofile(str(i18n.po_path(CATALOGUES[name]))):
            if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                continue
            shown = translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)
            if shown != entry.msgstr:
                lost[(entry.msgctxt, entry.msgid)] = f"{entry.msgstr} is shown as {shown}"
    assert not lost, f"wordings that never show (give the same wording, or a context): {lost}"


@pytest.mark.django_db
def test_the_admin_names_login_attempts_and_lockouts_in_chinese(admin_client):
    """django-axes ships no Chinese: its admin said 'Access attempts', 'IP Address', 'Attempt Time'."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="someone", ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                                 path_info="/login/", get_data="", post_data="", failures_since_start=3)
    index = admin_client.get("/admin/").content.decode()
    assert "登录尝试与锁定" in index and "Access attempts" not in index
    listing = admin_client.get("/admin/axes/accessattempt/").content.decode()
    for english in ("Access attempt", "IP Address", "Attempt Time", "Failed Logins", "User Agent", "Status"):
        assert english not in listing, english
    assert "尝试时间" in listing and "失败次数" in listing
