"""The contact form and the list of the messages received."""

from http import HTTPStatus
from typing import Any
{%- if cookiecutter.auth %}

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
{%- else %}

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
{%- endif %}
from django.urls import reverse_lazy
from django.views.generic import CreateView, ListView

from {{ cookiecutter.project_slug }}.contact.forms import ContactForm
from {{ cookiecutter.project_slug }}.contact.models import ContactMessage

SUCCESS_MESSAGE = "Thank you for your message. We will answer soon."


class ContactView(CreateView[ContactMessage, ContactForm]):
    """Show the form; store a valid message, then redirect (303) to a fresh form with a notice.

    Post/Redirect/Get: reloading the page after sending does not send the message again.
    """

    form_class = ContactForm
    template_name = "contact/contact_form.html"
    success_url = reverse_lazy("contact:form")
{%- if cookiecutter.auth %}

    def get_initial(self) -> dict[str, Any]:
        """Fill in the name and email of a signed-in user."""
        user = self.request.user
        if not user.is_authenticated:
            return super().get_initial()
        return {"name": user.get_full_name() or user.get_username(), "email": user.email}
{%- endif %}

    def form_valid(self, form: ContactForm) -> HttpResponse:
        self.object = form.save()
        messages.success(self.request, SUCCESS_MESSAGE)
        return HttpResponseRedirect(self.get_success_url(), status=HTTPStatus.SEE_OTHER)
{%- if cookiecutter.auth %}


class SubmissionListView(LoginRequiredMixin, ListView[ContactMessage]):
    """The messages received, newest first, for signed-in users only (they hold emails)."""

    model = ContactMessage
    template_name = "contact/submissions.html"
    paginate_by = 50
{%- else %}


class SubmissionListView(ListView[ContactMessage]):
    """The messages received, newest first; in development only, as they hold emails."""

    model = ContactMessage
    template_name = "contact/submissions.html"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.DEBUG:
            raise Http404
        return super().dispatch(request, *args, **kwargs)
{%- endif %}
