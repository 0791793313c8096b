import html
import re

from flask import Flask, request
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.settings import Settings


def test_healthz_answers_ok_in_json(client: FlaskClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok"}


def test_healthz_answers_head_without_a_body(client: FlaskClient) -> None:
    response = client.head("/healthz")

    assert response.status_code == 200
    assert response.data == b""


def test_healthz_runs_none_of_the_work_of_other_requests(app: Flask) -> None:
    seen: list[str] = []
    app.before_request(lambda: seen.append(request.path))
    client = app.test_client()

    assert client.get("/healthz", headers={"Cookie": "session=x"}).status_code == 200
    assert client.get("/").status_code == 200
    assert seen == ["/"]


def test_home_page_shows_the_project_name(app: Flask, client: FlaskClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    page = html.unescape(response.text)
    assert f"<title>{app.config['PROJECT_NAME']}</title>" in page
    assert f"<h1>{app.config['PROJECT_NAME']}</h1>" in page


def test_home_page_loads_only_local_resources(client: FlaskClient) -> None:
    page = client.get("/").text

    links = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert "/static/style.css" in links
    assert "/healthz" in links
    assert all(link.startswith(("/", "data:")) for link in links), links


def test_stylesheet_is_served(client: FlaskClient) -> None:
    response = client.get("/static/style.css")

    assert response.status_code == 200
    assert response.mimetype == "text/css"
    response.close()


def test_unknown_page_is_a_small_404_page(client: FlaskClient) -> None:
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "404 Not Found" in response.text


def test_wrong_method_is_a_405_page(client: FlaskClient) -> None:
    response = client.post("/")

    assert response.status_code == 405
    assert "405 Method Not Allowed" in response.text


def test_server_error_page_hides_the_exception(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> str:
        msg = "secret detail"
        raise RuntimeError(msg)

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    assert "500 Internal Server Error" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
