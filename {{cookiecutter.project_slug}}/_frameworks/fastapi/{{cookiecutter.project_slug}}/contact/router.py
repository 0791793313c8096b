"""The contact page (GET and POST /contact), the messages sent, and POST /api/contact."""

from typing import Annotated

from fastapi import APIRouter{% if cookiecutter.auth %}, Depends{% endif %}, Form{% if not cookiecutter.auth %}, HTTPException{% endif %}, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth.dependencies import PageUser, require_page_user
{% endif -%}
from {{ cookiecutter.project_slug }}.contact.models import ContactMessage
from {{ cookiecutter.project_slug }}.contact.schemas import (
    ContactMessageIn,
    ContactMessageRead,
)
from {{ cookiecutter.project_slug }}.database import SessionDep
{% if not cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.dependencies import SettingsDep
{% endif -%}
from {{ cookiecutter.project_slug }}.forms import (
    CsrfChecked,
    CsrfDep,
    field_errors,
    render_form,
)
from {{ cookiecutter.project_slug }}.templating import templates

# The submissions page shows the latest messages, up to this many.
LATEST_MESSAGES = 100

router = APIRouter()


class ContactForm(BaseModel):
    """The fields the contact page posts, as text; ContactMessageIn holds the rules."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    email: str = ""
    message: str = ""
    csrf_token: str = ""


async def store(session: AsyncSession, data: ContactMessageIn) -> ContactMessage:
    """Save a valid message."""
    message = ContactMessage(**data.model_dump())
    session.add(message)
    await session.commit()
    return message


@router.get("/contact", response_class=HTMLResponse, include_in_schema=False, name="contact_page")
async def contact_page(
    request: Request,
    csrf: CsrfDep,
{%- if cookiecutter.auth %}
    user: PageUser,
{%- endif %}
    *,
    sent: bool = False,
) -> HTMLResponse:
    """Show the contact form, with a thank-you note after a message was sent."""
{%- if cookiecutter.auth %}
    values = {"name": user.username} if user else {}
{%- else %}
    values: dict[str, str] = {}
{%- endif %}
    context = {"values": values, "errors": {}, "sent": sent}
    return render_form(request, csrf, "contact/form.html", context)


@router.post(
    "/contact", response_class=HTMLResponse, include_in_schema=False, dependencies=[CsrfChecked]
)
async def send(
    request: Request, form: Annotated[ContactForm, Form()], csrf: CsrfDep, session: SessionDep
) -> Response:
    """Save the message and redirect (Post/Redirect/Get), or show the form with its errors."""
    try:
        data = ContactMessageIn.model_validate(form.model_dump(exclude={"csrf_token"}))
    except ValidationError as error:
        context = {"values": form, "errors": field_errors(error), "sent": False}
        return render_form(request, csrf, "contact/form.html", context)
    await store(session, data)
    thanks = request.url_for("contact_page").include_query_params(sent="true")
    return RedirectResponse(f"{thanks.path}?{thanks.query}", status_code=status.HTTP_303_SEE_OTHER)


@router.get(
    "/contact/submissions",
    response_class=HTMLResponse,
    include_in_schema=False,
{%- if cookiecutter.auth %}
    dependencies=[Depends(require_page_user)],
{%- endif %}
)
async def submissions(
    request: Request,
    session: SessionDep,
{%- if not cookiecutter.auth %}
    settings: SettingsDep,
{%- endif %}
) -> HTMLResponse:
    """List the latest messages{% if cookiecutter.auth %} to a signed-in user{% else %}, in development only: they hold people's emails{% endif %}."""
{%- if not cookiecutter.auth %}
    if settings.is_production:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
{%- endif %}
    latest = select(ContactMessage).order_by(ContactMessage.id.desc()).limit(LATEST_MESSAGES)
    messages = (await session.scalars(latest)).all()
    return templates.TemplateResponse(request, "contact/submissions.html", {"messages": messages})


@router.post("/api/contact", status_code=status.HTTP_201_CREATED, tags=["contact"])
async def create_message(data: ContactMessageIn, session: SessionDep) -> ContactMessageRead:
    """Send a message, as the contact page does."""
    return ContactMessageRead.model_validate(await store(session, data))
