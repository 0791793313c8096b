"""Batch prediction from a CSV file: read it, validate it with the core, tabulate the results.

The file has a header row naming the features (in any order) and one row per instance. Cells
become numbers here; ``parse_instances`` then checks them as it checks any request, and its
messages are put in the file's terms (``row 3`` rather than ``instances[2]``).
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

import pandas as pd

from {{ cookiecutter.project_slug }}.ml.inputs import (
    INSTANCES_KEY,
    MAX_INSTANCES,
    MAX_LISTED_PROBLEMS,
    MAX_QUOTED_LENGTH,
    InvalidInput,
    parse_instances,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from {{ cookiecutter.project_slug }}.ml.model import Prediction

MAX_CSV_BYTES = 1024 * 1024  # 1,000 rows of a few numbers take a few dozen KiB
PREDICTED_COLUMN = "predicted_class"
PROBABILITY_PREFIX = "probability_"
INSTANCE_REFERENCE = re.compile(rf"{INSTANCES_KEY}\[(\d+)\]\.?")


def read_instances(data: bytes, feature_names: Sequence[str]) -> list[list[float]]:
    """Return the rows of the CSV file ``data``, validated, each in ``feature_names`` order.

    Raises InvalidInput with a message fit for the person who uploaded the file.
    """
    if len(data) > MAX_CSV_BYTES:
        msg = f"the file is larger than {MAX_CSV_BYTES // 2**20} MiB"
        raise InvalidInput(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = "the file is not UTF-8 text"
        raise InvalidInput(msg) from error
    try:
        records = _read_records(text, feature_names)
    except csv.Error as error:
        msg = f"the file is not valid CSV: {error}"
        raise InvalidInput(msg) from error
    try:
        return parse_instances({INSTANCES_KEY: records}, feature_names)
    except InvalidInput as error:
        raise InvalidInput(_in_file_terms(str(error))) from error


def _read_records(text: str, feature_names: Sequence[str]) -> list[dict[str, object]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    _check_header(header, feature_names)
    reader.fieldnames = header
    records: list[dict[str, object]] = []
    for number, row in enumerate(reader, start=1):
        if len(records) == MAX_INSTANCES:
            msg = f"the file has more than {MAX_INSTANCES} rows: the limit is {MAX_INSTANCES}"
            raise InvalidInput(msg)
        if None in row:  # where DictReader puts the cells beyond the header
            msg = f"row {number} has more cells than the header has columns"
            raise InvalidInput(msg)
        records.append({name: _cell(number, name, row[name]) for name in header})
    if not records:
        msg = "the file has no rows below its header: give at least one instance"
        raise InvalidInput(msg)
    return records


def _check_header(header: list[str], feature_names: Sequence[str]) -> None:
    if not header:
        msg = f"the file is empty: its first row must name the columns {', '.join(feature_names)}"
        raise InvalidInput(msg)
    duplicates = sorted({name for name in header if header.count(name) > 1})
    missing = [name for name in feature_names if name not in header]
    unknown = [name for name in header if name not in feature_names]
    problems = [f"column {name!r} appears more than once" for name in duplicates]
    problems += [f"missing column {name!r}" for name in missing]
    problems += [f"unknown column {name!r}" for name in unknown]
    if problems:
        shown = "; ".join(problems[:MAX_LISTED_PROBLEMS])
        if len(problems) > MAX_LISTED_PROBLEMS:
            shown += f"; {len(problems) - MAX_LISTED_PROBLEMS} more"
        msg = f"the header: {shown} (the columns are {', '.join(feature_names)})"
        raise InvalidInput(msg)


def _cell(number: int, name: str, text: str | None) -> object:
    """Return the cell as a number, or raise InvalidInput; the core checks the number."""
    if text is None or not text.strip():
        msg = f"row {number}, {name} is empty"
        raise InvalidInput(msg)
    try:
        return float(text)
    except ValueError:
        shown = text if len(text) <= MAX_QUOTED_LENGTH else f"{text[: MAX_QUOTED_LENGTH - 3]}..."
        msg = f"row {number}, {name} is not a number: {shown!r}"
        raise InvalidInput(msg) from None


def _in_file_terms(message: str) -> str:
    return INSTANCE_REFERENCE.sub(lambda match: f"row {int(match[1]) + 1}, ", message)


def results_table(
    rows: Sequence[Sequence[float]],
    feature_names: Sequence[str],
    class_names: Sequence[str],
    predictions: Sequence[Prediction],
) -> pd.DataFrame:
    """Return one row per instance: its features, the predicted class, each class's probability."""
    table = pd.DataFrame([list(row) for row in rows], columns=list(feature_names))
    table[PREDICTED_COLUMN] = [prediction["label"] for prediction in predictions]
    for name in class_names:
        table[PROBABILITY_PREFIX + name] = [
            prediction["probabilities"][name] for prediction in predictions
        ]
    return table


def to_csv(table: pd.DataFrame) -> bytes:
    """Return ``table`` as a UTF-8 CSV file."""
    return table.to_csv(index=False).encode()
