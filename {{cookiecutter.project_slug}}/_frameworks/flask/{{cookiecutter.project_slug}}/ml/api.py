"""The model behind a JSON API: ``GET /api/model`` and ``POST /api/predict``."""

import json
from typing import Any, cast

from flask import Blueprint, Flask, abort, current_app, request
{%- if cookiecutter.auth %}
from flask_login import current_user
{%- endif %}
from werkzeug.exceptions import HTTPException
{% if cookiecutter.auth or cookiecutter.forms %}
from {{ cookiecutter.project_slug }}.extensions import csrf
{%- endif %}
from {{ cookiecutter.project_slug }}.settings import Settings

from .inputs import InvalidInput, parse_instances
from .model import Model, Prediction, ensure_model

bp = Blueprint("ml_api", __name__, url_prefix="/api")


def init_app(app: Flask, settings: Settings) -> None:
    """Load the model, once for this process (training it if it is missing), and add the API."""
    app.extensions["ml_model"] = ensure_model(settings.model_dir)
    app.register_blueprint(bp)
{%- if cookiecutter.auth or cookiecutter.forms %}
    # The API takes JSON only (415 otherwise), which a page on another site cannot make a browser
    # send without a CORS preflight, never granted here: it needs no CSRF token.
    csrf.exempt(bp)
{%- endif %}


def current_model() -> Model:
    """Return the model the app loaded at start-up."""
    return cast("Model", current_app.extensions["ml_model"])


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException) -> tuple[dict[str, str], int]:
    """Answer the API's errors in JSON: ``{"error": "<what is wrong>"}``."""
    return {"error": error.description or error.name}, error.code or 500


@bp.get("/model")
def model_metadata() -> dict[str, Any]:
    """Describe the model: name, version, metrics, feature and class names, library versions."""
    return current_model().metadata


@bp.post("/predict")
def predict() -> dict[str, list[Prediction]]:
    """Predict each instance of ``{"instances": [{"<feature>": <number>, ...}, ...]}``."""
{%- if cookiecutter.auth %}
    if not current_user.is_authenticated:
        abort(401, "sign in first: predictions are for signed-in users")
{%- endif %}
    if not request.is_json:
        abort(415, "send the instances as JSON, with the header Content-Type: application/json")
    # The body is at most MAX_CONTENT_LENGTH (1 MiB): 1,000 instances take about 100 kB.
    try:
        body = json.loads(request.get_data(cache=False))
    # A RecursionError is what very deeply nested arrays or objects cause.
    except (ValueError, RecursionError):
        abort(400, "the body is not valid JSON")
    model = current_model()
    try:
        rows = parse_instances(body, model.feature_names)
    except InvalidInput as error:
        abort(422, str(error))
    return {"predictions": model.predict(rows)}
