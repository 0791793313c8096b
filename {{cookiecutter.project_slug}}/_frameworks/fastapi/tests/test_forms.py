"""CSRF protection of the HTML forms (a signed double-submit token), and form error messages."""

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, SecretStr, ValidationError

from {{ cookiecutter.project_slug }}.forms import (
    CSRF_COOKIE,
    CSRF_FAILED,
    CSRF_FIELD,
    CsrfChecked,
    CsrfDep,
    csrf_form_token,
    field_errors,
)
from {{ cookiecutter.project_slug }}.settings import Settings


@pytest.fixture
def form_app(settings: Settings) -> TestClient:
    """Return a client of an app with one form page and the route it posts to."""
    app = FastAPI()
    app.state.settings = settings

    @app.get("/form")
    async def page(csrf: CsrfDep) -> JSONResponse:
        response = JSONResponse({"token": csrf.form_token})
        csrf.set_cookie(response)
        return response

    @app.post("/form", dependencies=[CsrfChecked])
    async def send() -> dict[str, bool]:
        return {"sent": True}

    return TestClient(app)


def test_a_form_with_the_page_token_is_accepted(form_app: TestClient) -> None:
    token = form_app.get("/form").json()["token"]

    response = form_app.post("/form", data={CSRF_FIELD: token})

    assert response.status_code == 200
    assert response.json() == {"sent": True}


def test_the_browser_keeps_its_token(form_app: TestClient) -> None:
    first = form_app.get("/form").json()["token"]

    assert form_app.get("/form").json()["token"] == first


@pytest.mark.parametrize(
    "sent",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("0" * 64, id="wrong"),
    ],
)
def test_a_form_without_the_right_token_is_refused(form_app: TestClient, sent: str | None) -> None:
    form_app.get("/form")

    response = form_app.post("/form", data={} if sent is None else {CSRF_FIELD: sent})

    assert response.status_code == 403
    assert response.json() == {"detail": CSRF_FAILED}


def test_a_token_without_its_cookie_is_refused(form_app: TestClient) -> None:
    token = form_app.get("/form").json()["token"]
    form_app.cookies.clear()

    assert form_app.post("/form", data={CSRF_FIELD: token}).status_code == 403


def test_a_cookie_planted_by_another_site_gives_no_valid_token(
    form_app: TestClient, settings: Settings
) -> None:
    nonce = "a" * 43
    form_app.cookies.set(CSRF_COOKIE, nonce)
    # Without SECRET_KEY, the field cannot be computed from the cookie.
    other_secret = settings.model_copy(update={"secret_key": SecretStr("another secret " * 4)})

    response = form_app.post("/form", data={CSRF_FIELD: csrf_form_token(nonce, other_secret)})

    assert response.status_code == 403


def test_a_malformed_cookie_is_replaced(form_app: TestClient) -> None:
    form_app.cookies.set(CSRF_COOKIE, "not a token")

    response = form_app.get("/form")

    assert response.cookies[CSRF_COOKIE] != "not a token"
    token = response.json()["token"]
    assert form_app.post("/form", data={CSRF_FIELD: token}).status_code == 200


def test_a_json_body_is_refused(form_app: TestClient) -> None:
    token = form_app.get("/form").json()["token"]

    assert form_app.post("/form", json={CSRF_FIELD: token}).status_code == 403


@pytest.mark.parametrize(("environment", "secure"), [("development", False), ("production", True)])
def test_the_cookie_is_http_only_same_site_and_secure_in_production(
    settings: Settings, environment: str, *, secure: bool
) -> None:
    app = FastAPI()
    app.state.settings = settings.model_copy(update={"environment": environment})

    @app.get("/form")
    async def page(csrf: CsrfDep) -> JSONResponse:
        response = JSONResponse({})
        csrf.set_cookie(response)
        return response

    cookie = TestClient(app).get("/form").headers["set-cookie"].lower()

    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert ("secure" in cookie.split("; ")) is secure


def test_field_errors_give_the_first_message_of_each_field() -> None:
    class Sample(BaseModel):
        name: str = Field(min_length=2)
        age: int

    with pytest.raises(ValidationError) as error:
        Sample.model_validate({"name": "a", "age": "old"})

    errors = field_errors(error.value)

    assert errors == {
        "name": "String should have at least 2 characters",
        "age": "Input should be a valid integer, unable to parse string as an integer",
    }
