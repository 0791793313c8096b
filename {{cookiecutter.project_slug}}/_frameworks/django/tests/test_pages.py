"""The home page, static files, errors and the admin."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils.html import escape
from pytest_django import Settings


def test_home_page(client: Client, settings: Settings) -> None:
    response = client.get("/")
    html = response.content.decode()

    assert response.status_code == 200
    assert [template.name for template in response.templates][:2] == ["core/home.html", "base.html"]
    assert f"<title>{escape(settings.PROJECT_NAME)}</title>" in html
    assert f"<h1>{escape(settings.PROJECT_NAME)}</h1>" in html


def test_home_page_loads_nothing_from_another_site(client: Client) -> None:
    html = client.get("/").content.decode()

    assert 'href="/static/css/site.css"' in html
    assert re.findall(r'(?:src|href)="(?:[a-z]+:)?//', html) == []


def test_stylesheet_is_a_static_file() -> None:
    assert finders.find("css/site.css")


def test_unknown_page_is_404(client: Client) -> None:
    assert client.get("/no-such-page/").status_code == 404


def test_admin_asks_to_sign_in(client: Client) -> None:
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_admin_opens_for_a_superuser(admin_client: Client) -> None:
    assert admin_client.get("/admin/").status_code == 200
