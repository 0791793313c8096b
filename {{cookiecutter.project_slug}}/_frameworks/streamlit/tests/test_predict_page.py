"""The Predict page through AppTest: one instance, a CSV file, and the model loaded once."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }} import pages
from {{ cookiecutter.project_slug }}.ml import model as ml_model
from {{ cookiecutter.project_slug }}.ml.batch import PREDICTED_COLUMN
from {{ cookiecutter.project_slug }}.ml.model import Model
from {{ cookiecutter.project_slug }}.settings import Settings, get_settings

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
PREDICT = str(Path(pages.__file__).parent / "predict.py")
FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
SETOSA = (5.1, 3.5, 1.4, 0.2)
CSV = b"sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.9,3.1,5.4,2.1\n"


@pytest.fixture
def page(app: AppTest) -> AppTest:
    return app.switch_page(PREDICT).run()


def predict(at: AppTest, values: tuple[float | None, ...]) -> AppTest:
    for name, value in zip(FEATURES, values, strict=True):
        at.number_input(key=f"feature_{name}").set_value(value)
    return at.button(key="FormSubmitter:predict-Predict").click().run()


def upload(at: AppTest, data: bytes, name: str = "flowers.csv") -> AppTest:
    return at.file_uploader(key="batch_file").set_value((name, data, "text/csv")).run()


def test_the_model_folder_defaults_to_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODEL_DIR")

    assert Settings(_env_file=None).model_dir == Path("models")


def test_the_page_has_one_input_per_feature(page: AppTest) -> None:
    assert not page.exception
    assert page.title[0].value == "Predict"
    assert [widget.label for widget in page.number_input] == list(FEATURES)
    assert all(widget.value is None for widget in page.number_input)
    assert "iris-classifier" in page.caption[0].value
    assert [button.label for button in page.main.button] == ["Predict"]


def test_predicting_one_instance_shows_the_class_and_the_probabilities(page: AppTest) -> None:
    predict(page, SETOSA)

    assert not page.exception
    assert not page.error
    assert page.metric[0].value == "setosa"
    (chart,) = page.get("vega_lite_chart")
    assert "probability" in chart.proto.spec


def test_every_feature_is_needed(page: AppTest) -> None:
    predict(page, (5.1, None, 1.4, None))

    assert [error.value for error in page.error] == ["Enter a number for sepal_width, petal_width."]
    assert not page.metric


def test_a_new_prediction_replaces_the_last(page: AppTest) -> None:
    predict(page, SETOSA)
    predict(page, (6.9, 3.1, 5.4, 2.1))

    assert [metric.value for metric in page.metric] == ["virginica"]


def test_a_csv_file_is_predicted_row_by_row(page: AppTest) -> None:
    upload(page, CSV)

    assert not page.exception
    assert not page.error
    results = page.dataframe[0].value
    assert results[PREDICTED_COLUMN].tolist() == ["setosa", "virginica"]
    assert results["petal_length"].tolist() == [1.4, 5.4]
    (download,) = page.download_button
    assert download.label == "Download the predictions"
    assert download.proto.url


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"sepal_length,petal_length\n5.1,1.4\n", "missing column 'sepal_width'"),
        (CSV + b"5.1,abc,1.4,0.2\n", "row 3, sepal_width is not a number: 'abc'"),
        (b"\xff\xfe\x00", "not UTF-8 text"),
        (b"", "the file is empty"),
    ],
)
def test_a_bad_csv_file_gets_a_message_and_no_results(
    page: AppTest, data: bytes, message: str
) -> None:
    upload(page, data)

    assert not page.exception
    (error,) = page.error
    assert error.value.startswith("This file cannot be used: ")
    assert message in error.value
    assert not page.dataframe
    assert not page.download_button


def test_the_model_is_loaded_once_per_process(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[Path] = []
    ensure_model = ml_model.ensure_model

    def counting(directory: Path) -> Model:
        loads.append(directory)
        return ensure_model(directory)

    monkeypatch.setattr(ml_model, "ensure_model", counting)
    other_visitor = AppTest.from_file(str(APP), default_timeout=app.default_timeout)
{%- if cookiecutter.auth %}
    other_visitor.session_state["username"] = "bob"
{%- endif %}

    predict(app.switch_page(PREDICT).run(), SETOSA)
    predict(other_visitor.run().switch_page(PREDICT).run(), SETOSA)

    assert loads == [get_settings().model_dir]
    assert other_visitor.metric[0].value == "setosa"


def test_a_missing_model_is_trained_on_first_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, app: AppTest
) -> None:
    monkeypatch.setenv("MODEL_DIR", str(tmp_path / "new-models"))
    get_settings.cache_clear()

    predict(app.switch_page(PREDICT).run(), SETOSA)

    assert not app.exception
    assert app.metric[0].value == "setosa"
    assert (tmp_path / "new-models" / "model.skops").is_file()
