"""Every variant bakes clean: the right files, no leftovers, lint-clean as baked."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness import explain, load_hook, run, template_files, tool
from tests.variants import (
    COOKIECUTTER_JSON,
    DATABASES,
    LONGEST_ANSWERS,
    TEMPLATE_DIR,
    Variant,
    option_names,
)

post_gen = load_hook("post_gen_project")
# Where `{{` and `{%` belong in a baked project: the app's own Jinja/Django templates and
# GitHub's `${{ }}` expressions.
JINJA_ALLOWED = re.compile(r"(^|/)templates/|^\.github/workflows/")
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def baked_files(project: Path) -> set[str]:
    return {path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file()}


def test_files_are_exactly_those_the_table_keeps(project: Path, variant: Variant) -> None:
    slug = project.name
    answers = {"project_slug": "{slug}", **variant.context}
    kept = {
        post_gen.final_path(path).replace("{slug}", slug)
        for path in template_files()
        if post_gen.is_kept(path, answers)
    }
    written_by_the_hook = {post_gen.ENV_FILE, post_gen.REPLAY_FILE}
    assert baked_files(project) == kept | written_by_the_hook


def test_framework_files_are_in_place(project: Path, variant: Variant) -> None:
    slug = project.name
    expected = {
        "flask": [f"{slug}/__init__.py", "gunicorn.conf.py"],
        "fastapi": [f"{slug}/main.py", "gunicorn.conf.py"],
        "django": ["manage.py", "config/settings.py", f"{slug}/core/apps.py", "gunicorn.conf.py"],
        "streamlit": ["streamlit_app.py", f"{slug}/__main__.py"],
    }[variant.framework]
    for name in expected:
        assert (project / name).is_file(), f"{name} is missing"
    assert not (project / "_frameworks").exists()
    if not variant.is_web:
        assert not (project / "gunicorn.conf.py").exists()


def test_no_cookiecutter_leftovers(project: Path) -> None:
    # The saved answers are for cookiecutter's --replay-file, by design.
    for name in sorted(baked_files(project) - {post_gen.REPLAY_FILE}):
        assert "{{" not in name
        assert "{%" not in name
        assert "cookiecutter" not in name
        text = (project / name).read_text(encoding="utf-8")
        assert "cookiecutter" not in text.lower(), f"{name} mentions cookiecutter"
        if not JINJA_ALLOWED.search(name):
            assert "{{" not in text, f"{name} has an unrendered {{{{"
            assert "{%" not in text, f"{name} has an unrendered {{%"


def test_no_empty_files(project: Path) -> None:
    empty = [name for name in baked_files(project) if not (project / name).read_text().strip()]
    assert empty == []


def test_ruff_passes_as_baked(project: Path) -> None:
    for args in (["check"], ["format", "--check"]):
        result = run([tool("ruff"), *args, "--no-cache", "."], cwd=project)
        assert result.returncode == 0, explain(result)


def test_dockerfile_passes_hadolint(project: Path) -> None:
    result = run([tool("hadolint"), "Dockerfile"], cwd=project)
    assert result.returncode == 0, explain(result)


def test_config_files_match_their_schemas(project: Path) -> None:
    schemas = {
        ".github/workflows/ci.yml": "vendor.github-workflows",
        "compose.yaml": "vendor.compose-spec",
    }
    for name, schema in schemas.items():
        result = run([tool("check-jsonschema"), "--builtin-schema", schema, name], cwd=project)
        assert result.returncode == 0, explain(result)
    result = run([tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=project)
    assert result.returncode == 0, explain(result)


def test_pyproject_targets_the_chosen_python(project: Path, variant: Variant) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == project.name.replace("_", "-")
    assert pyproject["project"]["requires-python"] == f">={variant.python_version}"
    assert "build-system" not in pyproject
    assert {"pytest", "ruff", "mypy"} <= {
        re.split(r"[<>=\[ ;]", dep)[0] for dep in pyproject["dependency-groups"]["dev"]
    }
    python_pin = (project / ".python-version").read_text(encoding="utf-8").strip()
    assert python_pin == variant.python_version
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert f"ARG PYTHON_VERSION={variant.python_version}\n" in dockerfile


def test_secrets_are_generated_and_ignored(project: Path) -> None:
    placeholder = re.compile(r"^\w+=change-me$", flags=re.MULTILINE)
    assert placeholder.search((project / ".env.example").read_text(encoding="utf-8"))
    env = (project / ".env").read_text(encoding="utf-8")
    assert re.search(r"^SECRET_KEY=\S{32,}$", env, flags=re.MULTILINE)
    assert not placeholder.search(env)
    assert ".env" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in (project / ".dockerignore").read_text(encoding="utf-8").splitlines()


def heading_anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_readme_has_the_two_commands_and_no_dead_links(project: Path, variant: Variant) -> None:
    readme = (project / "README.md").read_text(encoding="utf-8")
    run_command = post_gen.RUN_COMMANDS[variant.framework].format(slug=project.name)
    assert run_command in readme
    assert post_gen.TEST_COMMAND in readme
    anchors = {
        heading_anchor(line.lstrip("#")) for line in readme.splitlines() if line.startswith("#")
    }
    for target in MARKDOWN_LINK.findall(readme):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        if target.startswith("#"):
            assert target[1:] in anchors, f"README links to missing heading {target}"
        else:
            assert (project / target.split("#")[0]).exists(), f"README links to missing {target}"


@pytest.mark.variants(lambda variant: not variant.has_database)
def test_database_answer_changes_nothing_without_a_database(
    project: Path, variant: Variant, cookies: Any
) -> None:
    database = next(name for name in DATABASES if name != variant.database)
    context = {**variant.context, "database": database}
    result = cookies.bake(extra_context=context, template=str(TEMPLATE_DIR))
    assert result.exit_code == 0, result.exception
    other = result.project_path
    differ = {post_gen.ENV_FILE, post_gen.REPLAY_FILE}
    assert baked_files(other) == baked_files(project)
    for name in sorted(baked_files(project) - differ):
        assert (other / name).read_bytes() == (project / name).read_bytes(), f"{name} differs"


@pytest.mark.parametrize("options_on", [True, False], ids=["all-options", "no-options"])
@pytest.mark.parametrize("framework", COOKIECUTTER_JSON["framework"])
def test_longest_answers_bake_clean(
    framework: str,
    options_on: bool,  # noqa: FBT001 (a parameter of the test)
    cookies: Any,
) -> None:
    """The longest and oddest answers still give a project that is lint-clean as baked, and
    whose TOML and YAML files hold them (the slug's length moves every line it is on)."""
    limits = {**post_gen.MAX_TEXT_LENGTH, "project_slug": post_gen.MAX_SLUG_LENGTH}
    assert {name: len(LONGEST_ANSWERS[name]) for name in limits} == limits
    options = dict.fromkeys(option_names(), options_on)
    context = {**LONGEST_ANSWERS, **options, "framework": framework, "database": "postgresql"}
    defaults = {key: value for key, value in COOKIECUTTER_JSON.items() if key in post_gen.CHECKS}
    assert post_gen.validate({**defaults, "python_version": "3.11", **context}) == []
    result = cookies.bake(extra_context=context, template=str(TEMPLATE_DIR))
    assert result.exit_code == 0, result.exception
    project = result.project_path
    for args in (["check"], ["format", "--check"]):
        checked = run([tool("ruff"), *args, "--no-cache", "."], cwd=project)
        assert checked.returncode == 0, explain(checked)
    for path in project.rglob("*.toml"):
        tomllib.loads(path.read_text(encoding="utf-8"))
    for path in [*project.rglob("*.yaml"), *project.rglob("*.yml")]:
        list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == LONGEST_ANSWERS["description"]
    assert pyproject["project"]["authors"] == [
        {"name": LONGEST_ANSWERS["author_name"], "email": LONGEST_ANSWERS["email"]}
    ]
    assert LONGEST_ANSWERS["project_name"] in (project / "README.md").read_text(encoding="utf-8")
