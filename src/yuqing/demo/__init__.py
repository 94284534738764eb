"""The fictional demo workspace. Each domain app may offer demo.py with an idempotent `seed()`.

Every demo record is invented by us and labelled fictional (source names, the `fictional`
flag in raw records, `.example` sites), so the demo works offline and misleads nobody.
Seeders run in the order of settings.DOMAIN_APPS; each returns a one-line summary.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Callable


def seeders() -> list[str]:
    from django.conf import settings

    return [f"yuqing.{app}.demo" for app in settings.DOMAIN_APPS if find_spec(f"yuqing.{app}.demo")]


def seed_all(progress: Callable[[str], None] = lambda line: None) -> None:
    for module in seeders():
        progress(f"demo: {import_module(module).seed()}")
