"""Every variant passes its own tools in its own environment, made from its own pyproject.toml,
in a copy without the git-ignored .env: as its own CI workflow runs them.

A dependency the code imports but pyproject.toml does not declare fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import explain, run, tool


@pytest.mark.parametrize(
    "command",
    [
        ["pytest", "-p", "no:cacheprovider"],
        ["mypy"],
        ["ruff", "check", "--no-cache"],
        ["deptry", "."],
    ],
    ids=["pytest", "mypy", "ruff", "deptry"],
)
def test_own_tool_passes(checkout: Path, project_env: dict[str, str], command: list[str]) -> None:
    result = run([tool("uv"), "run", "--locked", *command], cwd=checkout, env=project_env)
    assert result.returncode == 0, explain(result)
