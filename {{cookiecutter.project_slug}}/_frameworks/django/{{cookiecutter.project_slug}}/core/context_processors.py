"""Template context shared by every page."""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest


@cache
def nav_templates() -> tuple[str, ...]:
    """The navigation bar's parts: the `nav_template` of each app that has one, in app order."""
    return tuple(
        template
        for config in apps.get_app_configs()
        if (template := getattr(config, "nav_template", None))
    )


def project(_request: HttpRequest) -> dict[str, object]:
    """Give every template the project's name and description, and the navigation's parts."""
    return {
        "project_name": settings.PROJECT_NAME,
        "project_description": settings.PROJECT_DESCRIPTION,
        "nav_templates": nav_templates(),
    }
