"""Median bake time of each variant through the cookiecutter CLI, as a ratio to the floor.

The floor is a one-file template baked by the same CLI in the same run, just before each
variant's bake, round after round: each variant's ratio is to the floor bakes taken beside it,
so that the machine's speed, which drifts over a run, is the same on both sides. Python
caches compiled modules, as on a user's machine, even where PYTHONDONTWRITEBYTECODE is set:
without the cache every bake compiles cookiecutter and Jinja again, which hides a template's
own cost behind a slower floor.

With --split, each variant is also baked with its hook off (``--accept-hooks no``): what
cookiecutter alone spends on this template (its questions, its files), so that the rest is
what the hook costs.

The bakes go to a folder under --work-dir: by default /dev/shm where it exists (memory, where
creating a file costs what it costs in a typical machine's page cache), else the temp dir. A
template's files must all be copied by cookiecutter, so a disk that is slow to create files
(about 1 ms a file on the CI machine's, against 0.05 in memory) adds to every variant and not
to the floor; the script prints that cost for the work dir it used.

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


def copy_seconds(root: Path, rounds: int = 5) -> tuple[int, float]:
    """How many files the project template holds, and the median seconds to copy them into
    ``root``: what every bake pays before any hook runs, as cookiecutter copies them all."""
    source = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
    files = sum(path.is_file() for path in source.rglob("*"))
    times = []
    for _ in range(rounds):
        target = root / "copy"
        start = time.perf_counter()
        shutil.copytree(source, target)
        times.append(time.perf_counter() - start)
        shutil.rmtree(target)
    return files, statistics.median(times)


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
MEMORY_DIR = Path("/dev/shm")  # noqa: S108 (the bakes go to a private mkdtemp folder in it)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="bakes per variant (default 9)")
    parser.add_argument("--max-ratio", type=float, default=1.5, help="target (default 1.5)")
    parser.add_argument("--split", action="store_true", help="also bake with the hook off")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=MEMORY_DIR if MEMORY_DIR.is_dir() else None,
        help=f"where to bake (default: {MEMORY_DIR} if it exists, else the temp dir)",
    )
    args = parser.parse_args()

    variants = {variant.id: variant.cli_answers for variant in all_variants()}
    runs = {name: [answers, *([[*answers, *NO_HOOKS]] if args.split else [])]
            for name, answers in variants.items()}  # fmt: skip
    with tempfile.TemporaryDirectory(dir=args.work_dir) as tmp:
        root = Path(tmp)
        work_dir = root.parent
        floor_template = make_floor_template(root)
        make_config(root)
        # For each variant, the floor's seconds beside it, then one list per set of answers.
        samples = {name: [[] for _ in range(1 + len(sets))] for name, sets in runs.items()}
        for _ in range(args.rounds):
            for name, answer_sets in runs.items():
                samples[name][0].append(bake_seconds(floor_template, [], root))
                for times, answers in zip(samples[name][1:], answer_sets, strict=True):
                    times.append(bake_seconds(TEMPLATE_DIR, answers, root))
        files, copying = copy_seconds(root)

    floor = statistics.median(seconds for times in samples.values() for seconds in times[0])
    split = f" {'no hooks':>9} {'ratio':>6}" if args.split else ""
    print(f"{'variant':<40} {'median s':>9} {'ratio':>6}{split}")
    print(f"{'one-file template (floor)':<40} {floor:>9.3f} {1:>6.2f}")
    ratios = []
    for name, (floor_times, *variant_times) in samples.items():
        beside = statistics.median(floor_times)
        medians = [statistics.median(times) for times in variant_times]
        ratios.append(medians[0] / beside)
        print(f"{name:<40}" + "".join(f" {m:>9.3f} {m / beside:>6.2f}" for m in medians))
    worst = max(ratios)
    print(
        f"median ratio {statistics.median(ratios):.2f}, worst {worst:.2f} "
        f"(target <= {args.max_ratio}), {args.rounds} rounds"
    )
    print(
        f"copying the template's {files} files in {work_dir}: {copying * 1000:.0f} ms "
        f"({copying / files * 1000:.2f} ms a file)"
    )
    return 0 if worst <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
