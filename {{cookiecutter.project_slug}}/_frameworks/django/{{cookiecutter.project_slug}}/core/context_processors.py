"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def project(_request: HttpRequest) -> dict[str, str]:
    """Give every template the project's name and description."""
    return {
        "project_name": settings.PROJECT_NAME,
        "project_description": settings.PROJECT_DESCRIPTION,
    }
