"""The contact form's rules and storage: pure functions, testable without the UI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError
from sqlalchemy import select

from {{ cookiecutter.project_slug }}.models import ContactMessage

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy.orm import Session

MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_MESSAGE_LENGTH = 2000
FIELDS = ("name", "email", "message")
# The message shown for each field's errors; pydantic's own texts are for developers.
MESSAGES = {
    "name": f"Enter your name (at most {MAX_NAME_LENGTH} characters).",
    "email": "Enter a valid email address.",
    "message": f"Enter a message (at most {MAX_MESSAGE_LENGTH} characters).",
}
UNEXPECTED_FIELD = "This field is not part of the form."


class ContactForm(BaseModel):
    """A valid submission: every field present, within bounds, nothing else."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
    email: Annotated[EmailStr, Field(max_length=MAX_EMAIL_LENGTH)]
    message: Annotated[str, Field(min_length=1, max_length=MAX_MESSAGE_LENGTH)]


class InvalidContact(ValueError):  # noqa: N818 (reads as what it is, like the core's InvalidInput)
    """The submission has errors: ``errors`` maps each field to the message to show beside it."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


def validate(data: Mapping[str, object]) -> ContactForm:
    """Return the valid submission in ``data``, or raise InvalidContact with each field's error."""
    try:
        return ContactForm.model_validate(data)
    except ValidationError as error:
        errors: dict[str, str] = {}
        for problem in error.errors():
            field = str(problem["loc"][0]) if problem["loc"] else "form"
            errors.setdefault(field, MESSAGES.get(field, UNEXPECTED_FIELD))
        raise InvalidContact(errors) from error


def save(session: Session, form: ContactForm) -> ContactMessage:
    """Store a valid submission and return it."""
    stored = ContactMessage(name=form.name, email=form.email, message=form.message)
    session.add(stored)
    session.commit()
    return stored


def recent(session: Session, limit: int = 100) -> list[ContactMessage]:
    """Return the latest ``limit`` submissions, newest first."""
    query = select(ContactMessage).order_by(ContactMessage.id.desc()).limit(limit)
    return list(session.scalars(query))
