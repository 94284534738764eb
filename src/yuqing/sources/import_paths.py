"""Where a file source may read: only the configured import folders, never the workspace's own files.

A file source is an administrator's tool, and even an administrator's browser must not turn it into
a way to read the server's files: the path is resolved (symlinks followed, `..` collapsed) and the
result must be a regular file inside one of `YUQING_IMPORT_DIRS` (default `$YUQING_HOME/imports`).
The workspace's own files (the database and its -wal/-shm/-journal, the secret key, the initial
password, uploaded attachments) are refused even when an import folder contains them.

Every refusal gives the same message, which names no path: "does not exist" and "not allowed" must
not be told apart, or the error itself would map the server's files.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from yuqing.errors import InputError

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class ImportPathRefused(InputError):
    """The path is not a readable file in an import folder (or is one of the workspace's own files)."""


def refused() -> ImportPathRefused:
    return ImportPathRefused(_("No importable file at this path: a file source reads only files placed in an "
                               "import folder (YUQING_IMPORT_DIRS); ask the administrator to put the file there"))


def import_dirs() -> tuple[Path, ...]:
    return tuple(Path(d).resolve() for d in settings.YUQING.import_dirs)


def resolve_import_path(text: str, *, any_folder: bool = False) -> Path:
    """The real path of an importable file, or ImportPathRefused.

    A relative path is looked up in the import folders, in order. `any_folder=True` is for the shell
    (`yuqing import`, run by whoever operates the server): any readable file except the workspace's own.
    """
    for candidate in _candidates(text.strip(), any_folder):
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):  # missing, a symlink loop, unreadable
            continue
        if real.is_file() and not is_workspace_file(real) and (any_folder or _in_import_dir(real)):
            return real
    raise refused()


def _candidates(text: str, any_folder: bool) -> list[Path]:
    if not text or "\x00" in text:
        return []
    path = Path(text).expanduser() if any_folder else Path(text)
    if path.is_absolute():
        return [path]
    return [Path.cwd() / path] if any_folder else [folder / path for folder in import_dirs()]


def _in_import_dir(real: Path) -> bool:
    return any(real.is_relative_to(folder) for folder in import_dirs())


def is_workspace_file(real: Path) -> bool:
    """The database, its side files, the secret key, the password file, or anything uploaded."""
    if real.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        return True
    if real.parent == Path(settings.YUQING.home).resolve():
        return True  # the workspace's top level: yuqing.sqlite3, secret_key, admin-password.txt …
    return any(real.parent == db.parent and real.name in {db.name, *(db.name + side for side in SQLITE_SIDE_FILES)}
               for db in _database_files())


def _database_files() -> list[Path]:
    names = [db.get("NAME") for db in settings.DATABASES.values() if "sqlite" in db.get("ENGINE", "")]
    return [Path(str(name)).resolve() for name in names if name and str(name) != ":memory:"]
