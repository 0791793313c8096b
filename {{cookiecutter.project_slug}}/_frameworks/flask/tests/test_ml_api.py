"""The model's HTTP API: metadata, predictions, and every kind of bad request."""

import json
{%- if cookiecutter.auth or cookiecutter.forms %}
from collections.abc import Callable
{%- endif %}
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.ml import api
from {{ cookiecutter.project_slug }}.ml.inputs import MAX_INSTANCES
from {{ cookiecutter.project_slug }}.ml.model import Model, ensure_model
from {{ cookiecutter.project_slug }}.settings import Settings

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
SETOSA = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}
VIRGINICA = {"sepal_length": 6.9, "sepal_width": 3.1, "petal_length": 5.4, "petal_width": 2.1}
{%- if cookiecutter.auth %}
SignUp = Callable[[str], TestResponse]
{%- endif %}


@pytest.fixture
def api_client(client: FlaskClient{% if cookiecutter.auth %}, sign_up: SignUp{% endif %}) -> FlaskClient:
    """A client allowed to predict{% if cookiecutter.auth %}: a signed-in user's{% endif %}."""
{%- if cookiecutter.auth %}
    sign_up("ada")
{%- endif %}
    return client


def predict(client: FlaskClient, body: object) -> TestResponse:
    return client.post("/api/predict", json=body)


def test_model_metadata(client: FlaskClient, model_dir: Path) -> None:
    response = client.get("/api/model")

    assert response.status_code == 200
    metadata = response.get_json()
    assert metadata["feature_names"] == FEATURES
    assert metadata["class_names"] == ["setosa", "versicolor", "virginica"]
    assert metadata == json.loads((model_dir / "model.json").read_text(encoding="utf-8"))


def test_predict_one_instance(api_client: FlaskClient) -> None:
    response = predict(api_client, {"instances": [SETOSA]})

    assert response.status_code == 200
    [prediction] = response.get_json()["predictions"]
    assert prediction["label"] == "setosa"
    assert set(prediction["probabilities"]) == {"setosa", "versicolor", "virginica"}
    assert sum(prediction["probabilities"].values()) == pytest.approx(1)


def test_predict_many_instances(api_client: FlaskClient) -> None:
    response = predict(api_client, {"instances": [SETOSA, VIRGINICA] * 50})

    assert response.status_code == 200
    labels = [p["label"] for p in response.get_json()["predictions"]]
    assert labels == ["setosa", "virginica"] * 50


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        pytest.param(
            {"instances": [{k: v for k, v in SETOSA.items() if k != "petal_width"}]},
            422,
            "missing field 'petal_width'",
            id="missing-feature",
        ),
        pytest.param(
            {"instances": [{**SETOSA, "sepal_width": "3.5"}]},
            422,
            "must be a number, not a string",
            id="string",
        ),
        pytest.param(
            {"instances": [{**SETOSA, "colour": 1}]}, 422, "unknown field 'colour'", id="unknown"
        ),
        pytest.param({"instances": []}, 422, "is empty", id="empty-list"),
        pytest.param(
            {"instances": [SETOSA] * (MAX_INSTANCES + 1)}, 422, "the limit is 1000", id="1001"
        ),
        pytest.param({}, 422, "missing field 'instances'", id="no-instances"),
        pytest.param([SETOSA], 422, "must be an object", id="array"),
        pytest.param(
            {"instances": [SETOSA], "extra": 1}, 422, "unknown top-level field", id="extra-key"
        ),
    ],
)
def test_invalid_instances_are_refused_with_a_message(
    api_client: FlaskClient, body: object, status: int, message: str
) -> None:
    response = predict(api_client, body)

    assert response.status_code == status
    assert message in response.get_json()["error"]


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        pytest.param('{"instances": [', 400, "not valid JSON", id="truncated"),
        pytest.param("instances", 400, "not valid JSON", id="not-json"),
        pytest.param(b"\xff\xfe\xfd", 400, "not valid JSON", id="not-utf8"),
        pytest.param("", 400, "not valid JSON", id="empty"),
        pytest.param("null", 422, "not null", id="null"),
        pytest.param("[" * 100_000 + "]" * 100_000, 400, "not valid JSON", id="deeply-nested"),
        pytest.param(
            json.dumps({"instances": [SETOSA]}).replace("5.1", "NaN"),
            422,
            "must be a finite number",
            id="nan",
        ),
        pytest.param(
            json.dumps({"instances": [SETOSA]}).replace("5.1", "-Infinity"),
            422,
            "not -inf",
            id="infinity",
        ),
        pytest.param(
            json.dumps({"instances": [SETOSA]}).replace("5.1", "1e999"),
            422,
            "must be a finite number",
            id="overflow",
        ),
        pytest.param(" " * (1024 * 1024 + 1), 413, "exceeds the capacity limit", id="too-large"),
    ],
)
def test_malformed_bodies_are_refused_with_a_message(
    api_client: FlaskClient, data: str | bytes, status: int, message: str
) -> None:
    response = api_client.post("/api/predict", data=data, content_type="application/json")

    assert response.status_code == status
    assert message in response.get_json()["error"]


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_body_that_is_not_json_is_refused(
    api_client: FlaskClient, content_type: str | None
) -> None:
    response = api_client.post(
        "/api/predict", data=json.dumps({"instances": [SETOSA]}), content_type=content_type
    )

    assert response.status_code == 415
    assert "Content-Type: application/json" in response.get_json()["error"]


def test_predict_needs_a_post(client: FlaskClient) -> None:
    assert client.get("/api/predict").status_code == 405


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
NEAR_VALID = st.fixed_dictionaries(
    {
        "instances": st.lists(
            st.dictionaries(st.sampled_from(FEATURES) | st.text(max_size=3), JSON)
            | st.fixed_dictionaries(dict.fromkeys(FEATURES, st.floats() | st.integers())),
            max_size=3,
        )
    }
)
BODIES = (JSON | NEAR_VALID).map(json.dumps) | st.binary()


# The client is only read from: sharing it between examples is safe.
# No deadline: a request's time through the app depends on the machine's load, not the body.
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=BODIES)
def test_no_body_makes_the_api_fail(api_client: FlaskClient, data: str | bytes) -> None:
    response = api_client.post("/api/predict", data=data, content_type="application/json")

    assert response.status_code in {200, 400, 422}
    if response.status_code == 200:
        predictions = response.get_json()["predictions"]
        assert len(predictions) == len(json.loads(data)["instances"])
    else:
        assert response.get_json()["error"]


def test_the_model_folder_is_models_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODEL_DIR")

    assert Settings(_env_file=None).model_dir == Path("models")


def test_the_model_is_loaded_once_at_start_up(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[Path] = []

    def counting_ensure_model(directory: Path) -> Model:
        loads.append(directory)
        return ensure_model(directory)

    monkeypatch.setattr(api, "ensure_model", counting_ensure_model)
    client = create_app(settings).test_client()

    for _ in range(3):
        assert client.get("/api/model").status_code == 200

    assert loads == [settings.model_dir]
{%- if cookiecutter.auth %}


def test_predicting_needs_a_signed_in_user(client: FlaskClient) -> None:
    response = predict(client, {"instances": [SETOSA]})

    assert response.status_code == 401
    assert response.mimetype == "application/json"
    assert "sign in" in response.get_json()["error"]


def test_the_model_metadata_is_public(client: FlaskClient) -> None:
    assert client.get("/api/model").status_code == 200
{%- endif %}
{%- if cookiecutter.auth or cookiecutter.forms %}


def test_the_json_api_needs_no_csrf_token(api_client: FlaskClient) -> None:
    assert predict(api_client, {"instances": [SETOSA]}).status_code == 200
{%- endif %}
{%- if cookiecutter.forms %}


def test_the_prediction_page_has_one_labelled_number_field_per_feature(
    api_client: FlaskClient,
) -> None:
    page = api_client.get("/predict").text

    for feature in FEATURES:
        assert f'<label for="{feature}">{feature}</label>' in page
        assert f'name="{feature}"' in page
    assert page.count('type="number"') == len(FEATURES)
    assert 'type="submit" value="Predict"' in page
    assert '<a href="/predict">Predict</a>' in page


@pytest.mark.usefixtures("api_client")
def test_the_prediction_page_predicts(submit: Callable[..., TestResponse]) -> None:
    response = submit("/predict", {k: str(v) for k, v in SETOSA.items()})

    assert response.status_code == 200
    assert "Predicted class: setosa" in response.text
    assert "<td>setosa</td>" in response.text


@pytest.mark.usefixtures("api_client")
@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", "This field is required."),
        ("abc", "Not a valid float value."),
        ("nan", "Number must be between"),
        ("inf", "Number must be between"),
        ("1e400", "Number must be between"),
        ("2e12", "Number must be between"),
    ],
)
def test_the_prediction_page_shows_errors_next_to_the_field(
    submit: Callable[..., TestResponse], value: str, error: str
) -> None:
    data = {k: str(v) for k, v in SETOSA.items()} | {"petal_width": value}

    response = submit("/predict", data)

    assert response.status_code == 200
    assert error in response.text.split('id="petal_width-error">')[1].split("</span>")[0]
    assert "Predicted class" not in response.text


@pytest.mark.parametrize(
    "body", [{"json": SETOSA | {"petal_width": [[1]]}}, {"json": [SETOSA]}], ids=["object", "array"]
)
def test_the_prediction_page_takes_only_form_fields(
    api_client: FlaskClient, csrf_token: Callable[[str], str], body: dict[str, object]
) -> None:
    token = csrf_token("/predict")

    response = api_client.post("/predict", headers={"X-CSRFToken": token}, **body)

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Predicted class" not in response.text


def test_the_prediction_page_needs_a_csrf_token(api_client: FlaskClient) -> None:
    api_client.get("/predict")

    response = api_client.post("/predict", data={k: str(v) for k, v in SETOSA.items()})

    assert response.status_code == 400
{%- endif %}
{%- if cookiecutter.auth and cookiecutter.forms %}


def test_the_prediction_page_needs_a_signed_in_user(client: FlaskClient) -> None:
    response = client.get("/predict")

    assert response.status_code == 302
    assert response.location == "/auth/login?next=%2Fpredict"
{%- endif %}
