"""The project's URLs: each app's own urls.py is included here.

/healthz is answered by {{ cookiecutter.project_slug }}.core.middleware.HealthCheckMiddleware.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("{{ cookiecutter.project_slug }}.core.urls")),
]
