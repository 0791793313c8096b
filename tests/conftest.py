"""Fixtures: every variant baked once per test worker, synced once, served once.

Tests that take a ``variant`` argument run once per variant of the matrix (tests/variants.py),
or once per variant that ``@pytest.mark.variants(predicate)`` selects; all tests of one variant
go to the same xdist worker (``--dist loadgroup``), so that its bake, its environment and its
server are made once.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.database import fresh_database
from tests.harness import Server, clean_env, explain, run, serve, uv_sync
from tests.variants import TEMPLATE_DIR, Variant, all_variants


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("template variants")
    group.addoption(
        "--framework",
        action="append",
        default=[],
        help="test only this framework's variants (repeatable; default: every framework)",
    )
    group.addoption(
        "--python-version",
        action="append",
        default=[],
        help="test only the variants on this Python version (repeatable; default: every one)",
    )


def pytest_xdist_auto_num_workers() -> int:
    """One worker more than cores: each spends part of its time waiting on a server or a bake."""
    return (os.cpu_count() or 1) + 1


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "variant" not in metafunc.fixturenames:
        return
    frameworks = metafunc.config.getoption("framework")
    pythons = metafunc.config.getoption("python_version")
    variants = [
        variant
        for variant in all_variants()
        if (not frameworks or variant.framework in frameworks)
        and (not pythons or variant.python_version in pythons)
    ]
    marker = metafunc.definition.get_closest_marker("variants")
    if marker:
        variants = [variant for variant in variants if marker.args[0](variant)]
    metafunc.parametrize(
        "variant",
        [
            pytest.param(variant, id=variant.id, marks=pytest.mark.xdist_group(variant.id))
            for variant in variants
        ],
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run each variant's tests one after the other, so that one server at a time runs."""
    order = {variant.id: index for index, variant in enumerate(all_variants())}

    def variant_index(item: pytest.Item) -> int:
        callspec = getattr(item, "callspec", None)
        variant = callspec.params.get("variant") if callspec else None
        return order[variant.id] if isinstance(variant, Variant) else -1

    items.sort(key=variant_index)  # stable: within a variant, the order of the files


# The release steps each variant's README names, run before its production command: when the
# step applies, then the command ("{slug}" is the package).
RELEASE_STEPS: list[tuple[Callable[[Variant], bool], list[str]]] = [
    (lambda v: v.has("ml_model"), ["python", "-m", "{slug}.ml.train"]),
    (lambda v: v.framework == "django", ["python", "manage.py", "migrate", "--no-input"]),
    (lambda v: v.framework == "django", ["python", "manage.py", "collectstatic", "--no-input"]),
    (
        lambda v: v.framework == "flask" and v.has_database,
        ["flask", "--app", "{slug}", "db", "upgrade"],
    ),
    (lambda v: v.framework == "fastapi" and v.has_database, ["alembic", "upgrade", "head"]),
]


def release(project: Path, variant: Variant, env: dict[str, str]) -> None:
    """Run the variant's release steps with its own environment, as its README says."""
    readme = (project / "README.md").read_text(encoding="utf-8")
    for applies, step in RELEASE_STEPS:
        if not applies(variant):
            continue
        command = [part.replace("{slug}", project.name) for part in step]
        named = " ".join(command)
        assert named in readme, f"the README does not name the release step `{named}`"
        executable = str(project / ".venv" / "bin" / command[0])
        result = run([executable, *command[1:]], cwd=project, env=clean_env(**env))
        assert result.returncode == 0, explain(result)


class Bakery:
    """Bakes, syncs and serves each variant at most once per worker."""

    def __init__(self, cookies: Any, stack: ExitStack) -> None:
        self._cookies = cookies
        self._stack = stack
        self._baked: dict[Variant, Path] = {}
        self._synced: set[Variant] = set()
        self._checkouts: dict[Variant, Path] = {}
        self._released: set[Variant] = set()
        self._server: tuple[Variant, Server] | None = None
        self._server_stack = stack.enter_context(ExitStack())
        self._environments: dict[Variant, dict[str, str]] = {}

    def bake(self, variant: Variant) -> Path:
        if variant not in self._baked:
            result = self._cookies.bake(extra_context=variant.context, template=str(TEMPLATE_DIR))
            assert result.exit_code == 0, f"baking {variant.id} failed: {result.exception}"
            self._baked[variant] = result.project_path
        return self._baked[variant]

    def environment(self, variant: Variant) -> dict[str, str]:
        """What the variant's commands get besides the machine's environment: its database."""
        if variant not in self._environments:
            env = {}
            if variant.uses_postgresql:
                name = f"template_{variant.id}_{os.getpid()}".replace("-", "_")
                env["DATABASE_URL"] = self._stack.enter_context(fresh_database(name))
            self._environments[variant] = env
        return self._environments[variant]

    def sync(self, variant: Variant) -> Path:
        """The baked project with its own environment, made from its own pyproject.toml."""
        project = self.bake(variant)
        if variant not in self._synced:
            uv_sync(project, variant.python_version)
            self._synced.add(variant)
        return project

    def checkout(self, variant: Variant) -> Path:
        """A copy of the project as its CI checks it out: what git would commit (no `.env`, no
        trained model, no database file), with a fresh environment."""
        if variant not in self._checkouts:
            project = self.sync(variant)  # which writes uv.lock, as the user commits it
            copy = project.parent / f"{project.name}-checkout" / project.name
            copy.mkdir(parents=True)
            for name in committed_files(project, copy.parent / ".git"):
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(project / name, copy / name)
            uv_sync(copy, variant.python_version, "--locked")
            self._checkouts[variant] = copy
        return self._checkouts[variant]

    def serve(self, variant: Variant) -> Server:
        """The production command (the Dockerfile's CMD) running with production settings.

        One server at a time: serving a variant stops the previous one's.
        """
        if self._server and self._server[0] == variant:
            return self._server[1]
        self._server_stack.close()
        self._server = None
        project = self.sync(variant)
        env = self.environment(variant)
        if variant not in self._released:
            release(project, variant, env)
            self._released.add(variant)
        # Two workers: enough to serve the browser and the checks at once, and each worker
        # starts the app (gunicorn's default for sync workers is five on two cores).
        env = {
            "ENVIRONMENT": "production",
            "WEB_CONCURRENCY": "2",
            **compose_environment(project),
            **env,
        }
        ready = "/healthz" if variant.is_web else "/_stcore/health"
        self._server = (variant, self._server_stack.enter_context(serve(project, env, ready)))
        return self._server[1]


def committed_files(project: Path, git_dir: Path) -> list[str]:
    """What `git add --all` would commit of the project: its .gitignore decides."""
    git = [shutil.which("git") or "git", f"--git-dir={git_dir}", f"--work-tree={project}"]
    for args in (["init", "--quiet"], ["add", "--all"]):
        result = run([*git, *args], cwd=project)
        assert result.returncode == 0, explain(result)
    result = run([*git, "ls-files", "-z"], cwd=project)
    assert result.returncode == 0, explain(result)
    return [name for name in result.stdout.split("\0") if name]


def compose_environment(project: Path) -> dict[str, str]:
    """The environment compose.yaml gives the app: what a production-like local run needs.

    The harness sets the port and the database itself.
    """
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    environment = compose["services"]["web"].get("environment", {})
    for key in ("PORT", "DATABASE_URL"):
        environment.pop(key, None)
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
def checkout(bakery: Bakery, variant: Variant) -> Path:
    """The variant as its own CI checks it out: without `.env`, with its own environment."""
    return bakery.checkout(variant)


@pytest.fixture
def project_env(
    bakery: Bakery, variant: Variant, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """The environment for the variant's own commands: its database, where the harness gives
    it, and a mypy cache that the variants of one framework and Python share on this worker
    (the libraries' types are checked once; mypy re-checks whatever differs)."""
    key = f"{variant.framework}-py{variant.python_version}"
    mypy_cache = tmp_path_factory.getbasetemp() / "mypy-cache" / key
    return clean_env(**bakery.environment(variant), MYPY_CACHE_DIR=str(mypy_cache))


@pytest.fixture
def server(bakery: Bakery, variant: Variant) -> Server:
    """The variant's production command, serving on a free local port."""
    return bakery.serve(variant)
