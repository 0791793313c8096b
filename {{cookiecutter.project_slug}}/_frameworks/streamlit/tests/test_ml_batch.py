"""Batch prediction from CSV files: reading, validation through the core, the results table."""

import io
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from {{ cookiecutter.project_slug }}.ml.batch import (
    MAX_CSV_BYTES,
    PREDICTED_COLUMN,
    read_instances,
    results_table,
    to_csv,
)
from {{ cookiecutter.project_slug }}.ml.inputs import (
    MAX_ABS_VALUE,
    MAX_INSTANCES,
    InvalidInput,
)
from {{ cookiecutter.project_slug }}.ml.model import Model, load_model

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
HEADER = ",".join(FEATURES)
SETOSA = "5.1,3.5,1.4,0.2"
VIRGINICA = "6.9,3.1,5.4,2.1"


def csv_bytes(*lines: str) -> bytes:
    return "\n".join(lines).encode()


def test_rows_come_back_in_feature_order() -> None:
    data = csv_bytes("petal_width,sepal_length,petal_length,sepal_width", "0.2,5.1,1.4,3.5")

    assert read_instances(data, FEATURES) == [[5.1, 3.5, 1.4, 0.2]]


def test_common_spreadsheet_exports_are_read() -> None:
    # A byte-order mark, Windows line ends, spaces around names and numbers, quoted cells, a
    # trailing empty line.
    data = (
        b"\xef\xbb\xbf sepal_length , sepal_width,petal_length,petal_width\r\n"
        b'"5.1", 3.5 ,1.4,2e-1\r\n'
    )

    assert read_instances(data, FEATURES) == [[5.1, 3.5, 1.4, 0.2]]


def test_the_row_limit_itself_is_accepted() -> None:
    rows = read_instances(csv_bytes(HEADER, *[SETOSA] * MAX_INSTANCES), FEATURES)

    assert len(rows) == MAX_INSTANCES


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(csv_bytes(HEADER), "no rows below its header", id="header-only"),
        pytest.param(b"\xff\xfe" + HEADER.encode("utf-16-le"), "not UTF-8 text", id="utf-16"),
        pytest.param(
            csv_bytes("sepal_length,sepal_width,petal_length", "5.1,3.5,1.4"),
            "missing column 'petal_width'",
            id="missing-column",
        ),
        pytest.param(
            csv_bytes(HEADER + ",colour", SETOSA + ",blue"),
            "unknown column 'colour'",
            id="unknown-column",
        ),
        pytest.param(
            csv_bytes(HEADER + ",sepal_length", SETOSA + ",5.1"),
            "column 'sepal_length' appears more than once",
            id="duplicate-column",
        ),
        pytest.param(
            csv_bytes("a,b,c,d,e,f,g", "1,2,3,4,5,6,7"),
            "; 6 more (the columns are sepal_length",
            id="many-problems",
        ),
        pytest.param(
            csv_bytes(HEADER, SETOSA, SETOSA + ",9"),
            "row 2 has more cells than the header has columns",
            id="extra-cell",
        ),
        pytest.param(
            csv_bytes(HEADER, "5.1,3.5,1.4"), "row 1, petal_width is empty", id="short-row"
        ),
        pytest.param(csv_bytes(HEADER, "5.1,,1.4,0.2"), "row 1, sepal_width is empty", id="empty"),
        pytest.param(
            csv_bytes(HEADER, SETOSA, "5.1,3.5,abc,0.2"),
            "row 2, petal_length is not a number: 'abc'",
            id="string",
        ),
        pytest.param(
            csv_bytes(HEADER, "5.1,3.5,1.4," + "x" * 100),
            "is not a number: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'",
            id="long-string-shortened",
        ),
        pytest.param(
            csv_bytes(HEADER, "nan,3.5,1.4,0.2"),
            "row 1, sepal_length must be a finite number",
            id="nan",
        ),
        pytest.param(
            csv_bytes(HEADER, SETOSA, SETOSA, "5.1,-inf,1.4,0.2"),
            "row 3, sepal_width must be a finite number",
            id="infinity",
        ),
        pytest.param(
            csv_bytes(HEADER, "5.1,3.5,1.4,1e13"),
            "row 1, petal_width must be a finite number between -1e+12 and 1e+12, not 1e+13",
            id="too-large",
        ),
        pytest.param(
            csv_bytes(HEADER, *[SETOSA] * (MAX_INSTANCES + 1)),
            "the file has more than 1000 rows",
            id="too-many-rows",
        ),
        pytest.param(
            csv_bytes(HEADER, "5.1,3.5,1.4," + "1" * 200_000),
            "the file is not valid CSV: field larger than field limit",
            id="huge-field",
        ),
        pytest.param(b"x" * (MAX_CSV_BYTES + 1), "larger than 1 MiB", id="too-large-file"),
    ],
)
def test_bad_files_are_refused_with_a_message(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        read_instances(data, FEATURES)


@pytest.fixture(scope="module")
def model(model_dir: Path) -> Model:
    return load_model(model_dir)


def test_results_have_the_features_the_class_and_each_probability(model: Model) -> None:
    rows = read_instances(csv_bytes(HEADER, SETOSA, VIRGINICA), model.feature_names)

    table = results_table(rows, model.feature_names, model.class_names, model.predict(rows))

    assert list(table.columns) == [
        *FEATURES,
        PREDICTED_COLUMN,
        "probability_setosa",
        "probability_versicolor",
        "probability_virginica",
    ]
    assert table[PREDICTED_COLUMN].tolist() == ["setosa", "virginica"]
    assert table["sepal_length"].tolist() == [5.1, 6.9]
    probabilities = table.filter(like="probability_").sum(axis="columns")
    assert probabilities.tolist() == pytest.approx([1.0, 1.0])


def test_results_download_as_csv(model: Model) -> None:
    rows = read_instances(csv_bytes(HEADER, SETOSA), model.feature_names)
    table = results_table(rows, model.feature_names, model.class_names, model.predict(rows))

    downloaded = pd.read_csv(io.BytesIO(to_csv(table)))

    pd.testing.assert_frame_equal(downloaded, table)


# Property: whatever the file holds, the result is valid rows or InvalidInput, never a crash.

cells = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers().map(str),
    st.text(max_size=8),
    st.just(""),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    names = draw(
        st.lists(st.sampled_from([*FEATURES, "extra", ""]), min_size=0, max_size=6)
        | st.permutations(FEATURES).map(list)
    )
    rows = draw(st.lists(st.lists(cells, min_size=len(names), max_size=len(names) + 1), max_size=5))
    lines = [",".join(names), *(",".join(row) for row in rows)]
    return "\n".join(lines).encode()


def outcome(data: bytes) -> list[list[float]] | str:
    """Return the rows read from ``data``, or the message that refuses it."""
    try:
        return read_instances(data, FEATURES)
    except InvalidInput as error:
        return str(error)


def check(data: bytes) -> None:
    result = outcome(data)
    if isinstance(result, str):
        assert result
        return
    assert 1 <= len(result) <= MAX_INSTANCES
    assert all(len(row) == len(FEATURES) for row in result)
    values = [value for row in result for value in row]
    assert all(math.isfinite(value) and abs(value) <= MAX_ABS_VALUE for value in values)


# No deadline: parsing a file takes what the machine's load allows, whatever its bytes.
@settings(deadline=None)
@given(csv_files())
def test_any_csv_file_gives_rows_or_a_message(data: bytes) -> None:
    check(data)


@settings(deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_a_message(data: bytes) -> None:
    check(data)
