"""Training: the artifacts it writes, their metadata, the minimum accuracy and the command line."""

from __future__ import annotations

import json
import logging
import os
import platform
import runpy
import sys
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

import pytest

from {{ cookiecutter.project_slug }}.ml.train import (
    METADATA_FILE,
    MIN_ACCURACY,
    MODEL_FILE,
    TrainingError,
    main,
    train,
    write_atomically,
)

if TYPE_CHECKING:
    from pathlib import Path

TRAIN_MODULE = "{{ cookiecutter.project_slug }}.ml.train"
FEATURE_NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
CLASS_NAMES = ["setosa", "versicolor", "virginica"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    directory = tmp_path_factory.mktemp("model")
    return directory, train(directory)


def test_training_writes_the_model_and_its_metadata(
    trained: tuple[Path, dict[str, Any]],
) -> None:
    directory, metadata = trained
    assert sorted(path.name for path in directory.iterdir()) == [METADATA_FILE, MODEL_FILE]
    assert json.loads((directory / METADATA_FILE).read_text(encoding="utf-8")) == metadata
    for name in (MODEL_FILE, METADATA_FILE):
        assert (directory / name).stat().st_mode & 0o777 == 0o644


def test_training_reaches_the_minimum_accuracy(trained: tuple[Path, dict[str, Any]]) -> None:
    metrics = trained[1]["metrics"]
    assert MIN_ACCURACY >= 0.9
    assert metrics["accuracy"] >= MIN_ACCURACY
    assert metrics["f1_macro"] >= MIN_ACCURACY


def test_metadata_has_every_field_with_its_type(trained: tuple[Path, dict[str, Any]]) -> None:
    metadata = trained[1]
    assert isinstance(metadata["name"], str)
    assert metadata["name"]
    assert isinstance(metadata["version"], str)
    assert metadata["version"]
    created_at = datetime.fromisoformat(metadata["created_at"])
    assert created_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - created_at) < timedelta(minutes=10)
    assert set(metadata["metrics"]) == {"accuracy", "f1_macro"}
    assert all(isinstance(value, float) for value in metadata["metrics"].values())
    assert metadata["feature_names"] == FEATURE_NAMES
    assert metadata["class_names"] == CLASS_NAMES
    assert metadata["min_accuracy"] == MIN_ACCURACY
    assert isinstance(metadata["train_size"], int)
    assert isinstance(metadata["test_size"], int)
    assert metadata["train_size"] + metadata["test_size"] == 150
    assert metadata["test_size"] == 30
    assert metadata["library_versions"] == {
        "python": platform.python_version(),
        "scikit-learn": version("scikit-learn"),
        "skops": version("skops"),
        "numpy": version("numpy"),
    }


def test_training_is_reproducible(trained: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    assert train(tmp_path)["metrics"] == trained[1]["metrics"]


def test_a_model_below_the_minimum_replaces_nothing(
    trained: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    for name in (MODEL_FILE, METADATA_FILE):
        (tmp_path / name).write_bytes((trained[0] / name).read_bytes())

    with pytest.raises(TrainingError, match=r"below the minimum 1\.01; the model was not written"):
        train(tmp_path, min_accuracy=1.01)

    for name in (MODEL_FILE, METADATA_FILE):
        assert (tmp_path / name).read_bytes() == (trained[0] / name).read_bytes()
    assert len(list(tmp_path.iterdir())) == 2


def test_a_failed_write_keeps_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / MODEL_FILE
    target.write_bytes(b"old")

    def crash(_: int) -> None:
        raise OSError

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):  # noqa: PT011 (the error raised above, nothing to match)
        write_atomically(target, b"new")

    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_the_command_trains_and_reports_its_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    output_dir = tmp_path / "models"
    monkeypatch.setattr(sys, "argv", ["train", "--output-dir", str(output_dir)])
    # Run as `python -m` does, from a fresh copy of the module.
    monkeypatch.delitem(sys.modules, TRAIN_MODULE)
    caplog.set_level(logging.INFO)

    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module(TRAIN_MODULE, run_name="__main__")

    assert exit_info.value.code == 0
    assert "Loaded the iris data set: 150 samples" in caplog.text
    assert "Training StandardScaler + LogisticRegression on 120 samples" in caplog.text
    assert "Held-out test set of 30 samples: accuracy" in caplog.text
    assert f"Wrote {output_dir / MODEL_FILE} and {output_dir / METADATA_FILE}" in caplog.text
    assert (output_dir / MODEL_FILE).is_file()


def test_the_command_fails_below_the_minimum_accuracy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert main(["--output-dir", str(tmp_path), "--min-accuracy", "1.01"]) == 1
    assert "Training failed: accuracy" in caplog.text
    assert "below the minimum 1.01" in caplog.text
    assert not list(tmp_path.iterdir())


def test_the_command_fails_when_it_cannot_write(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")

    assert main(["--output-dir", str(not_a_folder)]) == 1
    assert "Training failed:" in caplog.text
