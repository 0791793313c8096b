"""Validate a prediction request body, in one place for every framework.

The adapters decode the JSON body and hand the result to ``parse_instances``; it returns the rows
the model takes or raises ``InvalidInput`` with a message fit for the client (the adapters answer
4xx with it). Pure Python, so it costs little and knows nothing of the web framework.
"""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

INSTANCES_KEY = "instances"
MAX_INSTANCES = 1000
# Far beyond any real measurement, and far enough from the float limit (about 1.8e308) that the
# pipeline's arithmetic cannot overflow.
MAX_ABS_VALUE = 1e12
# Messages quote what the client sent; these bounds keep them short.
MAX_QUOTED_LENGTH = 40
MAX_LISTED_PROBLEMS = 5

JSON_TYPE_NAMES: dict[type, str] = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}


class InvalidInput(ValueError):  # noqa: N818 (the name the adapters and their users read)
    """The request body is not a valid prediction request; the message says why."""


def parse_instances(body: object, feature_names: Sequence[str]) -> list[list[float]]:
    """Return the rows of ``body`` (decoded JSON), each a list of floats in feature order.

    ``body`` must be ``{"instances": [{<feature>: <number>, ...}, ...]}`` with 1 to
    ``MAX_INSTANCES`` instances, each giving every feature and nothing else, as a finite number
    no larger than ``MAX_ABS_VALUE`` in absolute value (a JSON number, or any real number such as
    a NumPy scalar; never a boolean or a string). Raises ``InvalidInput`` otherwise.
    """
    if not isinstance(body, dict):
        msg = f"the body must be an object with the key '{INSTANCES_KEY}', not {_json_type(body)}"
        raise InvalidInput(msg)
    unknown = [key for key in body if key != INSTANCES_KEY]
    if unknown:
        msg = f"unknown top-level field {_quote(unknown[0])}: the only key is '{INSTANCES_KEY}'"
        raise InvalidInput(msg)
    if INSTANCES_KEY not in body:
        msg = f"missing field '{INSTANCES_KEY}': a list of objects, one per prediction"
        raise InvalidInput(msg)
    instances = body[INSTANCES_KEY]
    if not isinstance(instances, list):
        msg = f"'{INSTANCES_KEY}' must be an array of objects, not {_json_type(instances)}"
        raise InvalidInput(msg)
    if not instances:
        msg = f"'{INSTANCES_KEY}' is empty: give at least one instance"
        raise InvalidInput(msg)
    if len(instances) > MAX_INSTANCES:
        msg = (
            f"'{INSTANCES_KEY}' holds {len(instances)} instances: "
            f"the limit is {MAX_INSTANCES} per request"
        )
        raise InvalidInput(msg)
    expected = frozenset(feature_names)
    return [
        _parse_instance(index, instance, feature_names, expected)
        for index, instance in enumerate(instances)
    ]


def _parse_instance(
    index: int, instance: object, feature_names: Sequence[str], expected: frozenset[str]
) -> list[float]:
    where = f"{INSTANCES_KEY}[{index}]"
    if not isinstance(instance, dict):
        msg = f"{where} must be an object of feature values, not {_json_type(instance)}"
        raise InvalidInput(msg)
    if instance.keys() != expected:
        problems = [
            f"missing field {_quote(name)}" for name in feature_names if name not in instance
        ]
        problems += [f"unknown field {_quote(key)}" for key in instance if key not in expected]
        if len(problems) > MAX_LISTED_PROBLEMS:
            hidden = len(problems) - MAX_LISTED_PROBLEMS
            problems = [*problems[:MAX_LISTED_PROBLEMS], f"{hidden} more"]
        msg = f"{where}: {'; '.join(problems)} (the fields are {', '.join(feature_names)})"
        raise InvalidInput(msg)
    values = [instance[name] for name in feature_names]
    # The common case, checked first because it is cheap: plain JSON numbers within bounds.
    if all(type(value) in (float, int) and abs(value) <= MAX_ABS_VALUE for value in values):
        return [float(value) for value in values]
    return [
        _parse_value(f"{where}.{name}", value)
        for name, value in zip(feature_names, values, strict=True)
    ]


def _parse_value(where: str, value: object) -> float:
    # Real covers JSON numbers and NumPy scalars (e.g. DataFrame records); true/false are no
    # measurements, although bool is a subclass of int.
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{where} must be a number, not {_json_type(value)}"
        raise InvalidInput(msg)
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        number = -math.inf if value < 0 else math.inf
    # Written so that NaN fails too.
    if not -MAX_ABS_VALUE <= number <= MAX_ABS_VALUE:
        msg = (
            f"{where} must be a finite number between {-MAX_ABS_VALUE:g} and {MAX_ABS_VALUE:g}, "
            f"not {number:g}"
        )
        raise InvalidInput(msg)
    return number


def _json_type(value: object) -> str:
    return JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _quote(key: object) -> str:
    text = repr(key)
    if len(text) > MAX_QUOTED_LENGTH:
        return f"{text[: MAX_QUOTED_LENGTH - 4]}...{text[-1]}"
    return text
