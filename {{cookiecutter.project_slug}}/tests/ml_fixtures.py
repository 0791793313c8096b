"""Fixtures: a model trained once for the whole run, which every test's app loads."""

from pathlib import Path

import pytest

from {{ cookiecutter.project_slug }}.ml.train import train


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train the model once for the whole run."""
    directory = tmp_path_factory.mktemp("model")
    train(directory)
    return directory


@pytest.fixture(autouse=True)
def trained_model(
    monkeypatch: pytest.MonkeyPatch,
    model_dir: Path,
    isolated: None,  # noqa: ARG001 (it may hide MODEL_DIR: this sets it after)
) -> None:
    """Point the app at the model trained for the run: no test trains one of its own."""
    monkeypatch.setenv("MODEL_DIR", str(model_dir))
