"""Helpers for the tests of the pages with forms."""

import re

from fastapi.testclient import TestClient

{% if cookiecutter.auth -%}
PASSWORD = "correct horse battery staple"
{% endif -%}
CSRF_INPUT = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def csrf_token(client: TestClient, path: str) -> str:
    """Open the page at ``path`` as a browser would (it sets the cookie) and return its token."""
    response = client.get(path)
    assert response.status_code == 200
    found = CSRF_INPUT.search(response.text)
    assert found, f"no CSRF field in {path}"
    return found.group(1)
