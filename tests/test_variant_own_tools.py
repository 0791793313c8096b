"""Every variant passes its own tools in its own environment, made from its own pyproject.toml.

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
def test_own_tool_passes(
    synced_project: Path, project_env: dict[str, str], command: list[str]
) -> None:
    result = run([tool("uv"), "run", *command], cwd=synced_project, env=project_env)
    assert result.returncode == 0, explain(result)
