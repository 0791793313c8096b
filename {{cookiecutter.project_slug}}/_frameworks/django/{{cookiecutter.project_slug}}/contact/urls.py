"""The contact app's URLs, under /contact/."""

from django.urls import path

from {{ cookiecutter.project_slug }}.contact import views

app_name = "contact"
urlpatterns = [
    path("", views.ContactView.as_view(), name="form"),
    path("submissions/", views.SubmissionListView.as_view(), name="submissions"),
]
