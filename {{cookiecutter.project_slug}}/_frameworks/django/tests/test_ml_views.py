"""The predict API{% if cookiecutter.forms %} and the prediction page{% endif %}: answers, every kind of bad input, loading once."""

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_iris

from {{ cookiecutter.project_slug }} import ml
from {{ cookiecutter.project_slug }}.ml import model as core
from {{ cookiecutter.project_slug }}.ml.apps import MlConfig, ml_model
from {{ cookiecutter.project_slug }}.ml.inputs import MAX_INSTANCES
from {{ cookiecutter.project_slug }}.ml.views import MAX_BODY_BYTES
{%- if cookiecutter.auth %}
from {{ cookiecutter.project_slug }}.users.models import User
{%- endif %}

MODEL_URL = "/api/model"
PREDICT_URL = "/api/predict"
{%- if cookiecutter.forms %}
PAGE_URL = "/predict/"
{%- endif %}
JSON = "application/json"
FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
SETOSA = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}
VIRGINICA = {"sepal_length": 6.9, "sepal_width": 3.1, "petal_length": 5.4, "petal_width": 2.1}

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client: Client) -> Client:
{%- if cookiecutter.auth %}
    """A client signed in as a user (force_login: no password to hash)."""
    client.force_login(User.objects.create_user("ada"))
{%- else %}
    """A client of the API."""
{%- endif %}
    return client


def post(client: Client, body: object) -> Any:
    return client.post(PREDICT_URL, json.dumps(body), content_type=JSON)


def with_value(name: str, value: object) -> dict[str, object]:
    return {"instances": [{**SETOSA, name: value}]}


def test_model_metadata(api: Client, model_dir: Path) -> None:
    response = api.get(MODEL_URL)

    assert response.status_code == 200
    assert response.json() == json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    assert response.json()["feature_names"] == list(FEATURES)


def test_predict_one_instance(api: Client) -> None:
    response = post(api, {"instances": [SETOSA]})

    assert response.status_code == 200
    assert response["Content-Type"] == JSON
    [prediction] = response.json()["predictions"]
    assert prediction["label"] == "setosa"
    assert set(prediction["probabilities"]) == {"setosa", "versicolor", "virginica"}
    assert math.fsum(prediction["probabilities"].values()) == pytest.approx(1)


def test_predict_many_instances_in_order(api: Client) -> None:
    iris = load_iris()
    instances = [dict(zip(FEATURES, row, strict=True)) for row in iris.data.tolist()]

    response = post(api, {"instances": [SETOSA, VIRGINICA, *instances]})

    labels = [prediction["label"] for prediction in response.json()["predictions"]]
    assert response.status_code == 200
    assert labels[:2] == ["setosa", "virginica"]
    truth = iris.target_names[iris.target].tolist()
    assert sum(map(str.__eq__, labels[2:], truth)) / len(truth) > 0.9


def test_the_most_instances_allowed(api: Client) -> None:
    response = post(api, {"instances": [SETOSA] * MAX_INSTANCES})

    assert response.status_code == 200
    assert len(response.json()["predictions"]) == MAX_INSTANCES


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"instances": [{"sepal_length": 5.1}]}, "missing field 'sepal_width'"),
        (with_value("petal_width", "0.2"), "must be a number, not a string"),
        (with_value("petal_width", None), "must be a number, not null"),
        (with_value("petal_width", value=True), "must be a number, not a boolean"),
        (with_value("petal_width", math.nan), "must be a finite number"),
        (with_value("petal_width", math.inf), "must be a finite number"),
        (with_value("petal_width", -math.inf), "must be a finite number"),
        (with_value("petal_width", 10**400), "must be a finite number"),
        (with_value("colour", 1), "unknown field 'colour'"),
        ({"instances": []}, "'instances' is empty"),
        ({"instances": [SETOSA] * (MAX_INSTANCES + 1)}, "the limit is 1000"),
        ({"instances": SETOSA}, "must be an array of objects"),
        ({"instances": [[5.1, 3.5, 1.4, 0.2]]}, "must be an object of feature values"),
        ({"instances": [SETOSA], "extra": 1}, "unknown top-level field 'extra'"),
        ({}, "missing field 'instances'"),
        ([SETOSA], "the body must be an object"),
        ("instances", "the body must be an object"),
    ],
    ids=[
        "missing-feature",
        "string",
        "null",
        "boolean",
        "nan",
        "infinity",
        "minus-infinity",
        "huge-integer",
        "unknown-field",
        "empty-list",
        "too-many-instances",
        "instances-not-a-list",
        "instance-not-an-object",
        "unknown-top-level-field",
        "no-instances",
        "body-array",
        "body-string",
    ],
)
def test_invalid_instances_get_422_with_a_message(api: Client, body: object, message: str) -> None:
    response = post(api, body)

    assert response.status_code == 422
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b'{"instances": [}', b"\xff\xfe not utf-8", b"[" * 100_000 + b"]" * 100_000],
    ids=["empty", "truncated", "broken", "not-utf-8", "nested-too-deep"],
)
def test_malformed_json_gets_400_with_a_message(api: Client, raw: bytes) -> None:
    # CONTENT_TYPE given as well: the test client leaves it out of a request without a body.
    response = api.post(PREDICT_URL, raw, content_type=JSON, CONTENT_TYPE=JSON)

    assert response.status_code == 400
    assert response.json()["error"].startswith("the body is not valid JSON")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_a_body_that_is_not_declared_json_gets_415(api: Client, content_type: str) -> None:
    response = api.post(PREDICT_URL, json.dumps({"instances": [SETOSA]}), content_type=content_type)

    assert response.status_code == 415
    assert "Content-Type: application/json" in response.json()["error"]


def test_a_json_content_type_with_a_charset_is_accepted(api: Client) -> None:
    response = post_raw(api, json.dumps({"instances": [SETOSA]}), f"{JSON}; charset=utf-8")

    assert response.status_code == 200


def post_raw(client: Client, data: str | bytes, content_type: str) -> Any:
    return client.post(PREDICT_URL, data, content_type=content_type)


def test_a_body_over_the_limit_gets_413(api: Client) -> None:
    padding = " " * MAX_BODY_BYTES
    response = post_raw(api, '{"instances": [' + json.dumps(SETOSA) + "]}" + padding, JSON)

    assert response.status_code == 413
    assert "limit" in response.json()["error"]


def test_the_wrong_method_gets_405(api: Client) -> None:
    assert api.get(PREDICT_URL).status_code == 405
    assert api.post(MODEL_URL, "{}", content_type=JSON).status_code == 405


def test_the_api_needs_no_csrf_token_because_it_takes_json_only(api: Client) -> None:
    # A cross-site form can send form data or plain text, which get 415, never JSON.
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = api.cookies

    assert post(strict, {"instances": [SETOSA]}).status_code == 200
    form = strict.post(PREDICT_URL, {"instances": "x"})
    assert form.status_code == 415


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
NEAR_VALID = st.fixed_dictionaries(
    {
        "instances": st.lists(
            st.dictionaries(st.sampled_from([*FEATURES, "other"]), JSON_SCALARS, max_size=5),
            max_size=3,
        )
    }
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=JSON_VALUES | NEAR_VALID)
def test_any_json_body_gets_predictions_or_a_4xx_message(api: Client, body: object) -> None:
    response = post(api, body)

    assert response.status_code in {200, 422}
    answer = response.json()
    if response.status_code == 200:
        assert len(answer["predictions"]) == len(body["instances"])  # type: ignore[index]
    else:
        assert isinstance(answer["error"], str)
        assert answer["error"]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200))
def test_any_bytes_get_an_answer_never_a_server_error(api: Client, raw: bytes) -> None:
    response = api.post(PREDICT_URL, raw, content_type=JSON, CONTENT_TYPE=JSON)

    assert response.status_code in {200, 400, 422}
    assert response.json()


def test_model_dir_defaults_to_models_in_the_project(
    load_settings: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    root = Path(__file__).resolve().parent.parent

    assert load_settings()["MODEL_DIR"] == root / "models"
    assert load_settings(MODEL_DIR=str(tmp_path))["MODEL_DIR"] == tmp_path


def test_the_model_is_loaded_once_per_process(
    monkeypatch: pytest.MonkeyPatch, model_dir: Path
) -> None:
    loaded: list[Path] = []
    model = ml_model()

    def load(directory: Path) -> core.Model:
        loaded.append(directory)
        return model

    monkeypatch.setattr(core, "ensure_model", load)
    config = MlConfig(ml.__name__, ml)

    assert config.load_once() is config.load_once() is model
    assert loaded == [model_dir]
    assert ml_model() is ml_model()
{%- if cookiecutter.auth %}


def test_anonymous_users_get_401_json(client: Client) -> None:
    for response in (client.get(MODEL_URL), post(client, {"instances": [SETOSA]})):
        assert response.status_code == 401
        assert response["Content-Type"] == JSON
        assert "sign in" in response.json()["error"]
{%- endif %}
{%- if cookiecutter.forms %}


def test_the_page_has_one_labelled_number_per_feature(api: Client) -> None:
    response = api.get(PAGE_URL)
    html = response.content.decode()

    assert response.status_code == 200
    for name in FEATURES:
        assert f'<label for="id_{name}">{name}</label>' in html
        assert f'<input type="number" name="{name}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit">Predict</button>' in html


def test_the_page_shows_the_prediction(api: Client) -> None:
    response = api.post(PAGE_URL, SETOSA)
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["prediction"]["label"] == "setosa"
    assert "<output>setosa</output>" in html
    for name in ("setosa", "versicolor", "virginica"):
        assert f"<td>{name}</td>" in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "This field is required."),
        ("abc", "Enter a number."),
        ("nan", "Enter a number."),
        ("inf", "Enter a number."),
        ("1e13", "Ensure this value is less than or equal to"),
    ],
)
def test_the_page_shows_an_invalid_value_next_to_its_field(
    api: Client, value: str, message: str
) -> None:
    response = api.post(PAGE_URL, {**SETOSA, "petal_width": value})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["petal_width"])
    assert "prediction" not in response.context


def test_the_page_refuses_a_post_without_a_csrf_token(api: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = api.cookies

    assert strict.post(PAGE_URL, SETOSA).status_code == 403
{%- if cookiecutter.auth %}


def test_the_page_asks_anonymous_users_to_sign_in(client: Client) -> None:
    response = client.get(PAGE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PAGE_URL}"
{%- endif %}
{%- endif %}
