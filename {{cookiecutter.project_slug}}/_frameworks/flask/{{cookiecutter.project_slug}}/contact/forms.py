"""The contact form (Flask-WTF: validation and a CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, Field, Form, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from .models import EMAIL_MAX_LENGTH, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH


def strip(value: str | None) -> str | None:
    """Drop the spaces around a value, so that blank answers count as missing."""
    return value.strip() if value else value


def no_nul_character(_form: Form, field: Field) -> None:
    """Refuse the NUL character, which PostgreSQL cannot store in text (refused on SQLite too)."""
    if "\x00" in str(field.data or ""):
        msg = "Remove the NUL character from this field."
        raise ValidationError(msg)


class ContactForm(FlaskForm):
    """A name, an email address and a message; every field is required."""

    name = StringField(
        "Name",
        filters=[strip],
        validators=[DataRequired(), Length(max=NAME_MAX_LENGTH), no_nul_character],
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        "Email",
        filters=[strip],
        # Email() checks the syntax (with the email-validator package), not the mailbox.
        validators=[DataRequired(), Length(max=EMAIL_MAX_LENGTH), Email()],
        render_kw={"autocomplete": "email"},
    )
    message = TextAreaField(
        "Message",
        filters=[strip],
        validators=[DataRequired(), Length(max=MESSAGE_MAX_LENGTH), no_nul_character],
        render_kw={"rows": 6},
    )
    submit = SubmitField("Send")
