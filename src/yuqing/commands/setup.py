"""Bringing up Django for a command: the workspace folder first, then settings."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from yuqing.config import DEFAULT_HOME


def workspace_home(home: str | None) -> Path:
    if home:
        os.environ["YUQING_HOME"] = home
    return Path(os.environ.get("YUQING_HOME", DEFAULT_HOME)).expanduser().resolve()


def ensure_home(path: Path) -> None:
    """Create the folder, its import folder and its persistent secret key (before Django reads its settings)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "imports").mkdir(exist_ok=True)  # where file sources added in the browser read from
    key_file = path / "secret_key"
    if not key_file.exists() and not os.environ.get("YUQING_SECRET_KEY"):
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)


def django_setup(home: str | None, create: bool = False) -> Path:
    path = workspace_home(home)
    if create:
        ensure_home(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuqing.web.settings")
    import django

    django.setup()
    return path


def migrate(verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def require_database() -> None:
    """Stop with a clear message when the workspace has no database yet."""
    from django.db import connection
    from django.db.utils import OperationalError

    from yuqing.errors import ConfigError

    hint = "run `yuqing init` (or `yuqing demo`) first, or point YUQING_HOME / YUQING_DATABASE_URL at your workspace"
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        raise ConfigError(f"there is no workspace database at {connection.settings_dict['NAME']}: {hint}")
    try:
        tables = connection.introspection.table_names()
    except OperationalError as error:
        raise ConfigError(f"cannot open the database ({error}): {hint}") from error
    if "documents_document" not in tables:
        raise ConfigError(f"the database has no yuqing tables yet: {hint}")
