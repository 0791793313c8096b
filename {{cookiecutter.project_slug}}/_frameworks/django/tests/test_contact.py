"""The contact form: validation, CSRF, storage, Post/Redirect/Get, escaping, the submissions."""

from typing import Any

import pytest
from django.test import Client
{%- if not cookiecutter.auth %}
from pytest_django import Settings
{%- endif %}

from {{ cookiecutter.project_slug }}.contact.models import ContactMessage
{%- if cookiecutter.auth %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}

CONTACT_URL = "/contact/"
SUBMISSIONS_URL = "/contact/submissions/"
VALID = {"name": "Grace", "email": "grace@example.com", "message": "Hello!"}
SCRIPT = "<script>alert(1)</script>"

pytestmark = pytest.mark.django_db


def send(client: Client, **fields: str) -> Any:
    return client.post(CONTACT_URL, {**VALID, **fields})


def test_the_form_has_labelled_fields_and_a_csrf_token(client: Client) -> None:
    response = client.get(CONTACT_URL)
    html = response.content.decode()

    assert response.status_code == 200
    for name, label in [("name", "Name"), ("email", "Email"), ("message", "Message")]:
        assert f'<label for="id_{name}">{label}</label>' in html
    assert '<input type="email" name="email" maxlength="254" required id="id_email">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit">Send</button>' in html


def test_a_valid_message_is_stored_then_redirected_with_thanks(client: Client) -> None:
    response = send(client)

    assert response.status_code == 303
    assert response["Location"] == CONTACT_URL
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.message) == ("Grace", "grace@example.com", "Hello!")
    assert stored.created_at is not None
    assert str(stored) == "Grace <grace@example.com>"

    page = client.get(response["Location"]).content.decode()
    assert "Thank you" in page
    assert "Thank you" not in client.get(CONTACT_URL).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "   ", "This field is required."),
        ("name", "n" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("email", "", "This field is required."),
        ("email", "grace@example", "Enter a valid email address."),
        ("email", "not an address", "Enter a valid email address."),
        ("email", "g" * 243 + "@example.com", "Ensure this value has at most 254 characters"),
        ("message", "", "This field is required."),
        ("message", "m" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
        ("message", "m" * 100_000, "Ensure this value has at most 2000 characters"),
    ],
    ids=[
        "no-name",
        "blank-name",
        "long-name",
        "no-email",
        "email-without-dot",
        "email-without-at",
        "long-email",
        "no-message",
        "long-message",
        "huge-message",
    ],
)
def test_an_invalid_field_shows_its_error_next_to_it_and_stores_nothing(
    client: Client, field: str, value: str, message: str
) -> None:
    response = send(client, **{field: value})
    html = response.content.decode()

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert list(response.context["form"].errors) == [field]
    # The error is inside the field's own block, after its input.
    block = html[html.index(f'<label for="id_{field}">') :]
    block = block[: block.index("</div>")]
    assert 'class="errorlist' in block
    assert not ContactMessage.objects.exists()


def test_the_limits_themselves_are_accepted(client: Client) -> None:
    email = "g" * 242 + "@example.com"
    response = send(client, name="n" * 100, email=email, message="m" * 2000)

    assert response.status_code == 303
    assert ContactMessage.objects.get().email == email


def test_unexpected_fields_are_never_saved(client: Client) -> None:
    response = send(client, id="4242", created_at="2000-01-01T00:00:00Z", is_spam="no")

    stored = ContactMessage.objects.get()
    assert response.status_code == 303
    assert stored.pk != 4242
    assert stored.created_at.year > 2000


@pytest.mark.parametrize("token", [None, "not-the-token"], ids=["missing", "invalid"])
def test_a_post_without_a_valid_csrf_token_is_refused(token: str | None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(CONTACT_URL)  # sets the CSRF cookie, as a browser would have it
    data = dict(VALID)
    if token is not None:
        data["csrfmiddlewaretoken"] = token

    response = client.post(CONTACT_URL, data)

    assert response.status_code == 403
    assert not ContactMessage.objects.exists()


def test_a_post_with_the_csrf_token_is_accepted() -> None:
    client = Client(enforce_csrf_checks=True)
    token = client.get(CONTACT_URL).context["csrf_token"]

    response = client.post(CONTACT_URL, {**VALID, "csrfmiddlewaretoken": str(token)})

    assert response.status_code == 303
    assert ContactMessage.objects.count() == 1


def test_html_in_a_message_comes_back_escaped(client: Client) -> None:
    invalid = send(client, email="not an address", message=SCRIPT).content.decode()

    assert SCRIPT not in invalid
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in invalid


def test_the_admin_lists_the_messages(admin_client: Client) -> None:
    ContactMessage.objects.create(**VALID)

    response = admin_client.get("/admin/contact/contactmessage/")

    assert response.status_code == 200
    assert "grace@example.com" in response.content.decode()
{%- if cookiecutter.auth %}


@pytest.fixture
def grace() -> User:
    # No password: the tests sign her in with force_login, which hashes nothing.
    return User.objects.create_user(
        "grace", email="grace@example.com", first_name="Grace", last_name="Hopper"
    )


@pytest.fixture
def reader(client: Client, grace: User) -> Client:
    """A client allowed to read the submissions: a signed-in user's."""
    client.force_login(grace)
    return client


def test_a_signed_in_user_finds_her_name_and_email_filled_in(reader: Client) -> None:
    form = reader.get(CONTACT_URL).context["form"]

    assert form.initial == {"name": "Grace Hopper", "email": "grace@example.com"}


def test_the_username_stands_in_for_a_missing_full_name(client: Client) -> None:
    client.force_login(User.objects.create_user("ada"))

    form = client.get(CONTACT_URL).context["form"]

    assert form.initial == {"name": "ada", "email": ""}


def test_submissions_ask_anonymous_users_to_sign_in(client: Client) -> None:
    response = client.get(SUBMISSIONS_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={SUBMISSIONS_URL}"
{%- else %}


@pytest.fixture
def reader(client: Client, settings: Settings) -> Client:
    """A client allowed to read the submissions: any, in development."""
    settings.DEBUG = True  # pytest-django turns DEBUG off, as in production
    return client


def test_submissions_are_hidden_in_production(client: Client, settings: Settings) -> None:
    send(client)
    settings.DEBUG = False

    assert client.get(SUBMISSIONS_URL).status_code == 404
{%- endif %}


def test_submissions_are_shown_escaped(reader: Client) -> None:
    send(Client(), message=SCRIPT)

    response = reader.get(SUBMISSIONS_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "grace@example.com" in html
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_submissions_are_paginated_newest_first(reader: Client) -> None:
    ContactMessage.objects.bulk_create(
        ContactMessage(name=f"Person {number}", email=f"p{number}@example.com", message="Hi")
        for number in range(51)
    )

    first = reader.get(SUBMISSIONS_URL)
    second = reader.get(SUBMISSIONS_URL, {"page": 2})

    assert [item.name for item in first.context["object_list"]][:1] == ["Person 50"]
    assert len(first.context["object_list"]) == 50
    assert [item.name for item in second.context["object_list"]] == ["Person 0"]
    assert "Page 1 of 2" in first.content.decode()
    assert reader.get(SUBMISSIONS_URL, {"page": 3}).status_code == 404
