"""The contact form: validation, CSRF, storage, Post/Redirect/Get and escaping."""

import io
from collections.abc import Callable
from datetime import UTC

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.contact.models import ContactMessage
from {{ cookiecutter.project_slug }}.contact.views import SUBMISSIONS_PER_PAGE, THANK_YOU
from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.settings import Settings

Submit = Callable[..., TestResponse]
{%- if cookiecutter.auth %}
SignUp = Callable[[str], TestResponse]
{%- endif %}

VALID = {"name": "Grace", "email": "grace@example.com", "message": "Hello!"}


@pytest.fixture
def reader(client: FlaskClient{% if cookiecutter.auth %}, sign_up: SignUp{% endif %}) -> FlaskClient:
    """A client that may read the messages received{% if cookiecutter.auth %}: a signed-in user{% endif %}."""
{%- if cookiecutter.auth %}
    sign_up("grace")
{%- endif %}
    return client


def stored(app: Flask) -> list[ContactMessage]:
    with app.app_context():
        return list(db.session.execute(select(ContactMessage)).scalars())


def test_the_form_has_labelled_fields_and_a_csrf_token(client: FlaskClient) -> None:
    page = client.get("/contact").text

    assert '<label for="name">Name</label>' in page
    assert '<label for="email">Email</label>' in page
    assert '<label for="message">Message</label>' in page
    assert 'type="submit" value="Send"' in page
    assert 'name="csrf_token" type="hidden"' in page
    assert 'href="/static/forms.css"' in page


def test_the_navigation_links_to_the_form(client: FlaskClient) -> None:
    assert '<a href="/contact">Contact</a>' in client.get("/").text


def test_a_valid_message_is_stored_then_redirected_with_thanks(
    app: Flask, client: FlaskClient, submit: Submit
) -> None:
    response = submit("/contact", {**VALID, "name": "  Grace  "})

    assert response.status_code == 303
    assert response.location == "/contact"
    [message] = stored(app)
    assert (message.name, message.email, message.message) == ("Grace", VALID["email"], "Hello!")
    assert message.created_at.tzinfo == UTC
    page = client.get("/contact").text
    assert THANK_YOU in page
    assert "Thank you" in page
    assert "Thank you" not in client.get("/contact").text


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"name": "n" * 101}, "name", "Field cannot be longer than 100 characters."),
        ({"email": "grace@example"}, "email", "Invalid email address."),
        ({"email": "not an email"}, "email", "Invalid email address."),
        ({"email": "g" * 243 + "@example.com"}, "email", "longer than 254 characters"),
        ({"message": ""}, "message", "This field is required."),
        ({"message": "m" * 2001}, "message", "Field cannot be longer than 2000 characters."),
    ],
    ids=[
        "no-name",
        "blank-name",
        "name-too-long",
        "email-without-dot",
        "not-an-email",
        "email-too-long",
        "no-message",
        "message-too-long",
    ],
)
def test_an_invalid_field_shows_its_error_and_stores_nothing(
    app: Flask, submit: Submit, changes: dict[str, str], field: str, error: str
) -> None:
    response = submit("/contact", {**VALID, **changes})

    assert response.status_code == 200
    # The error sits right after its own field, which is marked invalid.
    assert f'aria-describedby="{field}-error"' in response.text
    assert f'<span class="error" id="{field}-error">' in response.text
    assert error in response.text.split(f'id="{field}-error">')[1].split("</span>")[0]
    assert stored(app) == []


def test_the_longest_values_fit_the_database(app: Flask, submit: Submit) -> None:
    domain = ".".join(["a" * 63, "b" * 63, "c" * 57, "com"])
    longest = {"name": "é" * 100, "email": f"{'g' * 64}@{domain}", "message": "m" * 2000}
    assert len(longest["email"]) == 254

    assert submit("/contact", longest).status_code == 303

    [message] = stored(app)
    assert [message.name, message.email, message.message] == list(longest.values())


@pytest.mark.parametrize("field", ["name", "email", "message"])
def test_a_nul_character_is_refused(app: Flask, submit: Submit, field: str) -> None:
    response = submit("/contact", {**VALID, field: "gr\x00ace@example.com"})

    assert response.status_code == 200
    assert f'<span class="error" id="{field}-error">' in response.text
    assert stored(app) == []


def test_missing_fields_are_errors_not_crashes(app: Flask, submit: Submit) -> None:
    response = submit("/contact", {})

    assert response.status_code == 200
    assert response.text.count("This field is required.") == 3
    assert stored(app) == []


@pytest.mark.parametrize("token", [None, "forged"], ids=["missing", "invalid"])
def test_a_post_without_a_valid_csrf_token_is_refused(
    app: Flask, client: FlaskClient, token: str | None
) -> None:
    client.get("/contact")
    data = VALID | ({"csrf_token": token} if token else {})

    response = client.post("/contact", data=data)

    assert response.status_code == 400
    assert stored(app) == []


@pytest.mark.parametrize(
    "body",
    [
        {"json": {"name": 123, "email": ["grace@example.com"], "message": {"text": "hi"}}},
        {"json": [VALID]},
        {"data": {**VALID, "name": (io.BytesIO(b"Grace"), "name.txt")}},
    ],
    ids=["json-object", "json-array", "file"],
)
def test_values_that_are_not_form_text_store_nothing(
    app: Flask, client: FlaskClient, csrf_token: Callable[[str], str], body: dict[str, object]
) -> None:
    token = csrf_token("/contact")

    response = client.post("/contact", headers={"X-CSRFToken": token}, **body)

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert stored(app) == []


def test_unexpected_fields_are_ignored(app: Flask, submit: Submit) -> None:
    response = submit("/contact", {**VALID, "id": "99", "created_at": "1999-01-01", "admin": "1"})

    assert response.status_code == 303
    [message] = stored(app)
    assert message.id == 1
    assert message.created_at.year > 1999


def test_a_body_over_the_size_limit_is_refused(app: Flask, submit: Submit) -> None:
    response = submit("/contact", {**VALID, "message": "m" * 1024 * 1024})

    assert response.status_code == 413
    assert stored(app) == []


def test_user_input_comes_back_escaped(submit: Submit) -> None:
    script = "<script>alert(1)</script>"

    page = submit("/contact", {**VALID, "email": "bad", "message": script}).text

    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
{%- if cookiecutter.auth %}


def test_the_form_is_prefilled_for_a_signed_in_user(client: FlaskClient, sign_up: SignUp) -> None:
    sign_up("grace")

    page = client.get("/contact").text

    assert 'id="name" maxlength="100" name="name" required type="text" value="grace"' in page


def test_only_signed_in_users_see_the_messages(
    client: FlaskClient, submit: Submit, sign_up: SignUp
) -> None:
    submit("/contact", {**VALID, "message": "<script>alert(1)</script>"})

    response = client.get("/contact/submissions")
    assert response.status_code == 302
    assert response.location == "/auth/login?next=%2Fcontact%2Fsubmissions"

    sign_up("grace")
    page = client.get("/contact/submissions").text
    assert "grace@example.com" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


def test_production_shows_the_messages_only_to_signed_in_users(
    production_settings: Settings,
) -> None:
    client = create_app(production_settings).test_client()

    assert client.get("/contact/submissions").status_code == 302
{%- else %}


def test_development_lists_the_messages(client: FlaskClient, submit: Submit) -> None:
    submit("/contact", {**VALID, "message": "<script>alert(1)</script>"})

    page = client.get("/contact/submissions").text

    assert "grace@example.com" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


def test_production_hides_the_messages(production_settings: Settings) -> None:
    client = create_app(production_settings).test_client()

    assert client.get("/contact/submissions").status_code == 404
{%- endif %}


def test_the_list_shows_the_newest_first_a_page_at_a_time(app: Flask, reader: FlaskClient) -> None:
    with app.app_context():
        db.session.add_all(
            ContactMessage(name=f"person {n}", email=f"p{n}@example.com", message="hi")
            for n in range(SUBMISSIONS_PER_PAGE + 1)
        )
        db.session.commit()

    first = reader.get("/contact/submissions").text
    second = reader.get("/contact/submissions?page=2").text

    assert f"person {SUBMISSIONS_PER_PAGE}" in first
    assert "person 0 " not in first
    assert "Page 1 of 2" in first
    assert "person 0 " in second
    assert reader.get("/contact/submissions?page=3").status_code == 404
    assert reader.get("/contact/submissions?page=x").status_code == 404
