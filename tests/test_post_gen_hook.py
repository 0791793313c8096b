"""The ownership table claims every template file; the hook trims, promotes and writes secrets."""

from __future__ import annotations

import itertools
import json
import shutil
import stat
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from cookiecutter.environment import StrictEnvironment
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined

from tests.harness import PROJECT_TEMPLATE, SLUG_DIR, load_hook, template_files
from tests.variants import (
    COOKIECUTTER_JSON,
    LONGEST_ANSWERS,
    TEMPLATE_DIR,
    all_variants,
    option_names,
)

post_gen = load_hook("post_gen_project")
SLUG = "{slug}"
FRAMEWORKS: list[str] = COOKIECUTTER_JSON["framework"]


def answers(framework: str = "flask", **options: bool) -> dict[str, object]:
    return {
        "framework": framework,
        "project_slug": "pkg",
        "_copy_without_render": COOKIECUTTER_JSON["_copy_without_render"],
        **options,
    }


def test_every_template_file_is_claimed_by_the_table() -> None:
    files = template_files()
    assert files, "the project template is empty"
    sample = {"project_slug": SLUG, **all_variants()[0].context}
    for path in files:
        post_gen.is_kept(path, sample)  # raises HookError for an unclaimed path


def test_every_table_entry_exists_in_the_template() -> None:
    for path in post_gen.KEEP_WHEN:
        template_path = PROJECT_TEMPLATE / path.replace(SLUG, "{{cookiecutter.project_slug}}")
        assert template_path.exists(), f"KEEP_WHEN lists {path}, which the template lacks"


def test_every_framework_choice_has_a_folder() -> None:
    for variant in all_variants():
        folder = PROJECT_TEMPLATE / post_gen.FRAMEWORKS_DIR / variant.framework
        assert folder.is_dir(), f"no folder for {variant.framework}"


def test_unclaimed_path_is_an_error() -> None:
    with pytest.raises(post_gen.HookError, match="no entry in KEEP_WHEN"):
        post_gen.is_kept("stray.txt", answers())


def test_a_path_needs_its_ancestors_conditions(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {
        "_frameworks/flask": post_gen.framework_is("flask"),
        "_frameworks/flask/extra": lambda a: bool(a.get("extra")),
    }
    monkeypatch.setattr(post_gen, "KEEP_WHEN", table)
    assert post_gen.is_kept("_frameworks/flask/extra/file.py", answers(extra=True))
    assert not post_gen.is_kept("_frameworks/flask/extra/file.py", answers())
    assert not post_gen.is_kept("_frameworks/flask/extra/file.py", answers("django", extra=True))
    assert post_gen.is_kept("_frameworks/flask/app.py", answers())


def test_all_of_needs_every_condition() -> None:
    condition = post_gen.all_of(post_gen.option("auth"), post_gen.framework_is("flask"))
    assert condition(answers(auth=True))
    assert not condition(answers(auth=False))
    assert not condition(answers("django", auth=True))
    assert condition.__name__ == "option(auth) and framework_is(flask)"


def test_final_path_strips_the_framework_folder() -> None:
    assert post_gen.final_path("_frameworks/django/config/urls.py") == "config/urls.py"
    assert post_gen.final_path("Dockerfile") == "Dockerfile"


def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def tree(root: Path) -> dict[str, str]:
    return {
        PurePosixPath(path.relative_to(root)).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_bake_keeps_one_framework_and_promotes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = {
        "common.txt": post_gen.always,
        "{slug}": post_gen.always,
        "_frameworks/flask": post_gen.framework_is("flask"),
        "_frameworks/flask/{slug}/extra.py": post_gen.option("extra"),
        "_frameworks/django": post_gen.framework_is("django"),
    }
    monkeypatch.setattr(post_gen, "KEEP_WHEN", table)
    make_tree(
        tmp_path,
        {
            "common.txt": "shared by {{ cookiecutter.framework }}",
            "{{cookiecutter.project_slug}}/core.py": "import {{ cookiecutter.project_slug }}.app\n",
            "_frameworks/flask/.env.example": "# comment\nSECRET_KEY=change-me\nLOG_LEVEL=INFO",
            "_frameworks/flask/{{cookiecutter.project_slug}}/app.py": (
                "import {{ cookiecutter.project_slug }}\n{% if cookiecutter.extra %}x{% endif %}"
            ),
            "_frameworks/flask/{{cookiecutter.project_slug}}/names.py": (
                "{{ cookiecutter.project_slug }}, {{cookiecutter.framework}}\n"
            ),
            "_frameworks/flask/{{cookiecutter.project_slug}}/templates/page.html": "{{ title }}",
            "_frameworks/flask/{{cookiecutter.project_slug}}/logo.bin": "",
            # Not kept, so never rendered: rendering them would fail.
            "_frameworks/flask/{{cookiecutter.project_slug}}/extra.py": "{{ cookiecutter.nope }}",
            "_frameworks/django/{{cookiecutter.project_slug}}/settings.py": "{{ nope }}",
            "_frameworks/django/manage.py": "django",
        },
    )
    binary = bytes(range(256))  # not UTF-8: copied as it is, like cookiecutter does
    (tmp_path / "_frameworks/flask/{{cookiecutter.project_slug}}/logo.bin").write_bytes(binary)
    post_gen.bake(tmp_path, answers("flask", extra=False))
    assert (tmp_path / "pkg/logo.bin").read_bytes() == binary
    (tmp_path / "pkg/logo.bin").unlink()
    files = tree(tmp_path)
    assert set(files) == {
        "common.txt",
        "pkg/core.py",
        ".env.example",
        ".env",
        post_gen.REPLAY_FILE,
        "pkg/app.py",
        "pkg/names.py",
        "pkg/templates/page.html",
    }
    assert files["common.txt"] == "shared by flask"
    assert files["pkg/core.py"] == "import pkg.app\n"
    assert files["pkg/app.py"] == "import pkg\n"
    assert files["pkg/names.py"] == "pkg, flask\n"
    assert files["pkg/templates/page.html"] == "{{ title }}"  # the app's own template, as is
    assert not (tmp_path / "_frameworks").exists()
    env_lines = files[".env"].splitlines()
    assert env_lines[0] == "# comment"
    assert env_lines[2] == "LOG_LEVEL=INFO"
    key, _, secret = env_lines[1].partition("=")
    assert key == "SECRET_KEY"
    assert len(secret) >= 32
    assert secret != post_gen.SECRET_PLACEHOLDER
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600


@pytest.mark.parametrize("source", ["{{ oops", "{{ cookiecutter.nope }}", "{{ nope }}"])
def test_a_template_error_in_a_framework_file_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    monkeypatch.setattr(post_gen, "KEEP_WHEN", {"_frameworks/flask": post_gen.always})
    make_tree(tmp_path, {"_frameworks/flask/{{cookiecutter.project_slug}}/app.py": source})
    with pytest.raises(post_gen.HookError, match=r"_frameworks/flask/pkg/app\.py"):
        post_gen.bake(tmp_path, answers("flask"))


def test_secrets_differ_between_bakes(tmp_path: Path) -> None:
    secrets = set()
    for name in ("one", "two"):
        root = tmp_path / name
        make_tree(root, {".env.example": "SECRET_KEY=change-me\nOTHER_KEY=change-me"})
        post_gen.write_env(root)
        secrets.update(line.partition("=")[2] for line in tree(root)[".env"].splitlines())
    assert len(secrets) == 4


def test_placeholder_in_a_comment_is_left_alone(tmp_path: Path) -> None:
    make_tree(tmp_path, {".env.example": "#SECRET_KEY=change-me\nNAME=change-me-not"})
    post_gen.write_env(tmp_path)
    assert tree(tmp_path)[".env"] == "#SECRET_KEY=change-me\nNAME=change-me-not\n"


def test_a_value_can_reuse_an_earlier_secret(tmp_path: Path) -> None:
    example = (
        "POSTGRES_PASSWORD=change-me\nDATABASE_URL=postgresql://app:${POSTGRES_PASSWORD}@db/app"
    )
    make_tree(tmp_path, {".env.example": example})
    post_gen.write_env(tmp_path)
    password_line, url_line = tree(tmp_path)[".env"].splitlines()
    password = password_line.partition("=")[2]
    assert password != post_gen.SECRET_PLACEHOLDER
    assert url_line == f"DATABASE_URL=postgresql://app:{password}@db/app"


def test_a_reference_to_an_unknown_name_is_an_error(tmp_path: Path) -> None:
    make_tree(tmp_path, {".env.example": "URL=postgresql://app:${NOWHERE}@db/app"})
    with pytest.raises(post_gen.HookError, match="NOWHERE"):
        post_gen.write_env(tmp_path)


def test_promotion_refuses_to_overwrite(tmp_path: Path) -> None:
    make_tree(tmp_path, {"README.md": "common", "_frameworks/flask/README.md": "flask"})
    with pytest.raises(post_gen.HookError, match=r"README\.md"):
        post_gen.promote_framework(tmp_path, "flask")


def test_empty_folders_are_removed(tmp_path: Path) -> None:
    make_tree(tmp_path, {"keep/file.txt": "x"})
    (tmp_path / "empty" / "nested").mkdir(parents=True)
    post_gen.remove_empty_dirs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep"]


SUMMARY_ANSWERS = {
    "project_slug": "shop",
    "framework": "fastapi",
    "python_version": "3.12",
    "auth": True,
    "forms": False,
    "ml_model": True,
    "database": "sqlite",
}


def test_summary_gives_the_next_commands_without_colour(tmp_path: Path) -> None:
    text = post_gen.summary(tmp_path / "shop", SUMMARY_ANSWERS, color=False)
    assert "\033[" not in text
    assert "FastAPI, with sign-up and sign-in, an ML model, on Python 3.12" in text
    commands = [line.split("#")[0].strip() for line in text.splitlines() if "#" in line]
    assert commands == ["uv run uvicorn shop.main:app --reload", "uv run pytest"]
    assert "docker compose" not in text


def test_summary_has_colour_only_when_asked(tmp_path: Path) -> None:
    assert "\033[1m" in post_gen.summary(tmp_path / "shop", SUMMARY_ANSWERS, color=True)


@pytest.mark.parametrize(
    ("changes", "steps"),
    [
        ({"database": "postgresql"}, post_gen.DATABASE_STEP),
        ({"database": "postgresql", "auth": False}, []),
        ({"database": "postgresql", "auth": False, "framework": "django"}, post_gen.DATABASE_STEP),
    ],
    ids=["with-a-database", "without-a-database", "django"],
)
def test_summary_starts_postgresql_first_where_the_variant_uses_it(
    tmp_path: Path, changes: dict[str, object], steps: list[str]
) -> None:
    text = post_gen.summary(tmp_path / "shop", {**SUMMARY_ANSWERS, **changes}, color=False)
    lines = text.splitlines()
    assert [line for line in lines if "docker compose" in line] == steps
    run_line = next(index for index, line in enumerate(lines) if line.endswith("# run the app"))
    assert all(lines.index(step) < run_line for step in steps)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_hook_renders_the_framework_as_cookiecutter_would(
    cookies: Any, tmp_path: Path, framework: str
) -> None:
    """Cookiecutter copies every file as it is and the hook renders what it keeps: the result is
    byte for byte what cookiecutter gives when it renders every file itself (but APP_FILES)."""
    rendering_all = tmp_path / "template"
    rendering_all.mkdir()
    for name in ("cookiecutter.json", "hooks", SLUG_DIR):
        copy = shutil.copytree if (TEMPLATE_DIR / name).is_dir() else shutil.copy2
        copy(TEMPLATE_DIR / name, rendering_all / name)
    config = json.loads((rendering_all / "cookiecutter.json").read_text(encoding="utf-8"))
    config["_copy_without_render"] = list(post_gen.APP_FILES)
    (rendering_all / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")

    context = {"framework": framework, "database": "postgresql"}
    context |= dict.fromkeys(option_names(), True)
    baked = [
        cookies.bake(extra_context=context, template=str(template))
        for template in (TEMPLATE_DIR, rendering_all)
    ]
    for result in baked:
        assert result.exit_code == 0, result.exception
    by_hook, by_cookiecutter = (tree(result.project_path) for result in baked)
    del by_hook[post_gen.ENV_FILE], by_cookiecutter[post_gen.ENV_FILE]  # fresh secrets
    assert by_hook == by_cookiecutter


# Rendering without Jinja (post_gen.render_directly) must give what Jinja gives, byte for byte.


# Jinja as cookiecutter sets it up, without cookiecutter's extensions.
JINJA = Environment(undefined=StrictUndefined, keep_trailing_newline=True)  # noqa: S701 (not HTML)


def jinja_render(text: str, answers: dict[str, object]) -> str:
    """What cookiecutter's Jinja makes of the text."""
    return JINJA.from_string(text).render(cookiecutter=answers)


def hook_rendered_files(framework: str) -> list[Path]:
    """The files whose contents the post-generation hook renders for the framework: the
    framework's own, and the common files."""
    others = [PROJECT_TEMPLATE / post_gen.FRAMEWORKS_DIR / name for name in FRAMEWORKS]
    others.remove(PROJECT_TEMPLATE / post_gen.FRAMEWORKS_DIR / framework)
    return [
        path
        for path in sorted(PROJECT_TEMPLATE.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and not any(path.is_relative_to(other) for other in others)
        and post_gen.rendered_here(path.relative_to(PROJECT_TEMPLATE).as_posix(), answers())
    ]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_framework_file_renders_without_jinja_as_jinja_would(framework: str) -> None:
    """Each file, for every combination of the answers that it may test: Jinja is never
    imported by a bake (it would cost more than the rest of the hook), and nothing differs."""
    combinations = itertools.product(
        itertools.product((False, True), repeat=len(option_names())),
        COOKIECUTTER_JSON["database"],
        COOKIECUTTER_JSON["python_version"],
    )
    answer_sets = [
        {
            **LONGEST_ANSWERS,
            **dict(zip(option_names(), options, strict=True)),
            "framework": framework,
            "database": database,
            "python_version": python_version,
        }
        for options, database, python_version in combinations
    ]
    files = hook_rendered_files(framework)
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        template = JINJA.from_string(text)
        for each in answer_sets:
            rendered = post_gen.render_directly(text, each)
            assert rendered == template.render(cookiecutter=each), f"{path} with {each}"


def tag(kind: str, content: str) -> st.SearchStrategy[str]:
    """A statement ("%") or expression ("{") tag, with or without whitespace control."""
    close = "}" if kind == "{" else "%"
    return st.tuples(st.sampled_from(["", "-"]), st.sampled_from(["", "-"])).map(
        lambda dashes: f"{{{kind}{dashes[0]} {content} {dashes[1]}{close}}}"
    )


ATOMS = [
    "cookiecutter.auth",
    "cookiecutter.forms",
    'cookiecutter.database == "postgresql"',
    'cookiecutter.framework != "django"',
    'cookiecutter.framework in ("flask", "django")',
    "cookiecutter.database not in ['sqlite']",
    "flag",
]
conditions = st.recursive(
    st.sampled_from(ATOMS),
    lambda inner: st.one_of(
        inner.map(lambda condition: f"not {condition}"),
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
            lambda parts: f"({' '.join(parts)})"
        ),
    ),
    max_leaves=4,
)
values = st.sampled_from(
    [
        "cookiecutter.project_slug",
        "cookiecutter.auth",
        "flag",
        "cookiecutter.project_slug|replace('_', '-')",
        "cookiecutter.description|wordwrap(12)",
        '"on" if cookiecutter.forms else "off"',
        "cookiecutter.auth and cookiecutter.project_name",
        "cookiecutter.forms or cookiecutter.database",
    ]
)
texts = st.text(alphabet=" \n\tab-.}", max_size=6)


@st.composite
def templates(draw: st.DrawFn, depth: int = 0) -> str:
    """Text, raw blocks, expressions and nested if/elif/else blocks, in any order."""
    kinds = ["text", "raw", "value", "if"] if depth < 3 else ["text", "value"]
    parts = []
    for kind in draw(st.lists(st.sampled_from(kinds), max_size=4)):
        if kind == "text":
            parts.append(draw(texts))
        elif kind == "raw":
            parts.append("{% raw %} ${{ github.ref }}{% if x %}{% endraw %}")
        elif kind == "value":
            parts.append(draw(values.flatmap(lambda value: tag("{", value))))
        else:
            parts.append(draw(conditions.flatmap(lambda condition: tag("%", f"if {condition}"))))
            parts.append(draw(templates(depth + 1)))
            for _ in range(draw(st.integers(0, 2))):
                parts.append(draw(conditions.flatmap(lambda c: tag("%", f"elif {c}"))))
                parts.append(draw(templates(depth + 1)))
            if draw(st.booleans()):
                parts.append(draw(tag("%", "else")))
                parts.append(draw(templates(depth + 1)))
            parts.append(draw(tag("%", "endif")))
    return "".join(parts)


answer_sets = st.fixed_dictionaries(
    {
        "project_slug": st.just("my_service"),
        "project_name": st.sampled_from(["Shop", "Ça & Ço's <Stall>"]),
        "description": st.sampled_from(["Short.", LONGEST_ANSWERS["description"]]),
        "framework": st.sampled_from(FRAMEWORKS),
        "database": st.sampled_from(COOKIECUTTER_JSON["database"]),
        "auth": st.booleans(),
        "forms": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(
    template=templates(),
    first=tag("%", "set flag = cookiecutter.auth or cookiecutter.forms"),
    answers_=answer_sets,
)
def test_rendering_without_jinja_matches_jinja(
    template: str, first: str, answers_: dict[str, object]
) -> None:
    text = first + template
    assert post_gen.render_directly(text, answers_) == jinja_render(text, answers_)


ANSWERS = {"project_slug": "my_service", "auth": True, "forms": False, "framework": "flask"}


@pytest.mark.parametrize(
    "text",
    [
        "{# a comment #}x",
        "{%- raw %}{{ x }}{% endraw %}",
        "{% for x in [1, 2] %}{{ x }}{% endfor %}",
        "{{ cookiecutter.project_slug|upper }}",
        "{{ cookiecutter.project_slug ~ '/' }}",
        "{{ '%-12s'|format(cookiecutter.project_slug) }}",
        "{% if cookiecutter.auth is defined %}yes{% endif %}",
        "{% if true %}yes{% endif %}",
        "{{ cookiecutter.items }}",
        "{{ {'a': 1} }}",
        "{{ 1 + 2 }}",
        "{% if cookiecutter.auth == cookiecutter.auth == True %}x{% endif %}",
        "a\r\nb",
    ],
)
def test_other_jinja_is_left_to_jinja(text: str) -> None:
    with pytest.raises(post_gen.Unsupported):
        post_gen.render_directly(text, ANSWERS)
    assert post_gen.Renderer(ANSWERS)(text, "file") == jinja_render(text, ANSWERS)


@pytest.mark.parametrize(
    "text",
    [
        "{% if cookiecutter.auth %}x",
        "{% endif %}",
        "{% if cookiecutter.auth %}x{% else %}y{% elif cookiecutter.forms %}z{% endif %}",
        "{% if cookiecutter.auth %}x{% else %}y{% else %}z{% endif %}",
        "{% if cookiecutter.auth %}{{ cookiecutter.nope }}{% endif %}",
        "{% if not cookiecutter.auth %}{{ oops(1 }}{% endif %}",
        "{{ cookiecutter.auth|nonexistent }}",
        "{{ unset }}",
        "{{ oops",
    ],
)
def test_a_template_mistake_is_reported_as_jinja_reports_it(text: str) -> None:
    with pytest.raises(post_gen.HookError, match=r"^file: "):
        post_gen.Renderer(ANSWERS)(text, "file")


def test_the_hooks_hold_no_jinja_but_their_answers() -> None:
    """Cookiecutter renders the hooks with Jinja before it runs them: any brace beside a brace
    or a percent sign in their code would be taken for a tag."""
    environment = StrictEnvironment(context={"cookiecutter": {}}, keep_trailing_newline=True)
    for path in sorted((TEMPLATE_DIR / "hooks").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = environment.from_string(source).render(cookiecutter={}).splitlines()
        differing = [
            line for line, before in zip(lines, source.splitlines(), strict=True) if line != before
        ]
        assert differing == ['ANSWERS_JSON = r"""{}"""'], path.name
