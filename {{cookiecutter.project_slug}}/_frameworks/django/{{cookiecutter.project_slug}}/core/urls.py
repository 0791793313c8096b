"""The core app's URLs."""

from django.urls import path

from {{ cookiecutter.project_slug }}.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
