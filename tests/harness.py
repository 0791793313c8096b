"""Helpers the template's tests share: loading the hook, running a baked project's tools."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import httpx

from tests.variants import TEMPLATE_DIR

PROJECT_TEMPLATE = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
SLUG_DIR = "{{cookiecutter.project_slug}}"
VENV_BIN = Path(sys.executable).parent
# Environment variables of the harness that must not leak into a baked project's tools.
# The harness's own environment, which must not reach a baked project: our venv, and settings
# the project reads (the harness gives a variant its database itself).
LEAKY_ENV = (
    "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "UV_PROJECT_ENVIRONMENT", "DATABASE_URL",
    "ENVIRONMENT", "SECRET_KEY",
)  # fmt: skip


def load_hook(name: str) -> ModuleType:
    """Import hooks/<name>.py as a module (it is valid Python before rendering)."""
    path = TEMPLATE_DIR / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def template_files() -> list[str]:
    """Every file of the project template, relative, with the package folder as ``{slug}``."""
    return sorted(
        path.relative_to(PROJECT_TEMPLATE).as_posix().replace(SLUG_DIR, "{slug}")
        for path in PROJECT_TEMPLATE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def tool(name: str) -> str:
    """The path of a command installed in the harness's own environment."""
    found = shutil.which(name, path=str(VENV_BIN)) or shutil.which(name)
    assert found, f"{name} is not installed; run the tests with `uv run pytest`"
    return found


def clean_env(**extra: str) -> dict[str, str]:
    """The harness's environment without what would point a baked project at our venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in LEAKY_ENV and not key.startswith("PYTEST_")
    }
    env.update(extra)
    return env


def run(
    args: list[str], cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run a command and return its result; output is captured for assertion messages."""
    return subprocess.run(
        args,
        cwd=cwd,
        env=dict(env) if env is not None else clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def explain(result: subprocess.CompletedProcess[str]) -> str:
    """A readable failure message for a finished command."""
    args = " ".join(result.args)
    return f"`{args}` exited {result.returncode}\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"


def find_python(version: str) -> str:
    """An interpreter for ``version`` for uv: on PATH, under pyenv, or uv's own discovery.

    uv does not see pyenv's versions that are installed but not selected, so look for them.
    """
    candidates = [shutil.which(f"python{version}") or ""]
    candidates += sorted(
        str(path) for path in (Path.home() / ".pyenv" / "versions").glob(f"{version}.*/bin/python3")
    )
    for candidate in candidates:
        if candidate and run([candidate, "-c", "pass"], cwd=Path.cwd()).returncode == 0:
            return candidate
    return version


def uv_sync(project: Path, python_version: str, *flags: str) -> None:
    """Make the project's own environment from its pyproject.toml with that Python."""
    result = run([tool("uv"), "sync", *flags, "--python", find_python(python_version)], project)
    assert result.returncode == 0, explain(result)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dockerfile_cmd(project: Path) -> list[str]:
    """The exec-form CMD of the project's Dockerfile."""
    text = (project / "Dockerfile").read_text(encoding="utf-8")
    commands = re.findall(r"^CMD (\[.*\])$", text, flags=re.MULTILINE)
    assert len(commands) == 1, f"expected one exec-form CMD in the Dockerfile, found {commands}"
    return list(json.loads(commands[0]))


@dataclass
class Server:
    """A baked project's production command, running on a local port."""

    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-6000:]


def wait_until_ready(server: Server, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            msg = f"the server exited with {server.process.returncode}:\n{server.output()}"
            raise AssertionError(msg)
        try:
            if httpx.get(server.base_url + path, timeout=2).status_code == httpx.codes.OK:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    msg = f"no 200 from {path} within {timeout:.0f} s:\n{server.output()}"
    raise AssertionError(msg)


@contextmanager
def serve(
    project: Path, env: Mapping[str, str], ready_path: str, timeout: float = 90
) -> Iterator[Server]:
    """Start the Dockerfile's CMD from the project root with the project's venv on PATH."""
    port = free_port()
    command = dockerfile_cmd(project)
    venv_bin = project / ".venv" / "bin"
    full_env = clean_env(**env, PORT=str(port), PATH=f"{venv_bin}{os.pathsep}{os.environ['PATH']}")
    log = project.parent / f"server-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=project, env=full_env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_ready(server, ready_path, timeout)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process and its children."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
