"""Error pages."""

from flask import render_template
from werkzeug.exceptions import HTTPException


def render_http_error(error: HTTPException) -> tuple[str, int]:
    """Render an HTTP error (404, 405, 500...) as a small page that shows no internals."""
    code = error.code or 500
    return render_template("error.html", code=code, name=error.name), code
