"""The hook rejects bad answers with one clear line, before it changes anything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness import load_hook, run, tool
from tests.variants import TEMPLATE_DIR

hook = load_hook("post_gen_project")

GOOD = {
    "project_name": "My Service",
    "project_slug": "my_service",
    "description": "A Python web service.",
    "author_name": "Your Name",
    "email": "you@example.com",
    "python_version": "3.11",
    "framework": "flask",
    "auth": False,
    "forms": False,
    "ml_model": False,
    "database": "sqlite",
}


def errors_for(**changes: object) -> list[str]:
    return hook.validate({**GOOD, **changes})


def test_defaults_of_cookiecutter_json_are_valid() -> None:
    answers = json.loads((TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8"))
    answers = {
        key: value[0] if isinstance(value, list) else value for key, value in answers.items()
    }
    answers["project_slug"] = "my_service"
    assert hook.validate(answers) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"project_name": "Café Déjà-Vu: l'API #1"},
        {"project_slug": "a"},
        {"project_slug": "service2"},
        {"project_slug": "my_great_service_with_a_long_name"},
        {"description": "Predicts things; fast, safe & small (v2)."},
        {"author_name": "Zoë O'Brien"},
        {"email": "first.last+tag@sub.example.co.uk"},
        {"python_version": "3.13"},
        {"framework": "streamlit"},
        {"database": "postgresql"},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_accepts_good_edge_cases(changes: dict[str, object]) -> None:
    assert errors_for(**changes) == []


BAD_INPUTS = [
    ("project_name", ""),
    ("project_name", "   "),
    ("project_name", "Two\nlines"),
    ("project_name", 'The "best" service'),
    ("project_name", "x" * 81),
    ("project_slug", ""),
    ("project_slug", "My-Service"),
    ("project_slug", "2fast"),
    ("project_slug", "_private"),
    ("project_slug", "trailing_"),
    ("project_slug", "my service"),
    ("project_slug", "café"),
    ("project_slug", "class"),
    ("project_slug", "match"),
    ("project_slug", "json"),
    ("project_slug", "test"),
    ("project_slug", "flask"),
    ("project_slug", "django"),
    ("project_slug", "config"),
    ("project_slug", "a" * 41),
    ("description", ""),
    ("description", "back\\slash"),
    ("description", " padded "),
    ("author_name", ""),
    ("author_name", "Tab\there"),
    ("email", ""),
    ("email", "not-an-email"),
    ("email", "two@@example.com"),
    ("email", "me@localhost"),
    ("email", "me @example.com"),
    ("python_version", "3.9"),
    ("python_version", "3.14"),
    ("python_version", 3.11),
    ("framework", "bottle"),
    ("framework", "Flask"),
    ("auth", "maybe"),
    ("auth", "yes"),
    ("forms", None),
    ("ml_model", 1),
    ("database", "mysql"),
    ("database", "PostgreSQL"),
]


@pytest.mark.parametrize(
    ("field", "value"), BAD_INPUTS, ids=[f"{field}={value!r}" for field, value in BAD_INPUTS]
)
def test_rejects_bad_input_naming_the_field(field: str, value: object) -> None:
    errors = errors_for(**{field: value})
    assert len(errors) == 1, errors
    name, _, problem = errors[0].partition(": ")
    assert name == field
    assert ";" in problem, f"the message should say what to do: {problem}"


def test_reports_every_bad_field_in_question_order() -> None:
    errors = errors_for(project_slug="import", email="nope", framework="tornado")
    assert [error.partition(":")[0] for error in errors] == ["project_slug", "email", "framework"]


def test_every_question_is_checked() -> None:
    questions = json.loads((TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8"))
    public = {key for key in questions if not key.startswith("_")}
    assert set(hook.CHECKS) == public


def test_the_hook_changes_nothing_when_an_answer_is_bad(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "_frameworks" / "django").mkdir(parents=True)
    (tmp_path / ".env.example").write_text("SECRET_KEY=change-me\n", encoding="utf-8")
    before = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*"))
    monkeypatch.setattr(hook, "ANSWERS_JSON", json.dumps({**GOOD, "email": "nobody"}))
    monkeypatch.chdir(tmp_path)

    assert hook.main() == 1

    assert capsys.readouterr().err.splitlines() == [
        "ERROR: email: 'nobody' is not an email address; use the form name@example.com"
    ]
    assert sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*")) == before


def bake_cli(tmp_path: Path, *answers: str) -> Any:
    return run(
        [tool("cookiecutter"), "--no-input", str(TEMPLATE_DIR), "-o", str(tmp_path), *answers],
        cwd=tmp_path,
    )


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (["project_slug=class"], "ERROR: project_slug: 'class' is a Python keyword"),
        (['project_name=Two Quotes ""'], 'ERROR: project_name: contains " or \\'),
        (["email=nobody"], "ERROR: email: 'nobody' is not an email address"),
        (["project_name=123 Go"], "ERROR: project_slug: '123_go' is not a lowercase Python"),
    ],
    ids=["keyword-slug", "quote-in-name", "bad-email", "derived-slug-starts-with-digit"],
)
def test_cli_rejects_with_one_line_and_leaves_no_directory(
    tmp_path: Path, answers: list[str], expected: str
) -> None:
    result = bake_cli(tmp_path, *answers)
    assert result.returncode == 1, result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("ERROR:")]
    assert len(error_lines) == 1, result.stderr
    assert error_lines[0].startswith(expected)
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_replayed_answers_are_validated_too(tmp_path: Path) -> None:
    """A replay file skips cookiecutter's own choice checks; the hook still catches them."""
    replay = tmp_path / "replay.json"
    context = {**GOOD, "python_version": "3.9", "project_slug": "replayed"}
    replay.write_text(json.dumps({"cookiecutter": context}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        [tool("cookiecutter"), str(TEMPLATE_DIR), "--replay-file", str(replay), "-o", str(out)],
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "ERROR: python_version: '3.9' is not supported" in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Café Déjà-Vu!", "cafe_deja_vu"),
        ("Über  API -- v2", "uber_api_v2"),
        ("Zoë's Tool: Ⅲ", "zoe_s_tool_iii"),
    ],
)
def test_slug_is_derived_from_any_name(cookies: Any, name: str, slug: str) -> None:
    result = cookies.bake(extra_context={"project_name": name}, template=str(TEMPLATE_DIR))
    assert result.exit_code == 0, result.exception
    assert result.project_path.name == slug
    assert (result.project_path / slug).is_dir()
