"""The model's API: GET /api/model (its metadata) and POST /api/predict.

The model is loaded once per process, when the app starts (this router's lifespan), and shared
by every request through ``ModelDep``.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, status
from pydantic import BaseModel, ConfigDict, Field, JsonValue

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth.dependencies import get_current_user
{% endif -%}
from {{ cookiecutter.project_slug }}.ml.inputs import (
    MAX_ABS_VALUE,
    MAX_INSTANCES,
    InvalidInput,
    parse_instances,
)
from {{ cookiecutter.project_slug }}.ml.model import Model, ensure_model

# The demo model's features (iris flowers, in centimetres), for the example in /docs.
EXAMPLE_INSTANCE: dict[str, JsonValue] = {
    "sepal_length": 5.1,
    "sepal_width": 3.5,
    "petal_length": 1.4,
    "petal_width": 0.2,
}

# A feature value: a JSON number (not a string or a boolean), finite and within the core's bounds.
FeatureValue = Annotated[
    float, Field(strict=True, allow_inf_nan=False, ge=-MAX_ABS_VALUE, le=MAX_ABS_VALUE)
]


class PredictRequest(BaseModel):
    """Instances to predict: each maps every feature name of GET /api/model to a number."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"instances": [EXAMPLE_INSTANCE]}]}
    )

    instances: Annotated[
        list[dict[str, FeatureValue]], Field(min_length=1, max_length=MAX_INSTANCES)
    ]


class Prediction(BaseModel):
    """The most likely class of one instance, and the probability of every class."""

    label: str
    probabilities: dict[str, float]


class PredictResponse(BaseModel):
    """One prediction per instance, in the order of the request."""

    predictions: list[Prediction]


class ModelInfo(BaseModel):
    """The model's metadata, written when it was trained (model.json)."""

    model_config = ConfigDict(extra="allow")

    name: str
    version: str
    feature_names: list[str]
    class_names: list[str]
    metrics: dict[str, float]


@asynccontextmanager
async def load_model(app: FastAPI) -> AsyncIterator[None]:
    """Load the model (training it first if MODEL_DIR has none) before the app serves."""
    app.state.model = ensure_model(app.state.settings.model_dir)
    yield


async def get_model(request: Request) -> Model:
    """Return the model the app loaded at start-up."""
    model: Model = request.app.state.model
    return model


ModelDep = Annotated[Model, Depends(get_model)]

# Its bodies, like every other, are at most MAX_BODY_SIZE bytes (see middleware.py): 1 MiB by
# default, far more than 1,000 instances take.
router = APIRouter(tags=["model"], lifespan=load_model)


@router.get("/api/model")
async def model_info(model: ModelDep) -> ModelInfo:
    """Describe the model: its version, metrics, feature names and class names."""
    return ModelInfo.model_validate(model.metadata)


@router.post(
    "/api/predict",
    responses={status.HTTP_422_UNPROCESSABLE_CONTENT: {"description": "The body is not valid"}},
{%- if cookiecutter.auth %}
    dependencies=[Depends(get_current_user)],
{%- endif %}
)
async def predict(body: PredictRequest, model: ModelDep) -> PredictResponse:
    """Predict the class of each instance.

    A plain ``async def``: predicting takes well under a millisecond of CPU, less than handing it
    to a worker thread would cost.
    """
    try:
        rows = parse_instances(body.model_dump(), model.feature_names)
    except InvalidInput as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
    return PredictResponse.model_validate({"predictions": model.predict(rows)})
