"""manage.py dev: migrate, then runserver; so a fresh clone runs with one command."""

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from {{ cookiecutter.project_slug }}.core.management.commands import dev


def unapplied_migrations() -> list[Any]:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_dev_migrates_then_runs_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    call_command("migrate", "admin", "zero", verbosity=0)
    assert unapplied_migrations()
    served: list[dict[str, Any]] = []

    def runserver(_command: RunserverCommand, *_args: str, **options: Any) -> None:
        assert unapplied_migrations() == []
        served.append(options)

    monkeypatch.setattr(RunserverCommand, "handle", runserver)
    call_command("dev", "--noreload", verbosity=0)

    assert len(served) == 1
    assert served[0]["use_reloader"] is False


def test_dev_migrates_once_not_again_in_the_reloader_child(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setenv(DJANGO_AUTORELOAD_ENV, "true")
    monkeypatch.setattr(dev, "call_command", lambda name, **_: calls.append(name))
    monkeypatch.setattr(RunserverCommand, "handle", lambda *_, **__: calls.append("runserver"))

    call_command("dev")

    assert calls == ["runserver"]


@pytest.mark.django_db
def test_every_model_has_its_migrations() -> None:
    # makemigrations --check exits with 1 when a model changed without a migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
