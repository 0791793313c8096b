"""Fixtures: settings built explicitly, an app made from them and a client that runs it."""
{%- set database = cookiecutter.auth or cookiecutter.forms %}
{%- set settings_fixtures = (["tmp_path: Path"] if database else [])
    + (["model_dir: Path"] if cookiecutter.ml_model else []) %}

import logging
import secrets
{% if database -%}
import sqlite3
{% endif -%}
from collections.abc import {% if database %}Callable, {% endif %}Iterator
{%- if database %}
from contextlib import closing
{%- endif %}
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
{%- if cookiecutter.auth %}
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
{%- endif %}

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth import security
{% endif -%}
from {{ cookiecutter.project_slug }}.main import create_app
{% if cookiecutter.ml_model -%}
from {{ cookiecutter.project_slug }}.ml.train import train
{% endif -%}
from {{ cookiecutter.project_slug }}.settings import Settings
{%- if cookiecutter.auth %}
from tests.helpers import PASSWORD, csrf_token
{%- endif %}


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's environment variables and .env file out of every test."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


{% if cookiecutter.auth -%}
@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with argon2 at its lowest cost: the tests check what is done, not how hard.

    test_auth_api checks the parameters of the real hasher.
    """
    fast = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    monkeypatch.setattr(security, "password_hash", fast)


{% endif -%}
@pytest.fixture(autouse=True)
def restored_logging() -> Iterator[None]:
    """Undo the logging set-up that a test's app made."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


{% if cookiecutter.ml_model -%}
@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train the model once for the whole run; each app loads it from here."""
    directory = tmp_path_factory.mktemp("model")
    train(directory)
    return directory


{% endif -%}
@pytest.fixture
def settings({{ settings_fixtures|join(", ") }}) -> Settings:
    """Return development settings that nothing outside the test can change."""
    return Settings(
        _env_file=None,
        environment="development",
        secret_key=secrets.token_urlsafe(48),
        log_level="INFO",
{%- if database %}
        # A fresh database per test; the app migrates it at start-up, as in development.
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}",
{%- endif %}
{%- if cookiecutter.ml_model %}
        model_dir=model_dir,
{%- endif %}
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """Return an app built from the test settings."""
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """Return a client for the app, with its lifespan running; it shows redirects, not follows."""
    with TestClient(app, follow_redirects=False) as client:
        yield client
{%- if database %}


@pytest.fixture
def count_rows(settings: Settings) -> Callable[[str], int]:
    """Return a function that counts the rows of a table of the test database."""
    path = settings.database_url.removeprefix("sqlite+aiosqlite:///")

    def count(table: str) -> int:
        with closing(sqlite3.connect(path)) as connection:
            query = f"SELECT count(*) FROM {table}"  # noqa: S608 (the tests' own table names)
            return int(connection.execute(query).fetchone()[0])

    return count
{%- endif %}
{%- if cookiecutter.auth %}


@pytest.fixture
def token(client: TestClient) -> str:
    """Sign ada up through the API and return her bearer token."""
    credentials = {"username": "ada", "password": PASSWORD}
    assert client.post("/api/auth/register", json=credentials).status_code == 201
    response = client.post("/api/auth/token", data=credentials)
    assert response.status_code == 200
    return str(response.json()["access_token"])


@pytest.fixture
def signed_in(client: TestClient) -> TestClient:
    """Sign grace up through the pages: the client then holds her cookie."""
    response = client.post(
        "/auth/register",
        data={
            "username": "grace",
            "password": PASSWORD,
            "password_confirmation": PASSWORD,
            "csrf_token": csrf_token(client, "/auth/register"),
        },
    )
    assert response.status_code == 303
    return client
{%- endif %}
