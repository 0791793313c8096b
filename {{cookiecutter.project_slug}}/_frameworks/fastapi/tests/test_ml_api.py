"""The model's API (and its page): metadata, predictions, and every kind of bad input -> 4xx."""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from {{ cookiecutter.project_slug }}.ml import router as ml_router
from {{ cookiecutter.project_slug }}.ml.inputs import MAX_INSTANCES
from {{ cookiecutter.project_slug }}.ml.model import Model, ensure_model
{%- if cookiecutter.forms %}
from {{ cookiecutter.project_slug }}.ml.pages import NOT_A_NUMBER, OUT_OF_RANGE
{%- endif %}
from {{ cookiecutter.project_slug }}.ml.router import EXAMPLE_INSTANCE
{%- if cookiecutter.forms %}
from tests.helpers import csrf_token
{%- endif %}

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
CLASSES = ["setosa", "versicolor", "virginica"]
SETOSA = EXAMPLE_INSTANCE
JSON_CONTENT = {"content-type": "application/json"}
VIRGINICA = {"sepal_length": 6.9, "sepal_width": 3.1, "petal_length": 5.4, "petal_width": 2.1}


@pytest.fixture
def api(client: TestClient{% if cookiecutter.auth %}, token: str{% endif %}) -> TestClient:
    """Return a client that may predict{% if cookiecutter.auth %}: it sends a bearer token{% endif %}."""
{%- if cookiecutter.auth %}
    client.headers["Authorization"] = f"Bearer {token}"
{%- endif %}
    return client


def predict(api: TestClient, body: object) -> Any:
    return api.post("/api/predict", json=body)


def test_the_model_is_described(client: TestClient) -> None:
    response = client.get("/api/model")

    assert response.status_code == 200
    metadata = response.json()
    assert metadata["feature_names"] == FEATURES
    assert metadata["class_names"] == CLASSES
    assert metadata["metrics"]["accuracy"] >= 0.9
    assert metadata["library_versions"]["scikit-learn"]


def test_one_instance(api: TestClient) -> None:
    response = predict(api, {"instances": [SETOSA]})

    assert response.status_code == 200
    [prediction] = response.json()["predictions"]
    assert prediction["label"] == "setosa"
    assert list(prediction["probabilities"]) == CLASSES
    assert math.fsum(prediction["probabilities"].values()) == pytest.approx(1)


def test_many_instances_keep_their_order(api: TestClient) -> None:
    instances = [SETOSA, VIRGINICA] * (MAX_INSTANCES // 2)

    response = predict(api, {"instances": instances})

    assert response.status_code == 200
    labels = [p["label"] for p in response.json()["predictions"]]
    assert labels == ["setosa", "virginica"] * (MAX_INSTANCES // 2)


def test_the_example_of_the_docs_works(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()["components"]["schemas"]["PredictRequest"]

    [example] = schema["examples"]

    assert predict(api, example).status_code == 200
    assert schema["additionalProperties"] is False


def with_value(name: str, value: object) -> dict[str, object]:
    return {"instances": [{**SETOSA, name: value}]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            {"instances": [{k: v for k, v in SETOSA.items() if k != "petal_width"}]},
            "missing field 'petal_width'",
            id="missing-feature",
        ),
        pytest.param({"instances": [{**SETOSA, "colour": 1.0}]}, "unknown field", id="unknown"),
        pytest.param(with_value("sepal_width", "3.5"), "valid number", id="string"),
        pytest.param(with_value("sepal_width", value=True), "valid number", id="boolean"),
        pytest.param(with_value("sepal_width", None), "valid number", id="null"),
        pytest.param(with_value("sepal_width", 1e13), "less than or equal", id="too-large"),
        pytest.param({"instances": []}, "at least 1 item", id="empty-list"),
        pytest.param(
            {"instances": [SETOSA] * (MAX_INSTANCES + 1)}, "at most 1000 items", id="1001"
        ),
        pytest.param({"instances": SETOSA}, "valid list", id="instances-not-a-list"),
        pytest.param({"instances": [[5.1, 3.5, 1.4, 0.2]]}, "valid dictionary", id="rows"),
        pytest.param({}, "Field required", id="no-instances"),
        pytest.param({"instances": [SETOSA], "extra": 1}, "Extra inputs", id="extra-key"),
        pytest.param([SETOSA], "valid dictionary", id="body-a-list"),
    ],
)
def test_bad_bodies_get_a_4xx_with_a_message(api: TestClient, body: object, message: str) -> None:
    response = predict(api, body)

    assert response.status_code == 422
    assert message in json.dumps(response.json()["detail"])


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_get_a_4xx(api: TestClient, number: str) -> None:
    body = json.dumps({"instances": [SETOSA]}).replace("5.1", number)

    response = api.post("/api/predict", content=body, headers=JSON_CONTENT)

    assert response.status_code == 422
    assert "finite number" in response.text


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param('{"instances": [', "application/json", id="malformed-json"),
        pytest.param("", "application/json", id="empty"),
        pytest.param(json.dumps({"instances": [SETOSA]}), "text/plain", id="wrong-content-type"),
        pytest.param("instances=1", "application/x-www-form-urlencoded", id="form"),
    ],
)
def test_bodies_that_are_not_json_get_a_4xx(
    api: TestClient, content: str, content_type: str
) -> None:
    response = api.post("/api/predict", content=content, headers={"content-type": content_type})

    assert response.status_code == 422
    assert response.json()["detail"]


def test_an_over_long_body_is_refused_unread(api: TestClient, app: FastAPI) -> None:
    body = '{"instances": [' + " " * app.state.settings.max_body_size + "]}"

    response = api.post("/api/predict", content=body, headers=JSON_CONTENT)

    assert response.status_code == 413
    assert response.json()["detail"]


JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
# Instances with every feature (maybe one more), or with any of them.
INSTANCE = st.fixed_dictionaries(dict.fromkeys(FEATURES, JSON), optional={"extra": JSON}) | (
    st.dictionaries(st.sampled_from([*FEATURES, "extra"]), JSON)
)


# No deadline: a request's time through the app depends on the machine's load, not the body.
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=JSON | st.fixed_dictionaries({"instances": st.lists(INSTANCE, max_size=3)}))
def test_no_body_gets_a_server_error(api: TestClient, body: object) -> None:
    content = json.dumps(body)  # NaN and Infinity included, as Python's json writes them

    response = api.post("/api/predict", content=content, headers=JSON_CONTENT)

    assert response.status_code in {200, 422}
    assert response.json()


def test_the_model_is_loaded_once_at_start_up(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[Model] = []

    def counting(directory: Path) -> Model:
        loaded.append(ensure_model(directory))
        return loaded[-1]

    monkeypatch.setattr(ml_router, "ensure_model", counting)
    with TestClient(app) as client:
        for _ in range(3):
            client.get("/api/model")

    assert len(loaded) == 1
    assert app.state.model is loaded[0]
{%- if cookiecutter.auth %}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}])
def test_predicting_needs_a_signed_in_user(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/predict", json={"instances": [SETOSA]}, headers=headers)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
{%- endif %}
{%- if cookiecutter.forms %}


@pytest.fixture
{% if cookiecutter.auth -%}
def browser(signed_in: TestClient) -> TestClient:
    """Return a client for the prediction page: a signed-in one."""
    return signed_in
{% else -%}
def browser(client: TestClient) -> TestClient:
    """Return a client for the prediction page."""
    return client
{% endif %}

def predict_in_page(browser: TestClient, instance: dict[str, str]) -> Any:
    data = instance | {"csrf_token": csrf_token(browser, "/predict")}
    return browser.post("/predict", data=data)


def test_the_page_has_one_labelled_input_per_feature(browser: TestClient) -> None:
    page = browser.get("/predict").text

    for name in FEATURES:
        assert f'<label for="{name}">{name}</label>' in page
        assert f'id="{name}" name="{name}" type="number"' in page
    assert '<button type="submit">Predict</button>' in page
    assert 'href="/predict">Predict</a>' in page


def test_the_page_shows_the_prediction(browser: TestClient) -> None:
    response = predict_in_page(browser, {k: str(v) for k, v in VIRGINICA.items()})

    assert response.status_code == 200
    assert "Prediction: <strong>virginica</strong>" in response.text
    assert 'value="6.9"' in response.text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", NOT_A_NUMBER),
        ("two", NOT_A_NUMBER),
        ("nan", OUT_OF_RANGE),
        ("-inf", OUT_OF_RANGE),
        ("1e13", OUT_OF_RANGE),
    ],
)
def test_the_page_shows_a_bad_value_next_to_its_field(
    browser: TestClient, value: str, message: str
) -> None:
    instance = {k: str(v) for k, v in SETOSA.items()} | {"petal_width": value}

    response = predict_in_page(browser, instance)

    assert response.status_code == 200
    assert f'<span class="error" id="petal_width-error">{message}</span>' in response.text
    assert "Prediction:" not in response.text


def test_the_page_needs_the_csrf_token(browser: TestClient) -> None:
    csrf_token(browser, "/predict")

    response = browser.post("/predict", data={k: str(v) for k, v in SETOSA.items()})

    assert response.status_code == 403
{%- if cookiecutter.auth %}


def test_the_page_is_for_signed_in_users(client: TestClient) -> None:
    response = client.get("/predict", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/auth/login?next=%2Fpredict"
{%- endif %}
{%- endif %}
