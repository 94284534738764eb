"""Tests of data migrations: move the test database to a past state, then forward again.

Use the ``migrate`` fixture, never a bare executor: at teardown it takes the database back to the
latest migration of every app, so the tests after it find every column (a test left at a past
state breaks every later test that shares the database)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Targets = list[tuple[str, str]]


def _migrate_to(targets: Targets) -> Apps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest() -> Targets:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def migrate() -> Iterator[Callable[[Targets], Apps]]:
    yield _migrate_to
    _migrate_to(_latest())
