"""Predict latency through each web framework's test client, next to the bare model call.

For each web framework: bake it with ``ml_model`` on (the other options off), ``uv sync``, train
the model, then in the project's own environment time, interleaved round after round, one
``POST /api/predict`` with one instance through the framework's test client and one direct
``pipeline.predict_proba`` call on the same row. Then measure the cold start: from launching the
production command (the Dockerfile's CMD) until ``/healthz`` first answers.

    uv run python -m scripts.predict_latency [--frameworks NAME ...] [--calls N] [--starts N]

Prints a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.bake_timing import make_config
from tests.conftest import release
from tests.harness import explain, run, serve, uv_sync
from tests.variants import TEMPLATE_DIR, WEB_FRAMEWORKS, Variant

# Runs in the baked project's environment; prints {"client": [...], "direct": [...]} in ms.
MEASURE = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
framework, calls = sys.argv[1], int(sys.argv[2])
row = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}
body = json.dumps({"instances": [row]})
if framework == "flask":
    from SLUG import create_app
    client = create_app().test_client()
    post = lambda: client.post("/api/predict", data=body, content_type="application/json")
elif framework == "fastapi":
    from fastapi.testclient import TestClient
    from SLUG.main import app
    client = TestClient(app).__enter__()
    post = lambda: client.post("/api/predict", content=body,
                               headers={"content-type": "application/json"})
else:
    import config.wsgi  # loads the model, as a worker does
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()  # lets the test client's host in
    client = Client()
    post = lambda: client.post("/api/predict", data=body, content_type="application/json")
from SLUG.ml.model import load_model
model = load_model("models")
import numpy as np
features = np.asarray([[row[name] for name in model.feature_names]], dtype=np.float64)
direct = lambda: model.pipeline.predict_proba(features)
assert post().status_code == 200
times = {"client": [], "direct": []}
for _ in range(calls):
    for name, call in (("client", post), ("direct", direct)):
        start = time.perf_counter()
        call()
        times[name].append((time.perf_counter() - start) * 1000)
print(json.dumps(times))
"""


def bake(output: Path, framework: str) -> Path:
    variant = Variant(framework, (("auth", False), ("forms", False), ("ml_model", True)))
    output.mkdir(parents=True)
    config = make_config(output)
    command = [str(Path(sys.executable).parent / "cookiecutter"), "--no-input", "--config-file",
               str(config), "-o", str(output), str(TEMPLATE_DIR), *variant.cli_answers]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    project = output / "my_service"
    uv_sync(project, variant.python_version)
    release(project, variant, {})
    return project


def cold_starts(project: Path, starts: int) -> list[float]:
    """Seconds from launching the production command to its first answer on /healthz."""
    seconds = []
    for _ in range(starts):
        started = time.perf_counter()
        with serve(project, {"ENVIRONMENT": "production"}, "/healthz"):
            seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", nargs="+", default=sorted(WEB_FRAMEWORKS))
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    print("| Framework | predict, test client (ms) | predict_proba (ms) | ratio | cold start (s) |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as scratch:
        for framework in args.frameworks:
            project = bake(Path(scratch) / framework, framework)
            python = str(project / ".venv" / "bin" / "python")
            script = MEASURE.replace("SLUG", project.name)
            result = run([python, "-c", script, framework, str(args.calls)], project)
            if result.returncode != 0:
                sys.exit(explain(result))
            times = json.loads(result.stdout.splitlines()[-1])
            client, direct = (statistics.median(times[key]) for key in ("client", "direct"))
            start = statistics.median(cold_starts(project, args.starts))
            print(f"| {framework} | {client:.2f} | {direct:.2f} | {client / direct:.1f} "
                  f"| {start:.1f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
