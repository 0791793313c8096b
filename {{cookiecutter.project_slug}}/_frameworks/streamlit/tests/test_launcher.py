"""The production launcher: the command and environment it builds, its refusal of bad settings.

No server is started: ``os.execve`` is replaced by a recorder.
"""

import base64
import hashlib
import os
import re
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest
import streamlit

from {{ cookiecutter.project_slug }} import __main__ as launcher
from {{ cookiecutter.project_slug }}.settings import Settings

STRONG_SECRET = "s" * 48
README = Path(__file__).resolve().parent.parent / "README.md"


class Exec(Exception):  # noqa: N818 (it stands for the exec call, not an error)
    """Raised by the fake ``os.execve`` in place of replacing the process."""


@pytest.fixture
def execs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str], dict[str, str]]]:
    calls: list[tuple[str, list[str], dict[str, str]]] = []

    def fake_execve(path: str, argv: list[str], env: dict[str, str]) -> None:
        calls.append((path, argv, env))
        raise Exec

    monkeypatch.setattr(os, "execve", fake_execve)
    return calls


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("MAX_UPLOAD_MB", "25")


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, secret_key=STRONG_SECRET, **values)


def test_command_runs_the_app_with_streamlit_on_this_python() -> None:
    argv = launcher.command(settings())

    assert argv[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert Path(argv[4]).name == "streamlit_app.py"
    assert Path(argv[4]).is_file()


def test_command_serves_on_every_interface_at_port() -> None:
    argv = launcher.command(settings(port=9001))

    assert "--server.address=0.0.0.0" in argv
    assert "--server.port=9001" in argv
    assert "--server.headless=true" in argv


def test_command_hardens_the_server() -> None:
    argv = launcher.command(settings(log_level="WARNING", max_upload_mb=5))

    assert "--server.enableXsrfProtection=true" in argv
    assert "--server.enableCORS=true" in argv
    assert "--server.maxUploadSize=5" in argv
    assert "--browser.gatherUsageStats=false" in argv
    assert "--client.showErrorDetails=none" in argv
    assert "--server.fileWatcherType=none" in argv
    assert "--logger.level=warning" in argv
    assert "--logger.hideWelcomeMessage=true" in argv


def test_the_secret_goes_in_the_environment_not_the_command() -> None:
    production_settings = settings()

    env = launcher.environment(production_settings, {"PATH": "/bin"})

    assert env == {"PATH": "/bin", "STREAMLIT_SERVER_COOKIE_SECRET": STRONG_SECRET}
    assert not any(STRONG_SECRET in arg for arg in launcher.command(production_settings))


@pytest.mark.usefixtures("production")
def test_main_replaces_itself_with_streamlit(
    execs: list[tuple[str, list[str], dict[str, str]]],
) -> None:
    with pytest.raises(Exec):
        launcher.main()

    ((path, argv, env),) = execs
    assert path == sys.executable
    assert "--server.port=8123" in argv
    assert "--server.maxUploadSize=25" in argv
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"] == STRONG_SECRET
    assert env["ENVIRONMENT"] == "production"


@pytest.mark.usefixtures("production")
@pytest.mark.parametrize("secret", ["change-me", "too-short"])
def test_main_refuses_a_weak_secret_in_production(
    monkeypatch: pytest.MonkeyPatch,
    execs: list[tuple[str, list[str], dict[str, str]]],
    secret: str,
) -> None:
    monkeypatch.setenv("SECRET_KEY", secret)

    with pytest.raises(SystemExit) as exit_info:
        launcher.main()

    assert str(exit_info.value.code).startswith("ERROR: SECRET_KEY must be set")
    assert not execs


@pytest.mark.usefixtures("production")
def test_main_names_the_variable_in_error(
    monkeypatch: pytest.MonkeyPatch,
    execs: list[tuple[str, list[str], dict[str, str]]],
) -> None:
    monkeypatch.setenv("PORT", "http")

    with pytest.raises(SystemExit) as exit_info:
        launcher.main()

    assert str(exit_info.value.code).startswith("ERROR: PORT: ")
    assert not execs


@pytest.mark.usefixtures("production")
def test_python_dash_m_runs_the_launcher(
    monkeypatch: pytest.MonkeyPatch,
    execs: list[tuple[str, list[str], dict[str, str]]],
) -> None:
    # As under `python -m`, where the package's __main__ has not been imported before.
    monkeypatch.delitem(sys.modules, launcher.__name__)

    with pytest.raises(Exec):
        runpy.run_module("{{ cookiecutter.project_slug }}", run_name="__main__")

    assert len(execs) == 1


def test_the_readme_content_security_policy_allows_streamlits_inline_script() -> None:
    # The proxy's policy in README.md allows Streamlit's inline scripts by their hashes.
    page = Path(streamlit.__file__).parent / "static" / "index.html"
    scripts = re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.DOTALL)
    hashes = [
        "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        for script in scripts
    ]

    readme = README.read_text(encoding="utf-8")
    assert [f"'{digest}'" in readme for digest in hashes] == [True] * len(hashes), (
        f"put {hashes} in the Content-Security-Policy of README.md and of the proxy"
    )
