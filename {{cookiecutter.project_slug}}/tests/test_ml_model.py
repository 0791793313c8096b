"""Loading the model (safely, once) and predicting with it."""

from __future__ import annotations

import importlib
import json
import math
import shutil
import sys
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import skops.io
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from {{ cookiecutter.project_slug }}.ml import model as ml_model
from {{ cookiecutter.project_slug }}.ml.model import (
    Model,
    ModelError,
    UntrustedModelError,
    ensure_model,
    load_model,
)
from {{ cookiecutter.project_slug }}.ml.train import METADATA_FILE, MODEL_FILE, train

if TYPE_CHECKING:
    from pathlib import Path

SETOSA = [5.1, 3.5, 1.4, 0.2]
VIRGINICA = [6.9, 3.1, 5.4, 2.1]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("model")
    train(directory)
    return directory


@pytest.fixture(scope="module")
def model(model_dir: Path) -> Model:
    return load_model(model_dir)


def copy_model(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination, dirs_exist_ok=True)
    return destination


def test_the_model_exposes_its_metadata(model: Model, model_dir: Path) -> None:
    metadata = json.loads((model_dir / METADATA_FILE).read_text(encoding="utf-8"))
    assert model.metadata == metadata
    assert model.feature_names == ("sepal_length", "sepal_width", "petal_length", "petal_width")
    assert model.class_names == ("setosa", "versicolor", "virginica")


def test_predict_one_instance(model: Model) -> None:
    [prediction] = model.predict([SETOSA])

    assert prediction["label"] == "setosa"
    assert list(prediction["probabilities"]) == list(model.class_names)
    assert all(isinstance(p, float) for p in prediction["probabilities"].values())
    assert math.fsum(prediction["probabilities"].values()) == pytest.approx(1)
    assert prediction["probabilities"]["setosa"] > 0.9
    assert json.loads(json.dumps(prediction)) == prediction


def test_predict_many_instances(model: Model) -> None:
    iris = load_iris()
    rows = iris.data.tolist()

    predictions = model.predict(rows)

    assert len(predictions) == len(rows)
    assert all(p["label"] in model.class_names for p in predictions)
    for prediction in predictions:
        assert math.fsum(prediction["probabilities"].values()) == pytest.approx(1)
    labels = [p["label"] for p in predictions]
    assert labels == model.pipeline.predict(np.asarray(rows)).tolist()
    truth = iris.target_names[iris.target].tolist()
    assert sum(map(str.__eq__, labels, truth)) / len(rows) > 0.9


def test_predictions_are_deterministic_and_independent_of_the_batch(model: Model) -> None:
    batch = model.predict([SETOSA, VIRGINICA])

    assert model.predict([SETOSA, VIRGINICA]) == batch
    assert [p["label"] for p in batch] == ["setosa", "virginica"]
    for row, prediction in zip([SETOSA, VIRGINICA], batch, strict=True):
        [alone] = model.predict([row])
        assert alone["label"] == prediction["label"]
        assert alone["probabilities"] == pytest.approx(prediction["probabilities"])


def test_predict_nothing(model: Model) -> None:
    assert model.predict([]) == []


def test_predict_from_plain_rows_warns_about_nothing(model: Model) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.predict([SETOSA, [4, 3, 1, 0]])


def write_payload_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model_dir: Path, module: str
) -> tuple[Path, Path]:
    """Write a model whose pipeline calls a function of ``module``, a module that leaves a
    marker file when imported. Return the model's folder and the marker's path."""
    marker = tmp_path / "imported"
    source = tmp_path / "source"
    source.mkdir()
    (source / f"{module}.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).touch()\n\n"
        "def double(values):\n    return values * 2\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(source)
    payload = importlib.import_module(module)
    iris = load_iris()
    pipeline = make_pipeline(
        FunctionTransformer(payload.double), StandardScaler(), LogisticRegression()
    )
    pipeline.fit(iris.data, iris.target_names[iris.target])
    directory = copy_model(model_dir, tmp_path / "model")
    skops.io.dump(pipeline, directory / MODEL_FILE)
    # Forget the module, so that only loading the model could import it again.
    monkeypatch.delitem(sys.modules, module)
    marker.unlink()
    return directory, marker


def test_the_loader_refuses_an_untrusted_type_without_running_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model_dir: Path
) -> None:
    directory, marker = write_payload_model(tmp_path, monkeypatch, model_dir, "ml_payload_a")

    with pytest.raises(UntrustedModelError, match=r"untrusted types: ml_payload_a\.double\.") as e:
        load_model(directory)

    assert e.value.types == ("ml_payload_a.double",)
    assert "ml_payload_a" not in sys.modules
    assert not marker.exists()


def test_the_loader_accepts_a_type_listed_as_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model_dir: Path
) -> None:
    directory, marker = write_payload_model(tmp_path, monkeypatch, model_dir, "ml_payload_b")
    monkeypatch.setattr(ml_model, "TRUSTED_TYPES", ("ml_payload_b.double",))

    loaded = load_model(directory)

    assert marker.exists()
    assert loaded.predict([SETOSA])[0]["label"] == "setosa"


def test_the_loader_reports_a_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model\.json is missing: train the model with"):
        load_model(tmp_path)


def test_the_loader_reports_a_missing_model_file(tmp_path: Path, model_dir: Path) -> None:
    directory = copy_model(model_dir, tmp_path)
    (directory / MODEL_FILE).unlink()

    with pytest.raises(ModelError, match=r"model\.skops is missing"):
        load_model(directory)


def test_the_loader_refuses_a_file_that_is_not_a_skops_model(
    tmp_path: Path, model_dir: Path
) -> None:
    directory = copy_model(model_dir, tmp_path)
    (directory / MODEL_FILE).write_bytes(b"not a zip file")

    with pytest.raises(ModelError, match=r"model\.skops is not a skops model file"):
        load_model(directory)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "cannot be read as JSON"),
        ("[1, 2]", "must hold a JSON object"),
    ],
)
def test_the_loader_refuses_unreadable_metadata(
    tmp_path: Path, model_dir: Path, text: str, message: str
) -> None:
    directory = copy_model(model_dir, tmp_path)
    (directory / METADATA_FILE).write_text(text, encoding="utf-8")

    with pytest.raises(ModelError, match=message):
        load_model(directory)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"feature_names": "sepal_length"}, "'feature_names' must be a list of strings"),
        ({"class_names": ["setosa", 2, "virginica"]}, "'class_names' must be a list of strings"),
        ({"feature_names": ["a", "b", "c"]}, "does not take the 3 features"),
        ({"class_names": ["virginica", "versicolor", "setosa"]}, "classes are not those"),
    ],
)
def test_a_model_refuses_metadata_that_does_not_describe_it(
    model: Model, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        Model(model.pipeline, {**model.metadata, **changes})


def test_a_model_must_predict_probabilities(model: Model) -> None:
    with pytest.raises(ModelError, match="StandardScaler, which has no predict_proba"):
        Model(model.pipeline[0], model.metadata)


def test_ensure_model_trains_when_the_model_is_missing(tmp_path: Path) -> None:
    loaded = ensure_model(tmp_path / "models")

    assert (tmp_path / "models" / MODEL_FILE).is_file()
    assert loaded.predict([SETOSA])[0]["label"] == "setosa"


def test_ensure_model_trains_when_the_metadata_is_missing(tmp_path: Path, model_dir: Path) -> None:
    directory = copy_model(model_dir, tmp_path)
    (directory / METADATA_FILE).unlink()

    assert ensure_model(directory).metadata["feature_names"]
    assert (directory / METADATA_FILE).is_file()


def test_ensure_model_does_not_retrain_a_present_model(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = copy_model(model_dir, tmp_path)
    before = {name: (directory / name).read_bytes() for name in (MODEL_FILE, METADATA_FILE)}

    def fail(*_: object, **__: object) -> None:
        pytest.fail("ensure_model trained although the model was present")

    monkeypatch.setattr(ml_model, "train", fail)
    loaded = ensure_model(str(directory))

    assert loaded.metadata == json.loads(before[METADATA_FILE])
    assert {name: (directory / name).read_bytes() for name in before} == before
