"""The sign-up and sign-in forms (Flask-WTF: validation and a CSRF token)."""

import unicodedata

from flask_wtf import FlaskForm
from wtforms import Field, Form, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from .models import USERNAME_MAX_LENGTH

USERNAME_MIN_LENGTH = 3
PASSWORD_MIN_LENGTH = 12
# Argon2 takes any length; a bound keeps the work of each sign-up predictable.
PASSWORD_MAX_BYTES = 128


def normalize(value: str | None) -> str | None:
    """Normalize a username (NFKC), so that look-alike spellings are the same name."""
    return unicodedata.normalize("NFKC", value) if value else value


def at_most_max_bytes(_form: Form, field: Field) -> None:
    """Refuse a password longer than PASSWORD_MAX_BYTES once encoded in UTF-8."""
    if len(str(field.data or "").encode()) > PASSWORD_MAX_BYTES:
        msg = f"Use at most {PASSWORD_MAX_BYTES} bytes (as many plain ASCII characters)."
        raise ValidationError(msg)


class SignUpForm(FlaskForm):
    """A new user's name and password, typed twice."""

    username = StringField(
        "Username",
        filters=[normalize],
        validators=[
            DataRequired(),
            Length(min=USERNAME_MIN_LENGTH, max=USERNAME_MAX_LENGTH),
            Regexp(r"[\w.@+-]+\Z", message="Use only letters, digits and @ . + - _"),
        ],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=PASSWORD_MIN_LENGTH), at_most_max_bytes],
        render_kw={"autocomplete": "new-password"},
    )
    password_confirmation = PasswordField(
        "Password confirmation",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField("Sign up")


class SignInForm(FlaskForm):
    """A user's name and password."""

    username = StringField(
        "Username",
        filters=[normalize],
        validators=[DataRequired(), Length(max=USERNAME_MAX_LENGTH)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField("Sign in")
