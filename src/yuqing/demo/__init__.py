"""The fictional demo workspace. Each app adds a seeder to SEEDERS; all are idempotent.

Every demo record is invented by us and labelled fictional (source names, the `fictional`
flag in raw records, `.example` sites), so the demo works offline and misleads nobody.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

SEEDERS: list[str] = [
    "yuqing.demo.documents:seed",
]


def seed_all(progress: Callable[[str], None] = lambda line: None) -> None:
    for spec in SEEDERS:
        module, _, func = spec.partition(":")
        message = getattr(import_module(module), func)()
        progress(f"demo: {message}")
