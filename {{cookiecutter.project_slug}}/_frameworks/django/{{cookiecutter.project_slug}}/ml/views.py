"""The predict API: GET /api/model and POST /api/predict, in JSON.

A prediction request is checked in this order: JSON content type (415), size (413), JSON syntax
(400), then the core's rules in inputs.py (422); every refusal says why in {"error": ...}.
"""

import json
from http import HTTPStatus

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from {{ cookiecutter.project_slug }}.ml.apps import ml_model
from {{ cookiecutter.project_slug }}.ml.inputs import InvalidInput, parse_instances
{%- if cookiecutter.auth %}
from {{ cookiecutter.project_slug }}.users.decorators import login_required_json
{%- endif %}

# A request of the most instances allowed (inputs.MAX_INSTANCES) takes about 100 KiB.
MAX_BODY_BYTES = 1024 * 1024
JSON_CONTENT_TYPE = "application/json"


def error(message: str, status: HTTPStatus) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)

{% if cookiecutter.auth %}
@login_required_json
{%- endif %}
@require_GET
def model_metadata(_request: HttpRequest) -> JsonResponse:
    """The model's metadata (model.json): name, version, metrics, feature and class names."""
    return JsonResponse(ml_model().metadata)


# Exempt from the CSRF check of forms, because a JSON content type is required: a page on
# another site can post a form or plain text, but not JSON without a CORS preflight, which this
# site never allows. The session cookie therefore cannot be used for a forged prediction.
@csrf_exempt
{%- if cookiecutter.auth %}
@login_required_json
{%- endif %}
@require_POST
def predict(request: HttpRequest) -> JsonResponse:
    """Predict {"instances": [{<feature>: <number>, ...}, ...]}: a label and probabilities each."""
    if request.content_type != JSON_CONTENT_TYPE:
        return error(
            f"send the body as JSON, with the header Content-Type: {JSON_CONTENT_TYPE}",
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
        )
    # Read one byte past the limit, to know whether the body is over it without reading more.
    raw = request.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        return error(
            f"the body is over the limit of {MAX_BODY_BYTES} bytes",
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        )
    try:
        body = json.loads(raw)
    # RecursionError: arrays or objects nested thousands deep.
    except (ValueError, RecursionError) as exc:
        return error(f"the body is not valid JSON: {exc}", HTTPStatus.BAD_REQUEST)
    model = ml_model()
    try:
        rows = parse_instances(body, model.feature_names)
    except InvalidInput as exc:
        return error(str(exc), HTTPStatus.UNPROCESSABLE_ENTITY)
    return JsonResponse({"predictions": model.predict(rows)})
