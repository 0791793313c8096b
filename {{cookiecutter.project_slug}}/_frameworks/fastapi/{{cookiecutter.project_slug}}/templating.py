"""The Jinja2 templates shared by every router that renders HTML."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

TEMPLATES_DIR = Path(__file__).parent / "templates"


def app_context(request: Request) -> dict[str, Any]:
    """Give every template the app's title and description, as /docs shows them."""
    return {"project_name": request.app.title, "description": request.app.description}


templates = Jinja2Templates(directory=TEMPLATES_DIR, context_processors=[app_context])
# base.html includes, in its header, the nav.html of every template folder that has one: an area
# with pages adds its links there.
templates.env.globals["nav_templates"] = sorted(
    name for name in templates.env.list_templates() if name.endswith("/nav.html")
)
