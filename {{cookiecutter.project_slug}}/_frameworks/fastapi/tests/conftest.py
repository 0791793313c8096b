"""Fixtures: settings built explicitly, an app made from them and a client that runs it."""
{%- set database = cookiecutter.auth or cookiecutter.forms %}
{%- set postgresql = database and cookiecutter.database == "postgresql" %}
{%- set settings_fixtures = (["database_url: str"] if database else [])
    + (["model_dir: Path"] if cookiecutter.ml_model else []) %}

import logging
import secrets
from collections.abc import {% if database %}Callable, {% endif %}Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
{%- if cookiecutter.auth %}
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
{%- endif %}
{%- if database %}
from sqlalchemy import Engine
{%- endif %}

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth import security
{% endif -%}
from {{ cookiecutter.project_slug }}.main import create_app
{% if cookiecutter.ml_model -%}
from {{ cookiecutter.project_slug }}.ml.train import train
{% endif -%}
from {{ cookiecutter.project_slug }}.settings import Settings
{%- if database %}
from tests import helpers
{%- endif %}
{%- if cookiecutter.auth %}
from tests.helpers import PASSWORD, csrf_token
{%- endif %}
{%- if postgresql %}


@pytest.fixture(scope="session")
def test_database() -> Iterator[str]:
    """Create test_<name> on the server of DATABASE_URL, migrate it, and drop it at the end.

    As pytest-django does: the tests never touch the database the app uses. DATABASE_URL comes
    from the environment, else from .env (compose.yaml's db service).
    """
    url = helpers.create_test_database(Settings().database_url)
    yield url
    helpers.drop_test_database(url)


@pytest.fixture
def database_url(test_database: str) -> Iterator[str]:
    """Return the URL of the test database; its tables are emptied after each test."""
    yield test_database
    helpers.empty_tables(test_database)
{%- elif database %}


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Return a fresh SQLite file per test; the app migrates it at start-up, as in development."""
    return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
{%- endif %}


@pytest.fixture(autouse=True)
{% if database -%}
def isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str
) -> None:
{%- else -%}
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
{%- endif %}
    """Keep the developer's environment variables and .env file out of every test.{% if database %}

    DATABASE_URL names the test's database, for the code that reads it (the alembic command).
    {% endif %}"""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
{%- if database %}
    monkeypatch.setenv("DATABASE_URL", database_url)
{%- endif %}
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
        database_url=database_url,
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
def database(database_url: str) -> Iterator[Engine]:
    """Return an engine on the test's database, for the tests' own queries."""
    engine = helpers.blocking_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def count_rows(database: Engine) -> Callable[[str], int]:
    """Return a function that counts the rows of a table of the test database."""
    return lambda table: helpers.count_rows(database, table)
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
