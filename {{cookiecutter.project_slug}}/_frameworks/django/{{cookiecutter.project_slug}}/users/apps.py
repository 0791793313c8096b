"""The users app's configuration."""

from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.users"
    # Its links in the site's navigation bar (see core/context_processors.py).
    nav_template = "registration/nav.html"
