"""The API docs: Swagger UI and ReDoc, under a policy that lets exactly what they need load."""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.settings import Settings

DOCS = ["/docs", "/redoc", "/docs/oauth2-redirect"]


class Resources(HTMLParser):
    """What a page loads: (directive, origin) of its scripts, stylesheets and icons, and the
    text of its inline scripts."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.loads: set[tuple[str, str]] = set()
        self.inline_scripts: list[str] = []
        self._in_inline_script = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.loads.add(("script-src", origin(found["src"])))
        elif tag == "script":
            self._in_inline_script = True
        elif tag == "link" and found.get("href"):
            kind = "style-src" if found.get("rel") == "stylesheet" else "img-src"
            self.loads.add((kind, origin(found["href"])))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data: str) -> None:
        if self._in_inline_script:
            self.inline_scripts.append(data)


def origin(url: str | None) -> str:
    found = re.match(r"https?://[^/]+", url or "")
    return found.group(0) if found else "'self'"


def policy(header: str) -> dict[str, list[str]]:
    directives = (directive.split() for directive in header.split(";"))
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize("path", DOCS)
def test_the_docs_policy_allows_what_the_page_loads_and_nothing_inline_else(
    client: TestClient, path: str
) -> None:
    response = client.get(path)

    assert response.status_code == 200
    rules = policy(response.headers["content-security-policy"])
    page = Resources(response.text)
    for directive, source in page.loads:
        assert source in rules[directive], (directive, source)
    for script in page.inline_scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in rules["script-src"]
    assert "'unsafe-inline'" not in rules["script-src"]
    assert "'unsafe-eval'" not in rules["script-src"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert response.headers["x-frame-options"] == "DENY"


def test_swagger_ui_starts_from_the_schema_with_an_inline_script(client: TestClient) -> None:
    page = Resources(client.get("/docs").text)

    [script] = page.inline_scripts
    assert "SwaggerUIBundle" in script
    assert "url: '/openapi.json'" in script
    assert "'/docs/oauth2-redirect'" in script


def test_the_docs_follow_the_path_prefix_of_a_proxy(settings: Settings) -> None:
    client = TestClient(create_app(settings), root_path="/service")

    assert "url: '/service/openapi.json'" in client.get("/docs").text
    assert 'spec-url="/service/openapi.json"' in client.get("/redoc").text


def test_the_docs_are_linked_from_the_home_page(client: TestClient) -> None:
    assert 'href="/docs"' in client.get("/").text
