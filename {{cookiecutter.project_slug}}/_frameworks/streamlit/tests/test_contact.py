"""The contact form's rules and storage, without the UI."""

from typing import Any

import pytest
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import contact

VALID = {"name": "Ada Lovelace", "email": "ada@example.com", "message": "Hello!"}


def test_a_valid_submission_is_accepted_and_trimmed() -> None:
    form = contact.validate({"name": "  Ada  ", "email": " ada@example.com ", "message": " Hi "})

    assert form == contact.ContactForm(name="Ada", email="ada@example.com", message="Hi")


def test_the_limits_themselves_are_accepted() -> None:
    local_part, domain = "a" * 64, ".".join(["b" * 63, "c" * 63, "d" * 57, "com"])
    form = contact.validate(
        {
            "name": "n" * contact.MAX_NAME_LENGTH,
            "email": f"{local_part}@{domain}",
            "message": "m" * contact.MAX_MESSAGE_LENGTH,
        }
    )

    assert len(form.email) == contact.MAX_EMAIL_LENGTH


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "   "),
        ("name", "n" * 101),
        ("name", None),
        ("name", 42),
        ("email", ""),
        ("email", "not an email"),
        ("email", "ada@"),
        ("email", "ada@example"),
        ("email", f"{'a' * 250}@example.com"),
        ("email", ["ada@example.com"]),
        ("message", ""),
        ("message", "m" * 2001),
        ("message", {"text": "hi"}),
    ],
)
def test_each_invalid_field_gets_its_own_message(field: str, value: Any) -> None:
    with pytest.raises(contact.InvalidContact) as error:
        contact.validate({**VALID, field: value})

    assert error.value.errors == {field: contact.MESSAGES[field]}


def test_every_invalid_field_is_reported_at_once() -> None:
    with pytest.raises(contact.InvalidContact) as error:
        contact.validate({"name": "", "email": "nope", "message": ""})

    assert set(error.value.errors) == {"name", "email", "message"}
    assert "email: Enter a valid email address." in str(error.value)


def test_a_missing_field_is_reported() -> None:
    with pytest.raises(contact.InvalidContact) as error:
        contact.validate({"name": "Ada", "email": "ada@example.com"})

    assert error.value.errors == {"message": contact.MESSAGES["message"]}


def test_an_unexpected_field_is_refused() -> None:
    with pytest.raises(contact.InvalidContact) as error:
        contact.validate({**VALID, "is_admin": True})

    assert error.value.errors == {"is_admin": contact.UNEXPECTED_FIELD}


def test_save_stores_the_submission_with_its_time(session: Session) -> None:
    stored = contact.save(session, contact.validate(VALID))

    assert stored.id is not None
    assert (stored.name, stored.email, stored.message) == (
        "Ada Lovelace",
        "ada@example.com",
        "Hello!",
    )
    assert stored.created_at is not None


def test_recent_lists_the_newest_first_up_to_the_limit(session: Session) -> None:
    for number in range(3):
        contact.save(session, contact.validate({**VALID, "message": f"message {number}"}))

    assert [stored.message for stored in contact.recent(session)] == [
        "message 2",
        "message 1",
        "message 0",
    ]
    assert [stored.message for stored in contact.recent(session, limit=1)] == ["message 2"]
