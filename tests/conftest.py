"""Fixtures: every variant baked once per test worker, synced once, served once.

Tests that take a ``variant`` argument run once per variant of the matrix (tests/variants.py);
all tests of one variant go to the same xdist worker (``--dist loadgroup``), so that its bake,
its environment and its server are made once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness import Server, explain, find_python, run, serve, tool
from tests.variants import TEMPLATE_DIR, Variant, all_variants


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "variant" not in metafunc.fixturenames:
        return
    variants = all_variants()
    if metafunc.definition.get_closest_marker("web"):
        variants = [variant for variant in variants if variant.is_web]
    metafunc.parametrize(
        "variant",
        [
            pytest.param(variant, id=variant.id, marks=pytest.mark.xdist_group(variant.id))
            for variant in variants
        ],
    )


# What each framework's README says to run once before its production command.
RELEASE_STEPS: dict[str, list[list[str]]] = {
    "django": [["python", "manage.py", "collectstatic", "--no-input"]],
}


class Bakery:
    """Bakes, syncs and serves each variant at most once per worker."""

    def __init__(self, cookies: Any, stack: ExitStack) -> None:
        self._cookies = cookies
        self._stack = stack
        self._baked: dict[Variant, Path] = {}
        self._synced: set[Variant] = set()
        self._servers: dict[Variant, Server] = {}

    def bake(self, variant: Variant) -> Path:
        if variant not in self._baked:
            result = self._cookies.bake(extra_context=variant.context, template=str(TEMPLATE_DIR))
            assert result.exit_code == 0, f"baking {variant.id} failed: {result.exception}"
            self._baked[variant] = result.project_path
        return self._baked[variant]

    def sync(self, variant: Variant) -> Path:
        """The baked project with its own environment, made from its own pyproject.toml."""
        project = self.bake(variant)
        if variant not in self._synced:
            python = find_python(variant.python_version)
            result = run([tool("uv"), "sync", "--python", python], cwd=project)
            assert result.returncode == 0, explain(result)
            self._synced.add(variant)
        return project

    def serve(self, variant: Variant) -> Server:
        """The production command (the Dockerfile's CMD) running with production settings."""
        if variant not in self._servers:
            project = self.sync(variant)
            for step in RELEASE_STEPS.get(variant.framework, []):
                result = run([str(project / ".venv" / "bin" / step[0]), *step[1:]], cwd=project)
                assert result.returncode == 0, explain(result)
            env = {"ENVIRONMENT": "production", **compose_environment(project)}
            ready = "/healthz" if variant.is_web else "/_stcore/health"
            self._servers[variant] = self._stack.enter_context(serve(project, env, ready))
        return self._servers[variant]


def compose_environment(project: Path) -> dict[str, str]:
    """The environment compose.yaml gives the app: what a production-like local run needs."""
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    environment = compose["services"]["web"].get("environment", {})
    environment.pop("PORT", None)
    return {key: str(value) for key, value in environment.items()}


@pytest.fixture(scope="session")
def bakery(cookies_session: Any) -> Iterator[Bakery]:
    with ExitStack() as stack:
        yield Bakery(cookies_session, stack)


@pytest.fixture
def project(bakery: Bakery, variant: Variant) -> Path:
    """The variant, baked with the default answers."""
    return bakery.bake(variant)


@pytest.fixture
def synced_project(bakery: Bakery, variant: Variant) -> Path:
    """The variant, baked and with its own environment installed."""
    return bakery.sync(variant)


@pytest.fixture
def server(bakery: Bakery, variant: Variant) -> Server:
    """The variant's production command, serving on a free local port."""
    return bakery.serve(variant)
