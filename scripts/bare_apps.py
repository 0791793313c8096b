"""Bare hello-world apps: the ceiling each baked skeleton is measured against.

scripts/load_test.py copies this file beside a baked project and serves it with that project's
own environment, which holds one framework only: so each factory imports its framework when it
is called, and gunicorn calls the one it is given (``bare_apps:flask_app()``).

Each app answers ``GET /healthz`` with ``{"status": "ok"}`` and, when ``BARE_MODEL_DIR`` names a
trained model (``model.skops`` and ``model.json``), ``POST /api/predict`` for the first posted
instance, with no validation beyond what the model needs.

No ``from __future__ import annotations`` here: FastAPI reads the handlers' annotations, and
the framework names they use exist only inside the factories.
"""

# ruff: noqa: PLC0415

import json
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import HttpRequest, JsonResponse
    from fastapi import FastAPI
    from flask import Flask

MODEL_DIR_ENV = "BARE_MODEL_DIR"

# Django's URL configuration is a module with ``urlpatterns``: this one (ROOT_URLCONF).
urlpatterns: list[Any] = []


class Predictor:
    """The trained model, loaded once per worker, predicting the first posted instance."""

    def __init__(self, directory: Path) -> None:
        import skops.io

        metadata = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        self.feature_names: list[str] = metadata["feature_names"]
        self.class_names: list[str] = metadata["class_names"]
        self.pipeline = skops.io.load(directory / "model.skops")

    def predict(self, body: bytes) -> dict[str, Any]:
        instance = json.loads(body)["instances"][0]
        row = [[float(instance[name]) for name in self.feature_names]]
        probabilities: list[float] = self.pipeline.predict_proba(row)[0].tolist()
        label = self.class_names[probabilities.index(max(probabilities))]
        by_class = dict(zip(self.class_names, probabilities, strict=True))
        return {"predictions": [{"label": label, "probabilities": by_class}]}


def load_predictor() -> Predictor | None:
    directory = os.environ.get(MODEL_DIR_ENV)
    return Predictor(Path(directory)) if directory else None


def flask_app() -> "Flask":
    from flask import Flask, request

    app = Flask(__name__)
    predictor = load_predictor()

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    if predictor:

        @app.post("/api/predict")
        def predict() -> dict[str, Any]:
            return predictor.predict(request.get_data())

    return app


def fastapi_app() -> "FastAPI":
    from fastapi import FastAPI, Request

    app = FastAPI()
    predictor = load_predictor()

    # The return type is the response model: FastAPI then serializes with pydantic, which is
    # cheaper than its jsonable_encoder path (response_model=None).
    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    if predictor:
        # async def: a sub-millisecond CPU call is cheaper on the event loop than in a thread.
        @app.post("/api/predict")
        async def predict(request: Request) -> dict[str, Any]:
            return predictor.predict(await request.body())

    return app


def django_app() -> "WSGIHandler":
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.http import JsonResponse
    from django.urls import path

    # No apps, no middleware: Django's request handling and URL routing only.
    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
    )
    predictor = load_predictor()

    def healthz(_request: "HttpRequest") -> "JsonResponse":
        return JsonResponse({"status": "ok"})

    urlpatterns.append(path("healthz", healthz))
    if predictor:

        def predict(request: "HttpRequest") -> "JsonResponse":
            return JsonResponse(predictor.predict(request.body))

        urlpatterns.append(path("api/predict", predict))
    return get_wsgi_application()
