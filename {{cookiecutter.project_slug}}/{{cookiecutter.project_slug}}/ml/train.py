"""Train the demo model and write it with its metadata.

Run ``python -m {{ cookiecutter.project_slug }}.ml.train [--output-dir models]``.
The model is a scikit-learn pipeline (standard scaling, then logistic regression) fitted on the
iris data set that ships with scikit-learn, so training needs no download. It is scored on a
stratified held-out split and written only when it reaches the minimum accuracy.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import skops.io
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

logger = logging.getLogger(__name__)

MODEL_NAME = "iris-classifier"
# Bump when the data, the features or the pipeline change.
MODEL_VERSION = "1.0.0"
MODEL_FILE = "model.skops"
METADATA_FILE = "model.json"
DEFAULT_MODEL_DIR = Path("models")
MIN_ACCURACY = 0.9
TEST_FRACTION = 0.2
SEED = 42
LIBRARIES = ("scikit-learn", "skops", "numpy")
ARTIFACT_MODE = 0o644


class TrainingError(Exception):
    """The trained model is not good enough to replace the current one."""


def load_data() -> tuple[NDArray[np.float64], NDArray[np.str_], list[str], list[str]]:
    """Return the iris features, labels (class names), feature names and class names.

    Feature names are identifiers (``sepal length (cm)`` becomes ``sepal_length``), the names
    clients send; every length is in centimetres.
    """
    iris = load_iris()
    feature_names = [name.removesuffix(" (cm)").replace(" ", "_") for name in iris.feature_names]
    class_names = [str(name) for name in iris.target_names]
    labels = np.asarray(iris.target_names[iris.target], dtype=np.str_)
    return np.asarray(iris.data, dtype=np.float64), labels, feature_names, class_names


def build_pipeline() -> Pipeline:
    """Return the unfitted pipeline."""
    return Pipeline(
        [("scale", StandardScaler()), ("classify", LogisticRegression(max_iter=1000))],
    )


def train(output_dir: Path, *, min_accuracy: float = MIN_ACCURACY) -> dict[str, Any]:
    """Train, score and write ``model.skops`` and ``model.json`` to ``output_dir``.

    Returns the metadata written to ``model.json``. Raises TrainingError, writing nothing, when
    the held-out accuracy is below ``min_accuracy``.
    """
    features, labels, feature_names, class_names = load_data()
    logger.info(
        "Loaded the iris data set: %d samples, features %s, classes %s",
        len(labels),
        ", ".join(feature_names),
        ", ".join(class_names),
    )
    train_x, test_x, train_y, test_y = train_test_split(
        features, labels, test_size=TEST_FRACTION, stratify=labels, random_state=SEED
    )
    pipeline = build_pipeline()
    logger.info("Training %s on %d samples", " + ".join(_step_names(pipeline)), len(train_y))
    # Fitted on a plain array (not a DataFrame), so predicting from arrays warns about nothing.
    pipeline.fit(train_x, train_y)

    predicted = pipeline.predict(test_x)
    metrics = {
        "accuracy": float(accuracy_score(test_y, predicted)),
        "f1_macro": float(f1_score(test_y, predicted, average="macro")),
    }
    logger.info(
        "Held-out test set of %d samples: accuracy %.3f, macro F1 %.3f (minimum accuracy %.2f)",
        len(test_y),
        metrics["accuracy"],
        metrics["f1_macro"],
        min_accuracy,
    )
    if metrics["accuracy"] < min_accuracy:
        msg = (
            f"accuracy {metrics['accuracy']:.3f} is below the minimum {min_accuracy:.2f}; "
            f"the model was not written"
        )
        raise TrainingError(msg)

    metadata: dict[str, Any] = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "metrics": metrics,
        "min_accuracy": min_accuracy,
        "feature_names": feature_names,
        "class_names": class_names,
        "train_size": len(train_y),
        "test_size": len(test_y),
        "library_versions": {
            "python": platform.python_version(),
            **{name: version(name) for name in LIBRARIES},
        },
    }
    output_dir.mkdir(parents=True, exist_ok=True)
    # The model first: the loader checks that the metadata describes it.
    write_atomically(output_dir / MODEL_FILE, skops.io.dumps(pipeline))
    write_atomically(output_dir / METADATA_FILE, (json.dumps(metadata, indent=2) + "\n").encode())
    logger.info("Wrote %s and %s", output_dir / MODEL_FILE, output_dir / METADATA_FILE)
    return metadata


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a crash never leaves half a file."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private; the service may run as another user than training.
        Path(temporary).chmod(ARTIFACT_MODE)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _step_names(pipeline: Pipeline) -> list[str]:
    return [type(step).__name__ for _, step in pipeline.steps]


def main(argv: Sequence[str] | None = None) -> int:
    """Train from the command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog=f"python -m {__package__}.train",
        description="Train the model and write it with its metadata.",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=DEFAULT_MODEL_DIR,
        help=f"folder for {MODEL_FILE} and {METADATA_FILE} (default: %(default)s)",
    )
    parser.add_argument(
        "--min-accuracy",
        type=float,
        default=MIN_ACCURACY,
        help="fail unless the held-out accuracy reaches this (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    try:
        train(args.output_dir, min_accuracy=args.min_accuracy)
    except (TrainingError, OSError) as error:
        logger.error("Training failed: %s", error)  # noqa: TRY400 (a message, not a traceback)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
