"""Security headers, added to every response."""

from flask import Flask, Response

from .settings import Settings

# The pages load their own stylesheets and nothing else: no script, no plugin, no <base>, forms
# posted to this site only, and no framing by any site (the favicon is an inline data: URL).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
]
# Browsers that received it over HTTPS use only HTTPS for this site for a year. Production
# only: the development server speaks plain HTTP.
HSTS = ("Strict-Transport-Security", "max-age=31536000")


def security_headers(settings: Settings) -> list[tuple[str, str]]:
    """Return the security headers of every response."""
    return [*HEADERS, HSTS] if settings.is_production else list(HEADERS)


def init_app(app: Flask, headers: list[tuple[str, str]]) -> None:
    """Add ``headers`` to every response of the app, unless its view set them itself."""

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in headers:
            response.headers.setdefault(name, value)
        return response
