"""Flask's signed-cookie sessions, opened without cost for requests that send no cookie."""

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    """Start an empty session, without building a signing serializer, when no cookie was sent.

    Flask builds the serializer for every request; health checks and API clients send no
    cookie, and skipping that work keeps ``/healthz`` close to a bare Flask app's speed.
    """

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if "Cookie" not in request.headers:
            return self.session_class()
        return super().open_session(app, request)
