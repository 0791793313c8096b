"""The messages sent through the contact form."""

from django.db import models


class ContactMessage(models.Model):
    """One message, as sent; the model's limits are the form's (forms.py)."""

    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    message = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
