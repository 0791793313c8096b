"""Load the trained model safely and predict with it.

``load_model`` reads ``model.skops`` with skops, which rebuilds only trusted types and never
unpickles, and ``model.json`` beside it. ``ensure_model`` trains first when they are missing. Load
once per process (at start-up) and keep the ``Model``: loading takes a while, predicting does not.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict
from zipfile import BadZipFile

import numpy as np
import skops.io

from {{ cookiecutter.project_slug }}.ml.train import (
    METADATA_FILE,
    MODEL_FILE,
    train,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

logger = logging.getLogger(__name__)

# Types that model.skops may hold beyond those skops trusts by default (scikit-learn estimators,
# NumPy arrays and dtypes, Python containers and primitives); the demo pipeline needs none. A type
# listed here is imported and built when the model loads, so list only code you trust, such as
# your own function in a FunctionTransformer ("<package>.<module>.<function>").
TRUSTED_TYPES: tuple[str, ...] = ()

TRAIN_COMMAND = f"python -m {__package__}.train"


class ModelError(Exception):
    """The model files are missing, unreadable, or do not match each other."""


class UntrustedModelError(ModelError):
    """The model file holds types that are not trusted, so nothing of it was loaded."""

    def __init__(self, path: Path, types: Sequence[str]) -> None:
        self.types = tuple(types)
        super().__init__(
            f"{path} holds untrusted types: {', '.join(self.types)}. Nothing was loaded. "
            f"Retrain with `{TRAIN_COMMAND}`, or add the types to TRUSTED_TYPES in {__name__} "
            "if you trust their code."
        )


class Prediction(TypedDict):
    """One prediction, ready for JSON: the most likely class and every class's probability."""

    label: str
    probabilities: dict[str, float]


@dataclass(frozen=True, eq=False)
class Model:
    """A fitted pipeline with the metadata written beside it (``model.json``)."""

    pipeline: Any
    metadata: dict[str, Any]
    feature_names: tuple[str, ...] = field(init=False)
    class_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        """Check that the metadata describes the pipeline; raise ModelError if not."""
        feature_names = _names(self.metadata, "feature_names")
        class_names = _names(self.metadata, "class_names")
        if not callable(getattr(self.pipeline, "predict_proba", None)):
            msg = f"the model is a {type(self.pipeline).__name__}, which has no predict_proba"
            raise ModelError(msg)
        if getattr(self.pipeline, "n_features_in_", None) != len(feature_names):
            msg = f"the model does not take the {len(feature_names)} features of the metadata"
            raise ModelError(msg)
        if [str(label) for label in getattr(self.pipeline, "classes_", [])] != list(class_names):
            msg = f"the model's classes are not those of the metadata ({', '.join(class_names)})"
            raise ModelError(msg)
        # A frozen dataclass sets its own derived fields through object.__setattr__.
        object.__setattr__(self, "feature_names", feature_names)
        object.__setattr__(self, "class_names", class_names)

    def predict(self, rows: Sequence[Sequence[float]]) -> list[Prediction]:
        """Predict each row (feature values in ``feature_names`` order, already validated)."""
        if not rows:
            return []
        probabilities = self.pipeline.predict_proba(np.asarray(rows, dtype=np.float64))
        names = self.class_names
        return [
            {
                "label": names[row.index(max(row))],
                "probabilities": dict(zip(names, row, strict=True)),
            }
            for row in probabilities.tolist()
        ]


def load_model(directory: Path | str) -> Model:
    """Load the model and its metadata from ``directory``; raise ModelError if that fails.

    The model file is audited before anything in it is built: a type that is neither trusted by
    skops nor listed in TRUSTED_TYPES raises UntrustedModelError.
    """
    directory = Path(directory)
    metadata = _read_metadata(directory / METADATA_FILE)
    model = Model(_load_pipeline(directory / MODEL_FILE), metadata)
    logger.info(
        "Loaded model %s %s from %s", metadata.get("name"), metadata.get("version"), directory
    )
    return model


def ensure_model(directory: Path | str) -> Model:
    """Load the model from ``directory``, training it first if a file is missing."""
    directory = Path(directory)
    if not all((directory / name).is_file() for name in (MODEL_FILE, METADATA_FILE)):
        logger.info("No model in %s: training one", directory)
        train(directory)
    return load_model(directory)


def _read_metadata(path: Path) -> dict[str, Any]:
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        msg = f"{path} is missing: train the model with `{TRAIN_COMMAND}`"
        raise ModelError(msg) from error
    except (OSError, ValueError) as error:
        msg = f"{path} cannot be read as JSON: {error}"
        raise ModelError(msg) from error
    if not isinstance(metadata, dict):
        msg = f"{path} must hold a JSON object"
        raise ModelError(msg)
    return metadata


def _load_pipeline(path: Path) -> Any:
    try:
        untrusted = skops.io.get_untrusted_types(file=path)
    except FileNotFoundError as error:
        msg = f"{path} is missing: train the model with `{TRAIN_COMMAND}`"
        raise ModelError(msg) from error
    except (OSError, BadZipFile, KeyError, ValueError) as error:
        msg = f"{path} is not a skops model file: {error}"
        raise ModelError(msg) from error
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise UntrustedModelError(path, refused)
    return skops.io.load(path, trusted=list(TRUSTED_TYPES))


def _names(metadata: dict[str, Any], key: str) -> tuple[str, ...]:
    names = metadata.get(key)
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        msg = f"the metadata's {key!r} must be a list of strings"
        raise ModelError(msg)
    return tuple(names)
