"""The contact page through AppTest: validation beside each field, storage, the list."""

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }} import pages
from {{ cookiecutter.project_slug }}.models import ContactMessage
{%- if not cookiecutter.auth %}
from {{ cookiecutter.project_slug }}.settings import get_settings
{%- endif %}

CONTACT = str(Path(pages.__file__).parent / "contact.py")
FIELDS = {"name": "contact_name", "email": "contact_email", "message": "contact_message"}
SCRIPT = "<script>alert('hi')</script>"


@pytest.fixture
def page(app: AppTest) -> AppTest:
    return app.switch_page(CONTACT).run()


def fill(at: AppTest, **values: str) -> AppTest:
    at.text_input(key=FIELDS["name"]).input(values.get("name", "Ada Lovelace"))
    at.text_input(key=FIELDS["email"]).input(values.get("email", "ada@example.com"))
    at.text_area(key=FIELDS["message"]).input(values.get("message", "Hello!"))
    return at


def send(at: AppTest) -> AppTest:
    return at.button(key="FormSubmitter:contact-Send").click().run()


def stored(session: Session) -> list[tuple[str, str, str]]:
    messages = session.scalars(select(ContactMessage).order_by(ContactMessage.id))
    return [(message.name, message.email, message.message) for message in messages]


def test_the_form_has_its_fields_and_button(page: AppTest) -> None:
    assert not page.exception
    assert page.title[0].value == "Contact"
    assert [widget.label for widget in page.text_input] == ["Name", "Email"]
    assert [widget.label for widget in page.text_area] == ["Message"]
    assert [button.label for button in page.main.button] == ["Send"]


def test_a_valid_message_is_stored_thanked_and_the_form_emptied(
    page: AppTest, session: Session
) -> None:
    send(fill(page))

    assert not page.exception
    assert "Thank you" in page.success[0].value
    assert not page.error
    assert stored(session) == [("Ada Lovelace", "ada@example.com", "Hello!")]
    assert page.text_area(key=FIELDS["message"]).value == ""
    page.run()
    assert not page.success


def test_an_invalid_email_is_shown_beside_its_field_and_nothing_stored(
    page: AppTest, session: Session
) -> None:
    send(fill(page, email="not an email"))

    assert not page.success
    assert [error.value for error in page.error] == ["Enter a valid email address."]
    # The error sits right after the email input, in the form.
    form = list(page.get("form")[0])
    email_at = next(
        i for i, node in enumerate(form) if getattr(node, "key", None) == FIELDS["email"]
    )
    assert form[email_at + 1].type == "error"
    assert page.text_input(key=FIELDS["email"]).value == "not an email"
    assert stored(session) == []


def test_correcting_the_error_sends_the_message(page: AppTest, session: Session) -> None:
    send(fill(page, email="not an email"))

    page.text_input(key=FIELDS["email"]).input("ada@example.com")
    send(page)

    assert not page.error
    assert "Thank you" in page.success[0].value
    assert len(stored(session)) == 1


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"name": ""}, ["Enter your name (at most 100 characters)."]),
        ({"message": "   "}, ["Enter a message (at most 2000 characters)."]),
        ({"email": "ada@example"}, ["Enter a valid email address."]),
        (
            {"name": "", "email": "", "message": ""},
            [
                "Enter your name (at most 100 characters).",
                "Enter a valid email address.",
                "Enter a message (at most 2000 characters).",
            ],
        ),
    ],
)
def test_invalid_input_is_refused_with_its_messages(
    page: AppTest, session: Session, values: dict[str, str], errors: list[str]
) -> None:
    send(fill(page, **values))

    assert not page.exception
    assert [error.value for error in page.error] == errors
    assert not page.success
    assert stored(session) == []


def test_the_inputs_cut_over_long_text_at_the_limits(page: AppTest) -> None:
    # Streamlit truncates on the server too; contact.validate refuses anything longer.
    assert page.text_input(key=FIELDS["name"]).proto.max_chars == 100
    assert page.text_input(key=FIELDS["email"]).proto.max_chars == 254
    assert page.text_area(key=FIELDS["message"]).proto.max_chars == 2000


def test_a_script_in_a_message_is_stored_and_shown_as_text(page: AppTest, session: Session) -> None:
    send(fill(page, message=SCRIPT))

    assert stored(session)[0][2] == SCRIPT
    assert page.dataframe[0].value["Message"].tolist() == [SCRIPT]
    # No element of the page renders HTML: the text cannot become markup.
    assert not page.get("html")
    assert not any(markdown.proto.allow_html for markdown in page.markdown)
{%- if cookiecutter.auth %}


def test_the_signed_in_user_s_name_fills_the_form_in(page: AppTest) -> None:
    assert page.text_input(key=FIELDS["name"]).value == "alice"
    assert page.text_input(key=FIELDS["email"]).value == ""


def test_the_provider_s_name_and_email_fill_the_form_in(fresh_app: AppTest) -> None:
    fresh_app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    fresh_app.user = {"is_logged_in": True, "name": "Ada Lovelace", "email": "ada@example.com"}
    fresh_app.run().switch_page(CONTACT).run()

    assert fresh_app.text_input(key=FIELDS["name"]).value == "Ada Lovelace"
    assert fresh_app.text_input(key=FIELDS["email"]).value == "ada@example.com"


def test_signed_in_users_see_the_submissions(page: AppTest) -> None:
    send(fill(page))

    assert page.subheader[0].value == "Submissions"
    assert page.dataframe[0].value["Email"].tolist() == ["ada@example.com"]
{%- else %}


def test_the_submissions_are_listed_in_development(page: AppTest) -> None:
    assert page.subheader[0].value == "Submissions"
    assert page.caption[0].value == "None yet."

    send(fill(page))

    assert page.dataframe[0].value["Email"].tolist() == ["ada@example.com"]


def test_the_submissions_are_hidden_in_production(
    monkeypatch: pytest.MonkeyPatch, app: AppTest, session: Session
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 48)
    get_settings.cache_clear()
    page = app.switch_page(CONTACT).run()

    send(fill(page))

    assert "Thank you" in page.success[0].value
    assert len(stored(session)) == 1
    assert not page.subheader
    assert not page.dataframe
{%- endif %}
