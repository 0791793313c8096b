"""Median bake time of each variant through the cookiecutter CLI, as a ratio to the floor.

The floor is a one-file template baked by the same CLI in the same run. Runs are interleaved
(floor, then each variant, round after round) so that machine noise hits all alike. Python
caches compiled modules, as on a user's machine, even where PYTHONDONTWRITEBYTECODE is set:
without the cache every bake compiles cookiecutter and Jinja again, which hides a template's
own cost behind a slower floor.

With --split, each variant is also baked with its hooks off (``--accept-hooks no``): what
cookiecutter alone spends on this template (its questions, its files), so that the rest is
what the two hooks cost. The bakes go to a folder under --work-dir: on a disk that is slow to
create and delete files, /dev/shm gives steadier figures.

    uv run python -m scripts.bake_timing [--rounds N] [--max-ratio R] [--split] [--work-dir D]

Exits 1 when a variant's median is above --max-ratio times the floor's median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.variants import TEMPLATE_DIR, all_variants

COOKIECUTTER = Path(sys.executable).parent / "cookiecutter"


def make_floor_template(root: Path) -> Path:
    """A template with one question and one file: what any bake costs at least."""
    template = root / "floor-template"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(json.dumps({"project_slug": "floor"}))
    (template / "{{cookiecutter.project_slug}}" / "README.md").write_text(
        "# {{ cookiecutter.project_slug }}\n"
    )
    return template


def make_config(root: Path) -> Path:
    """A cookiecutter config that keeps replay files out of the user's home."""
    config = root / "config.yaml"
    config.write_text(f"replay_dir: {root / 'replay'}\ncookiecutters_dir: {root / 'clones'}\n")
    return config


def bake_seconds(template: Path, answers: list[str], root: Path) -> float:
    """Wall-clock seconds of one `cookiecutter --no-input` run with these extra arguments."""
    output = root / "out"
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir()
    config = ["--config-file", str(root / "config.yaml")]
    command = [str(COOKIECUTTER), "--no-input", *config, str(template), "-o", str(output), *answers]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


NO_HOOKS = ["--accept-hooks", "no"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="bakes per variant (default 9)")
    parser.add_argument("--max-ratio", type=float, default=1.5, help="target (default 1.5)")
    parser.add_argument("--split", action="store_true", help="also bake with the hooks off")
    parser.add_argument("--work-dir", type=Path, help="where to bake (default: the temp dir)")
    args = parser.parse_args()

    variants = {variant.id: variant.cli_answers for variant in all_variants()}
    runs = {name: [answers, *([[*answers, *NO_HOOKS]] if args.split else [])]
            for name, answers in variants.items()}  # fmt: skip
    with tempfile.TemporaryDirectory(dir=args.work_dir) as tmp:
        root = Path(tmp)
        floor_template = make_floor_template(root)
        make_config(root)
        # For each name, one list of seconds per set of answers.
        samples: dict[str, list[list[float]]] = {"floor": [[]]}
        samples |= {name: [[] for _ in answer_sets] for name, answer_sets in runs.items()}
        for _ in range(args.rounds):
            samples["floor"][0].append(bake_seconds(floor_template, [], root))
            for name, answer_sets in runs.items():
                for times, answers in zip(samples[name], answer_sets, strict=True):
                    times.append(bake_seconds(TEMPLATE_DIR, answers, root))

    floor = statistics.median(samples["floor"][0])
    split = f" {'no hooks':>9} {'ratio':>6}" if args.split else ""
    print(f"{'variant':<40} {'median s':>9} {'ratio':>6}{split}")
    print(f"{'one-file template (floor)':<40} {floor:>9.3f} {1:>6.2f}")
    worst = 0.0
    for name in variants:
        medians = [statistics.median(times) for times in samples[name]]
        worst = max(worst, medians[0] / floor)
        print(f"{name:<40}" + "".join(f" {m:>9.3f} {m / floor:>6.2f}" for m in medians))
    print(f"worst ratio {worst:.2f} (target <= {args.max_ratio}), {args.rounds} rounds")
    return 0 if worst <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
