"""The home page, its static files, the API docs and unknown paths."""

import html
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.dependencies import get_settings
from {{ cookiecutter.project_slug }}.main import DESCRIPTION, TITLE, VERSION
from {{ cookiecutter.project_slug }}.settings import Settings


def test_home_page_renders_the_project(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    title = re.search(r"<title>(.*)</title>", response.text)
    assert title is not None
    assert TITLE in html.unescape(title.group(1))
    assert 'href="/docs"' in response.text
    assert "Environment: <strong>development</strong>" in response.text


def test_home_page_loads_nothing_from_other_sites(client: TestClient) -> None:
    page = client.get("/").text

    links = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert links
    assert not [link for link in links if "//" in link]


def test_home_page_stylesheet_is_served(client: TestClient) -> None:
    page = client.get("/").text
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', page)
    assert stylesheet is not None

    response = client.get(stylesheet.group(1))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_home_page_gets_settings_from_the_dependency(app: FastAPI, settings: Settings) -> None:
    production = settings.model_copy(update={"environment": "production"})
    app.dependency_overrides[get_settings] = lambda: production

    page = TestClient(app).get("/").text

    assert "Environment: <strong>production</strong>" in page


def test_docs_describe_the_api(client: TestClient) -> None:
    info = client.get("/openapi.json").json()["info"]

    assert info == {"title": TITLE, "description": DESCRIPTION, "version": VERSION}
    assert client.get("/docs").status_code == 200


def test_unknown_path_is_a_json_404(client: TestClient) -> None:
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_unknown_static_file_is_a_404(client: TestClient) -> None:
    assert client.get("/static/no-such-file.css").status_code == 404
