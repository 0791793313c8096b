"""HTML pages for people."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from {{ cookiecutter.project_slug }}.dependencies import SettingsDep
from {{ cookiecutter.project_slug }}.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, settings: SettingsDep) -> HTMLResponse:
    """Render the home page."""
    return templates.TemplateResponse(request, "index.html", {"environment": settings.environment})
