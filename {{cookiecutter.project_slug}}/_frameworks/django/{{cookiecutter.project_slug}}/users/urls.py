"""The users app's URLs, under /accounts/: contrib.auth's sign-in and sign-out, and ours."""

from django.contrib.auth import views as auth_views
from django.urls import path

from {{ cookiecutter.project_slug }}.users import views

app_name = "users"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    # Sign-out takes a POST (a form with the CSRF token), so no link can sign anyone out.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.SignUpView.as_view(), name="signup"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
]
