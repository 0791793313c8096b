"""The contact form: validation next to each field, CSRF, storage, redirect; and its JSON API."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.forms import CSRF_FAILED
{% if not cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings
{% endif -%}
from tests.helpers import csrf_token

Rows = Callable[[str], int]
MESSAGE = {"name": "Ada Lovelace", "email": "ada@example.com", "message": "Hello there!"}


@pytest.fixture
{% if cookiecutter.auth -%}
def reader(signed_in: TestClient) -> TestClient:
    """Return a client that may read the messages: a signed-in one."""
    return signed_in
{% else -%}
def reader(client: TestClient) -> TestClient:
    """Return a client that may read the messages: any, in development."""
    return client
{% endif %}

def send(client: TestClient, **fields: str) -> Any:
    data = MESSAGE | {"csrf_token": csrf_token(client, "/contact")} | fields
    return client.post("/contact", data=data)


def test_the_form_has_labelled_fields(client: TestClient) -> None:
    page = client.get("/contact").text

    for name, label in [("name", "Name"), ("email", "Email"), ("message", "Message")]:
        assert f'<label for="{name}">{label}</label>' in page
        assert f'id="{name}" name="{name}"' in page
    assert '<button type="submit">Send</button>' in page
    assert 'href="/contact">Contact</a>' in client.get("/").text


def test_a_valid_message_is_stored_then_thanked_for(client: TestClient, count_rows: Rows) -> None:
    response = send(client)

    assert response.status_code == 303
    assert response.headers["location"] == "/contact?sent=true"
    assert count_rows("contact_messages") == 1
    assert "Thank you" in client.get(response.headers["location"]).text
    assert "Thank you" not in client.get("/contact").text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "at least 1 character"),
        ("name", "   ", "at least 1 character"),
        ("name", "n" * 101, "at most 100 characters"),
        ("email", "not-an-email", "not a valid email address"),
        ("email", "a@" + "e" * 250 + ".com", "too long"),
        ("message", "", "at least 1 character"),
        ("message", "m" * 2001, "at most 2000 characters"),
    ],
)
def test_an_invalid_field_is_shown_with_its_error_and_nothing_is_stored(
    client: TestClient, count_rows: Rows, field: str, value: str, message: str
) -> None:
    response = send(client, **{field: value})

    assert response.status_code == 200
    error = response.text.split(f'<span class="error" id="{field}-error">')[1]
    assert message in error.split("</span>")[0]
    assert response.text.count('class="error"') == 1
    assert count_rows("contact_messages") == 0


def test_the_form_keeps_what_was_typed(client: TestClient) -> None:
    page = send(client, email="ada@").text

    assert 'value="Ada Lovelace"' in page
    assert ">Hello there!</textarea>" in page


@pytest.mark.parametrize(
    "token", [pytest.param(None, id="missing"), pytest.param("forged", id="invalid")]
)
def test_a_message_without_a_valid_csrf_token_is_refused(
    client: TestClient, count_rows: Rows, token: str | None
) -> None:
    csrf_token(client, "/contact")
    data = MESSAGE if token is None else MESSAGE | {"csrf_token": token}

    response = client.post("/contact", data=data)

    assert response.status_code == 403
    assert response.json() == {"detail": CSRF_FAILED}
    assert count_rows("contact_messages") == 0


def test_unexpected_fields_are_refused(client: TestClient, count_rows: Rows) -> None:
    response = send(client, admin="yes")

    assert response.status_code == 422
    assert count_rows("contact_messages") == 0


def test_user_input_comes_back_escaped(reader: TestClient) -> None:
    script = "<script>alert('hi')</script>"

    invalid = send(reader, email="nope", message=script)
    send(reader, name=script, message=script)
    listed = reader.get("/contact/submissions")

    for page in (invalid.text, listed.text):
        assert script not in page
        assert "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;" in page


def test_the_api_stores_a_message(client: TestClient, count_rows: Rows) -> None:
    response = client.post("/api/contact", json=MESSAGE)

    assert response.status_code == 201
    stored = response.json()
    assert stored.items() >= MESSAGE.items()
    assert {"id", "created_at"} <= set(stored)
    assert count_rows("contact_messages") == 1


def test_the_longest_values_are_stored(client: TestClient, count_rows: Rows) -> None:
    longest = MESSAGE | {"name": "é" * 100, "message": "m" * 2000}

    response = client.post("/api/contact", json=longest)

    assert response.status_code == 201
    assert response.json()["name"] == longest["name"]
    assert count_rows("contact_messages") == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty"),
        pytest.param(MESSAGE | {"email": "nope"}, id="bad-email"),
        pytest.param(MESSAGE | {"message": "m" * 2001}, id="too-long"),
        pytest.param(MESSAGE | {"name": 7}, id="wrong-type"),
        pytest.param(MESSAGE | {"spam": True}, id="extra-field"),
    ],
)
def test_the_api_refuses_bad_messages(
    client: TestClient, count_rows: Rows, body: dict[str, object]
) -> None:
    response = client.post("/api/contact", json=body)

    assert response.status_code == 422
    assert count_rows("contact_messages") == 0


def test_the_messages_are_listed(reader: TestClient) -> None:
    assert "No message yet." in reader.get("/contact/submissions").text
    send(reader)

    page = reader.get("/contact/submissions").text

    assert "ada@example.com" in page


def test_the_api_is_documented_with_the_form_model(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/contact"]["post"]

    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ContactMessageIn"}
{%- if cookiecutter.auth %}


def test_the_messages_are_for_signed_in_users_only(client: TestClient) -> None:
    response = client.get("/contact/submissions", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=%2Fcontact%2Fsubmissions"


def test_a_signed_in_user_has_the_name_prefilled(signed_in: TestClient) -> None:
    assert 'value="grace"' in signed_in.get("/contact").text
{%- else %}


def test_the_messages_are_hidden_in_production(settings: Settings) -> None:
    production = settings.model_copy(update={"environment": "production"})

    with TestClient(create_app(production)) as client:
        assert client.get("/contact/submissions").status_code == 404
{%- endif %}
