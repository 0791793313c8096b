"""The project's URLs: each app's own urls.py is included here.

/healthz is answered by HealthCheckMiddleware, in
{{ cookiecutter.project_slug }}.core.middleware.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
{%- if cookiecutter.auth %}
    path("accounts/", include("{{ cookiecutter.project_slug }}.users.urls")),
{%- endif %}
{%- if cookiecutter.forms %}
    path("contact/", include("{{ cookiecutter.project_slug }}.contact.urls")),
{%- endif %}
{%- if cookiecutter.ml_model %}
    path("", include("{{ cookiecutter.project_slug }}.ml.urls")),
{%- endif %}
    path("", include("{{ cookiecutter.project_slug }}.core.urls")),
]
