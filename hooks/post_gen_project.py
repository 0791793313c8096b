"""Trim the baked project to the chosen framework and options.

KEEP_WHEN is the one table that owns every path of the template: each path (a file or a
folder, relative to the project root, the package folder written ``{slug}``) maps to the
condition on the answers that keeps it. A path is kept when its own condition and those of all
its listed ancestors hold. The hook deletes what the answers do not keep, moves the chosen
framework's folder ``_frameworks/<framework>/`` into the project root, removes empty folders and
writes a ``.env`` with fresh secrets.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

# Rendered by cookiecutter; a raw string so that any answer stays valid JSON and valid Python.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

Answers = Mapping[str, object]
Condition = Callable[[Answers], bool]

FRAMEWORKS_DIR = "_frameworks"
ENV_EXAMPLE = ".env.example"
ENV_FILE = ".env"
SECRET_PLACEHOLDER = "change-me"  # noqa: S105 (the placeholder, not a secret)


def always(_: Answers) -> bool:
    """Keep the path in every variant."""
    return True


def framework_is(*names: str) -> Condition:
    """Keep the path when the chosen framework is one of ``names``."""

    def condition(answers: Answers) -> bool:
        return answers["framework"] in names

    condition.__name__ = f"framework_is({', '.join(names)})"
    return condition


KEEP_WHEN: dict[str, Condition] = {
    # common to every variant
    ".dockerignore": always,
    ".editorconfig": always,
    ".github": always,
    ".gitignore": always,
    ".pre-commit-config.yaml": always,
    ".python-version": always,
    "Dockerfile": always,
    "compose.yaml": always,
    # served by gunicorn
    "gunicorn.conf.py": framework_is("flask", "fastapi", "django"),
    # one folder per framework, promoted into the project root
    f"{FRAMEWORKS_DIR}/flask": framework_is("flask"),
    f"{FRAMEWORKS_DIR}/fastapi": framework_is("fastapi"),
    f"{FRAMEWORKS_DIR}/django": framework_is("django"),
    f"{FRAMEWORKS_DIR}/streamlit": framework_is("streamlit"),
}


class HookError(Exception):
    """A problem the hook reports as one ERROR line."""


def table_paths(slug: str) -> dict[str, Condition]:
    """Return KEEP_WHEN with ``{slug}`` replaced by the package name."""
    return {path.replace("{slug}", slug): condition for path, condition in KEEP_WHEN.items()}


def is_kept(path: str, answers: Answers) -> bool:
    """Return whether the template path (relative, ``/``-separated) survives the trim.

    Raises HookError for a path that no table entry claims.
    """
    table = table_paths(str(answers["project_slug"]))
    pure = PurePosixPath(path)
    owners = [str(p) for p in (pure, *pure.parents) if str(p) in table]
    if not owners:
        msg = f"{path}: no entry in KEEP_WHEN owns this path"
        raise HookError(msg)
    return all(table[owner](answers) for owner in owners)


def final_path(path: str) -> str:
    """Return where a kept template path ends up once its framework folder is promoted."""
    parts = PurePosixPath(path).parts
    if parts[:1] == (FRAMEWORKS_DIR,):
        return str(PurePosixPath(*parts[2:]))
    return path


def trim(root: Path, answers: Answers) -> None:
    """Delete every table path whose condition does not hold."""
    for path, condition in table_paths(str(answers["project_slug"])).items():
        target = root / path
        if condition(answers) or not target.exists():
            continue
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()


def merge_into(source: Path, destination: Path) -> None:
    """Move the tree ``source`` into ``destination``, refusing to overwrite a file."""
    for item in sorted(source.iterdir()):
        target = destination / item.name
        if item.is_dir() and target.is_dir():
            merge_into(item, target)
        elif target.exists():
            msg = f"{target}: both the framework folder and the common files provide it"
            raise HookError(msg)
        else:
            item.rename(target)
    source.rmdir()


def promote_framework(root: Path, framework: str) -> None:
    """Move ``_frameworks/<framework>/`` into the project root and drop ``_frameworks/``."""
    frameworks = root / FRAMEWORKS_DIR
    merge_into(frameworks / framework, root)
    frameworks.rmdir()


def remove_empty_dirs(root: Path) -> None:
    """Remove folders left empty by the trim, deepest first."""
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def write_env(root: Path) -> None:
    """Write ``.env`` from ``.env.example``, each placeholder secret replaced by a fresh one.

    ``.env`` is git-ignored, so the secrets never reach version control.
    """
    example = root / ENV_EXAMPLE
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        is_placeholder = sep and not key.startswith("#") and value == SECRET_PLACEHOLDER
        lines.append(f"{key}={secrets.token_urlsafe(48)}" if is_placeholder else line)
    env_file = root / ENV_FILE
    env_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env_file.chmod(0o600)


def bake(root: Path, answers: Answers) -> None:
    """Turn the freshly rendered tree at ``root`` into the chosen variant."""
    trim(root, answers)
    promote_framework(root, str(answers["framework"]))
    remove_empty_dirs(root)
    write_env(root)


def main() -> int:
    try:
        bake(Path.cwd(), json.loads(ANSWERS_JSON))
    except (HookError, OSError) as error:
        print(f"ERROR: post-generation: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
