"""The contact form: the model's fields and limits, validated on the server."""

from django import forms

from {{ cookiecutter.project_slug }}.contact.models import ContactMessage


class ContactForm(forms.ModelForm[ContactMessage]):
    """Name, email and message. Fields that are not listed here are never saved."""

    class Meta:
        model = ContactMessage
        fields = ("name", "email", "message")
