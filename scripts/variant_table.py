"""The README's table of what each variant contains: ``uv run python -m scripts.variant_table``.

Bakes each framework bare and with each option alone, and prints, as a Markdown table, the
runtime dependencies of the bare project and those each option adds, with the number of files,
and the dependencies that PostgreSQL brings instead of SQLite's.
The template's tests check that the README holds the table this prints.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from tests.variants import (
    COOKIECUTTER_JSON,
    DEFAULT_DATABASE,
    TEMPLATE_DIR,
    Variant,
    option_names,
)

# What ends the name in a requirement such as "uvicorn[standard]>=0.30".
REQUIREMENT_NAME = re.compile(r"[\[<>=!~;\s]")
COOKIECUTTER = str(Path(sys.executable).parent / "cookiecutter")
OPTION_TITLES = {"auth": "+ `auth`", "forms": "+ `forms`", "ml_model": "+ `ml_model`"}
# Its row: what `database=postgresql` changes where there is a database (Django; else with auth).
DATABASE_TITLE = "`database=postgresql`"


def bake(output: Path, framework: str, database: str = DEFAULT_DATABASE, **on: bool) -> Path:
    options = tuple((name, on.get(name, False)) for name in option_names())
    variant = Variant(framework, options, database=database)
    command = [COOKIECUTTER, "--no-input", "-o", str(output), str(TEMPLATE_DIR)]
    subprocess.run([*command, *variant.cli_answers], check=True, capture_output=True)
    (project,) = output.iterdir()
    return project


def contents(project: Path) -> tuple[set[str], int]:
    """The project's runtime dependency names and its number of files."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    names = set()
    for requirement in pyproject["project"]["dependencies"]:
        names.add(REQUIREMENT_NAME.split(requirement, maxsplit=1)[0].lower())
    files = sum(1 for path in project.rglob("*") if path.is_file())
    return names, files


def cell(dependencies: set[str], files: int) -> str:
    listed = ", ".join(sorted(dependencies)) if dependencies else "no new dependency"
    return f"{listed} ({files:+d} files)" if files else listed


def database_cell(root: Path, framework: str) -> str:
    """What PostgreSQL changes, on the smallest variant with a database."""
    options = {} if framework == "django" else {"auth": True}
    sqlite, _ = contents(bake(root / "sqlite", framework, **options))
    postgresql, _ = contents(bake(root / "postgresql", framework, database="postgresql", **options))
    added = ", ".join(sorted(postgresql - sqlite))
    removed = ", ".join(sorted(sqlite - postgresql))
    return f"{added} instead of {removed}" if removed else added


def table() -> str:
    frameworks: list[str] = COOKIECUTTER_JSON["framework"]
    rows: dict[str, list[str]] = {"Bare": []}
    rows.update({OPTION_TITLES.get(name, f"+ `{name}`"): [] for name in option_names()})
    rows[DATABASE_TITLE] = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for framework in frameworks:
            bare_deps, bare_files = contents(bake(root / framework / "bare", framework))
            rows["Bare"].append(f"{', '.join(sorted(bare_deps))} ({bare_files} files)")
            for name in option_names():
                deps, files = contents(bake(root / framework / name, framework, **{name: True}))
                rows[OPTION_TITLES.get(name, f"+ `{name}`")].append(
                    cell(deps - bare_deps, files - bare_files)
                )
            rows[DATABASE_TITLE].append(database_cell(root / framework, framework))
    header = ["", *(name.capitalize() if name != "fastapi" else "FastAPI" for name in frameworks)]
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += ["| " + " | ".join([title, *cells]) + " |" for title, cells in rows.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
    sys.exit(0)
