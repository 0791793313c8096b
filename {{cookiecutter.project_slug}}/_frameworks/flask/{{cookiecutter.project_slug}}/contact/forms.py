"""The contact form (Flask-WTF: validation and a CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from .models import EMAIL_MAX_LENGTH, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH


def strip(value: str | None) -> str | None:
    """Drop the spaces around a value, so that blank answers count as missing."""
    return value.strip() if value else value


class ContactForm(FlaskForm):
    """A name, an email address and a message; every field is required."""

    name = StringField(
        "Name",
        filters=[strip],
        validators=[DataRequired(), Length(max=NAME_MAX_LENGTH)],
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
        validators=[DataRequired(), Length(max=MESSAGE_MAX_LENGTH)],
        render_kw={"rows": 6},
    )
    submit = SubmitField("Send")
