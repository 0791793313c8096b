"""The sign-up form."""

from typing import ClassVar

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.core.exceptions import ValidationError

from {{ cookiecutter.project_slug }}.users.models import User

MIN_USERNAME_LENGTH = 3


class SignUpForm(UserCreationForm[User]):
    """A username and a password typed twice, checked by AUTH_PASSWORD_VALIDATORS."""

    class Meta:
        model = User
        fields = ("username",)
        field_classes: ClassVar[dict[str, type[forms.Field]]] = {"username": UsernameField}

    def clean_username(self) -> str:
        """Refuse a name shorter than MIN_USERNAME_LENGTH (the model caps it at 150)."""
        username = super().clean_username()
        if username and len(username) < MIN_USERNAME_LENGTH:
            msg = f"Choose a username of at least {MIN_USERNAME_LENGTH} characters."
            raise ValidationError(msg, code="username_too_short")
        return username
