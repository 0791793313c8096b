"""The User model: Django's own, in this app from day one, so that fields can be added later.

https://docs.djangoproject.com/en/stable/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in with a username and a password."""
