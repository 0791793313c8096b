"""Validation of prediction request bodies: every kind of bad input, and a property test."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from {{ cookiecutter.project_slug }}.ml.inputs import (
    MAX_ABS_VALUE,
    MAX_INSTANCES,
    InvalidInput,
    parse_instances,
)
from {{ cookiecutter.project_slug }}.ml.model import Model, load_model
from {{ cookiecutter.project_slug }}.ml.train import train

if TYPE_CHECKING:
    from pathlib import Path

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
SETOSA = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    directory: Path = tmp_path_factory.mktemp("model")
    train(directory)
    return load_model(directory)


def with_value(name: str, value: object) -> dict[str, object]:
    """Return a body of one instance whose feature ``name`` is ``value``."""
    return {"instances": [{**SETOSA, name: value}]}


def test_valid_instances_become_rows_in_feature_order() -> None:
    shuffled = {"petal_width": 2, "sepal_length": 6.9, "petal_length": 5.4, "sepal_width": 3.1}

    rows = parse_instances({"instances": [SETOSA, shuffled]}, FEATURES)

    assert rows == [[5.1, 3.5, 1.4, 0.2], [6.9, 3.1, 5.4, 2.0]]
    assert all(type(value) is float for row in rows for value in row)


def test_the_limits_themselves_are_accepted() -> None:
    body = {"instances": [{**SETOSA, "sepal_length": -MAX_ABS_VALUE}] * MAX_INSTANCES}

    assert len(parse_instances(body, FEATURES)) == MAX_INSTANCES


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            [SETOSA],
            "the body must be an object with the key 'instances', not an array",
            id="body-array",
        ),
        pytest.param("instances", "the body must be an object", id="body-string"),
        pytest.param(
            None, "the body must be an object with the key 'instances', not null", id="body-null"
        ),
        pytest.param(3, "not a number", id="body-number"),
        pytest.param({}, "missing field 'instances'", id="no-instances"),
        pytest.param(
            {"instances": [SETOSA], "extra": 1},
            "unknown top-level field 'extra': the only key is 'instances'",
            id="extra-top-level-key",
        ),
        pytest.param(
            {"instances": SETOSA},
            "'instances' must be an array of objects, not an object",
            id="instances-object",
        ),
        pytest.param(
            {"instances": None},
            "'instances' must be an array of objects, not null",
            id="instances-null",
        ),
        pytest.param(
            {"instances": []},
            "'instances' is empty: give at least one instance",
            id="instances-empty",
        ),
        pytest.param(
            {"instances": [SETOSA] * (MAX_INSTANCES + 1)},
            "'instances' holds 1001 instances: the limit is 1000 per request",
            id="too-many-instances",
        ),
        pytest.param(
            {"instances": [list(SETOSA.values())]},
            "instances[0] must be an object of feature values, not an array",
            id="instance-array",
        ),
        pytest.param(
            {"instances": [SETOSA, {k: v for k, v in SETOSA.items() if k != "petal_width"}]},
            "instances[1]: missing field 'petal_width' (the fields are sepal_length, "
            "sepal_width, petal_length, petal_width)",
            id="missing-feature",
        ),
        pytest.param(
            {"instances": [{**SETOSA, "colour": "blue"}]},
            "instances[0]: unknown field 'colour'",
            id="unknown-field",
        ),
        pytest.param(
            {"instances": [{**SETOSA, "Sepal_length": 5.1}]},
            "instances[0]: unknown field 'Sepal_length'",
            id="field-names-are-exact",
        ),
        pytest.param(
            with_value("sepal_width", "3.5"),
            "instances[0].sepal_width must be a number, not a string",
            id="string",
        ),
        pytest.param(
            with_value("sepal_width", value=True),
            "instances[0].sepal_width must be a number, not a boolean",
            id="bool",
        ),
        pytest.param(
            with_value("sepal_width", None),
            "instances[0].sepal_width must be a number, not null",
            id="null",
        ),
        pytest.param(
            with_value("sepal_width", [3.5]),
            "instances[0].sepal_width must be a number, not an array",
            id="array",
        ),
        pytest.param(
            with_value("sepal_width", math.nan),
            "instances[0].sepal_width must be a finite number between -1e+12 and 1e+12, not nan",
            id="nan",
        ),
        pytest.param(
            with_value("sepal_width", math.inf),
            "instances[0].sepal_width must be a finite number between -1e+12 and 1e+12, not inf",
            id="inf",
        ),
        pytest.param(
            with_value("sepal_width", -math.inf),
            "must be a finite number between -1e+12 and 1e+12, not -inf",
            id="minus-inf",
        ),
        pytest.param(
            with_value("sepal_width", 1.7e308),
            "instances[0].sepal_width must be a finite number between -1e+12 and 1e+12, "
            "not 1.7e+308",
            id="huge",
        ),
        pytest.param(with_value("sepal_width", -(10**400)), "1e+12, not -inf", id="huge-int"),
    ],
)
def test_bad_input_is_refused_with_a_specific_message(body: object, message: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_instances(body, FEATURES)

    assert message in str(error.value)


def test_json_nan_and_infinity_are_refused() -> None:
    body = json.loads('{"instances": [{"sepal_length": NaN, "sepal_width": Infinity}]}')

    with pytest.raises(InvalidInput, match="missing field 'petal_length'"):
        parse_instances(body, FEATURES)
    with pytest.raises(InvalidInput, match="sepal_length must be a finite number"):
        parse_instances({"instances": [{**SETOSA, **body["instances"][0]}]}, FEATURES)


def test_numpy_numbers_are_numbers_too() -> None:
    values = [np.int64(5), np.float32(3.5), np.float64(1.4), 0]
    body = {"instances": [dict(zip(FEATURES, values, strict=True))]}

    assert parse_instances(body, FEATURES) == [[5.0, 3.5, 1.4, 0.0]]
    with pytest.raises(InvalidInput, match="sepal_width must be a finite number"):
        parse_instances(with_value("sepal_width", np.float32("nan")), FEATURES)
    with pytest.raises(InvalidInput, match="sepal_width must be a number, not bool"):
        parse_instances(with_value("sepal_width", np.True_), FEATURES)
    with pytest.raises(InvalidInput, match="sepal_width must be a number, not Decimal"):
        parse_instances(with_value("sepal_width", Decimal("3.5")), FEATURES)


def test_a_misspelt_field_is_reported_as_missing_and_unknown() -> None:
    instance = {k: v for k, v in SETOSA.items() if k != "sepal_length"} | {"sepal_lenght": 5.1}

    with pytest.raises(InvalidInput) as error:
        parse_instances({"instances": [instance]}, FEATURES)

    assert "missing field 'sepal_length'; unknown field 'sepal_lenght'" in str(error.value)


def test_messages_stay_short_whatever_the_client_sends() -> None:
    instance = {**SETOSA, **{f"field_{i}" * 1000: 1 for i in range(1000)}}

    with pytest.raises(InvalidInput) as error:
        parse_instances({"instances": [instance], "x" * 10_000: 1}, FEATURES)
    assert len(str(error.value)) < 200

    with pytest.raises(InvalidInput) as error:
        parse_instances({"instances": [instance]}, FEATURES)
    assert "995 more" in str(error.value)
    assert len(str(error.value)) < 500


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
NUMBERS = st.floats() | st.integers(-(10**400), 10**400) | st.floats(min_value=-10, max_value=10)
NEAR_VALID_BODIES = st.fixed_dictionaries(
    {
        "instances": st.lists(
            st.dictionaries(st.sampled_from(FEATURES) | st.text(max_size=3), NUMBERS | JSON_VALUES)
            | st.fixed_dictionaries(dict.fromkeys(FEATURES, NUMBERS)),
            max_size=4,
        )
    },
    optional={"extra": JSON_VALUES},
)


def parse_or_message(body: object, feature_names: tuple[str, ...]) -> list[list[float]] | str:
    """Return the rows of ``body``, or the message of the InvalidInput it raises."""
    try:
        return parse_instances(body, feature_names)
    except InvalidInput as error:
        return str(error)


def check_body(model: Model, body: object) -> None:
    """Assert that ``body`` either yields rows that predict fine or raises InvalidInput."""
    rows = parse_or_message(body, model.feature_names)
    if isinstance(rows, str):
        assert rows
        return
    assert 1 <= len(rows) <= MAX_INSTANCES
    predictions = model.predict(rows)
    assert len(predictions) == len(rows)
    for prediction in predictions:
        assert prediction["label"] in model.class_names
        probabilities = prediction["probabilities"].values()
        assert all(math.isfinite(p) for p in probabilities)
        assert math.fsum(probabilities) == pytest.approx(1)


@given(body=JSON_VALUES)
def test_any_json_value_is_rows_or_invalid_input(model: Model, body: object) -> None:
    check_body(model, body)


@given(body=NEAR_VALID_BODIES)
def test_any_near_valid_body_is_rows_or_invalid_input(
    model: Model,
    body: object,
) -> None:
    check_body(model, body)
