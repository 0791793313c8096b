"""Sign-up and the profile page; sign-in and sign-out are contrib.auth's views (urls.py)."""

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView, TemplateView

from {{ cookiecutter.project_slug }}.users.forms import SignUpForm
from {{ cookiecutter.project_slug }}.users.models import User


class SignUpView(CreateView[User, SignUpForm]):
    """Create an account, sign its owner in, then go to `next` (if safe) or the profile."""

    form_class = SignUpForm
    template_name = "registration/signup.html"

    def form_valid(self, form: SignUpForm) -> HttpResponse:
        self.object = form.save()
        login(self.request, self.object)
        return HttpResponseRedirect(self.get_success_url(), status=HTTPStatus.SEE_OTHER)

    def get_success_url(self) -> str:
        """Follow `next` only to a page of this site, as LoginView does; else the profile."""
        next_url = self.get_next_url()
        if url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return next_url
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_next_url(self) -> str:
        return self.request.POST.get(
            REDIRECT_FIELD_NAME, self.request.GET.get(REDIRECT_FIELD_NAME, "")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(next=self.get_next_url(), **kwargs)


class ProfileView(LoginRequiredMixin, TemplateView):
    """The signed-in user's page: where sign-in leads by default (LOGIN_REDIRECT_URL)."""

    template_name = "registration/profile.html"
