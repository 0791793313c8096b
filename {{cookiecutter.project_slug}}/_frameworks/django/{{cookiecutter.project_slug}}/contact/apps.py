"""The contact app's configuration."""

from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.contact"
    # Its link in the site's navigation bar (see core/context_processors.py).
    nav_template = "contact/nav.html"
