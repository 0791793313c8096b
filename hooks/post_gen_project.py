"""Trim the baked project to the chosen framework and options.

KEEP_WHEN is the one table that owns every path of the template: each path (a file or a
folder, relative to the project root, the package folder written ``{slug}``) maps to the
condition on the answers that keeps it. A path is kept when its own condition and those of all
its listed ancestors hold. The hook deletes what the answers do not keep, moves the chosen
framework's folder ``_frameworks/<framework>/`` into the project root, removes empty folders,
writes a ``.env`` with fresh secrets and the answers for a re-bake, and prints what to do next.

Cookiecutter copies ``_frameworks/`` as it is (it is in ``_copy_without_render``): rendering
all four frameworks cost most of a bake, and three of them are deleted here. The hook renders
the names and the kept files of the chosen framework itself, with Jinja set up as cookiecutter
sets it up and the same ``_copy_without_render`` rules, so that they read as if cookiecutter
had rendered them.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import cast

from jinja2 import Environment, StrictUndefined, TemplateError

# Rendered by cookiecutter; a raw string so that any answer stays valid JSON and valid Python.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

Answers = Mapping[str, object]
Condition = Callable[[Answers], bool]

FRAMEWORKS_DIR = "_frameworks"
ENV_EXAMPLE = ".env.example"
ENV_FILE = ".env"
SECRET_PLACEHOLDER = "change-me"  # noqa: S105 (the placeholder, not a secret)
# A reference to an earlier variable in a value of .env.example: ${NAME}
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
# The answers, for `cookiecutter --replay-file .cookiecutter-replay.json <template>`.
REPLAY_FILE = ".cookiecutter-replay.json"
# In a framework's files: an answer (cookiecutter.<name> in double braces), and any other Jinja
# syntax. (No braces side by side here: cookiecutter renders this file.)
ANSWER = re.compile(r"\{\{ *cookiecutter\.(\w+) *\}\}")
JINJA_SYNTAX = re.compile(r"\{(?:\{|%|#)")

FRAMEWORK_NAMES = {
    "flask": "Flask",
    "fastapi": "FastAPI",
    "django": "Django",
    "streamlit": "Streamlit",
}
OPTION_NAMES = {"auth": "sign-up and sign-in", "forms": "a contact form", "ml_model": "an ML model"}
# The command each framework's README gives to run the app in development.
RUN_COMMANDS = {
    "flask": "uv run flask --app {slug} run --debug",
    "fastapi": "uv run uvicorn {slug}.main:app --reload",
    "django": "uv run python manage.py dev",
    "streamlit": "uv run streamlit run streamlit_app.py",
}
TEST_COMMAND = "uv run pytest"
# Before the run and test commands of a variant on PostgreSQL.
DATABASE_STEP = [f"  {'docker compose up -d db':<44} # start PostgreSQL"]


def always(_: Answers) -> bool:
    """Keep the path in every variant."""
    return True


def framework_is(*names: str) -> Condition:
    """Keep the path when the chosen framework is one of ``names``."""

    def condition(answers: Answers) -> bool:
        return answers["framework"] in names

    condition.__name__ = f"framework_is({', '.join(names)})"
    return condition


def option(name: str) -> Condition:
    """Keep the path when the yes/no option ``name`` is on."""

    def condition(answers: Answers) -> bool:
        return answers[name] is True

    condition.__name__ = f"option({name})"
    return condition


def any_option(*names: str) -> Condition:
    """Keep the path when at least one of the yes/no options ``names`` is on."""

    def condition(answers: Answers) -> bool:
        return any(answers[name] is True for name in names)

    condition.__name__ = f"any_option({', '.join(names)})"
    return condition


def all_of(*conditions: Condition) -> Condition:
    """Keep the path when every one of ``conditions`` holds."""

    def condition(answers: Answers) -> bool:
        return all(holds(answers) for holds in conditions)

    condition.__name__ = " and ".join(holds.__name__ for holds in conditions)
    return condition


# Sections: the common files, the shared ML core, then one section per framework (its folder
# first, then the paths its options own inside it).
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
    "k8s": always,
    # served by gunicorn
    "gunicorn.conf.py": framework_is("flask", "fastapi", "django"),
    # the ML core, shared by every framework's adapter
    "{slug}/ml": option("ml_model"),
    "tests/test_ml_inputs.py": option("ml_model"),
    "tests/test_ml_model.py": option("ml_model"),
    "tests/test_ml_training.py": option("ml_model"),
    # Django's conftest trains the model itself, into its settings
    "tests/ml_fixtures.py": all_of(
        option("ml_model"), framework_is("flask", "fastapi", "streamlit")
    ),
    # flask
    f"{FRAMEWORKS_DIR}/flask": framework_is("flask"),
    "_frameworks/flask/{slug}/extensions.py": any_option("auth", "forms"),
    "_frameworks/flask/{slug}/templates/forms.html": any_option("auth", "forms"),
    "_frameworks/flask/{slug}/static/forms.css": any_option("auth", "forms"),
    "_frameworks/flask/migrations": any_option("auth", "forms"),
    "_frameworks/flask/typings": any_option("auth", "forms"),
    "_frameworks/flask/tests/database_fixtures.py": any_option("auth", "forms"),
    "_frameworks/flask/tests/form_fixtures.py": any_option("auth", "forms"),
    "_frameworks/flask/tests/test_migrations.py": any_option("auth", "forms"),
    "_frameworks/flask/{slug}/auth": option("auth"),
    "_frameworks/flask/{slug}/templates/auth": option("auth"),
    "_frameworks/flask/{slug}/static/auth.css": option("auth"),
    "_frameworks/flask/migrations/versions/3f2a9c1d7b10_create_users.py": option("auth"),
    "_frameworks/flask/typings/flask_login.pyi": option("auth"),
    "_frameworks/flask/tests/auth_fixtures.py": option("auth"),
    "_frameworks/flask/tests/test_auth.py": option("auth"),
    "_frameworks/flask/{slug}/contact": option("forms"),
    "_frameworks/flask/{slug}/templates/contact": option("forms"),
    "_frameworks/flask/migrations/versions/8c4e6b2a9d01_create_contact_messages.py": option(
        "forms"
    ),
    "_frameworks/flask/tests/test_contact.py": option("forms"),
    "_frameworks/flask/{slug}/ml": option("ml_model"),
    "_frameworks/flask/{slug}/ml/page.py": option("forms"),
    "_frameworks/flask/{slug}/templates/ml": option("ml_model"),
    "_frameworks/flask/{slug}/templates/ml/nav.html": option("forms"),
    "_frameworks/flask/{slug}/templates/ml/predict.html": option("forms"),
    "_frameworks/flask/tests/test_ml_api.py": option("ml_model"),
    # fastapi
    f"{FRAMEWORKS_DIR}/fastapi": framework_is("fastapi"),
    "_frameworks/fastapi/alembic.ini": any_option("auth", "forms"),
    "_frameworks/fastapi/migrations": any_option("auth", "forms"),
    "_frameworks/fastapi/migrations/versions/3f1c6a2b9d10_create_users.py": option("auth"),
    "_frameworks/fastapi/migrations/versions/8b2e4d7c1a55_create_contact_messages.py": option(
        "forms"
    ),
    "_frameworks/fastapi/{slug}/database.py": any_option("auth", "forms"),
    "_frameworks/fastapi/{slug}/forms.py": any_option("auth", "forms"),
    "_frameworks/fastapi/{slug}/static/forms.css": any_option("auth", "forms"),
    "_frameworks/fastapi/{slug}/templates/forms": any_option("auth", "forms"),
    "_frameworks/fastapi/tests/test_database.py": any_option("auth", "forms"),
    "_frameworks/fastapi/tests/test_forms.py": any_option("auth", "forms"),
    "_frameworks/fastapi/tests/helpers.py": any_option("auth", "forms"),
    "_frameworks/fastapi/tests/database_fixtures.py": any_option("auth", "forms"),
    "_frameworks/fastapi/{slug}/auth": option("auth"),
    "_frameworks/fastapi/{slug}/templates/auth": option("auth"),
    "_frameworks/fastapi/tests/test_auth_api.py": option("auth"),
    "_frameworks/fastapi/tests/test_auth_pages.py": option("auth"),
    "_frameworks/fastapi/tests/auth_fixtures.py": option("auth"),
    "_frameworks/fastapi/{slug}/contact": option("forms"),
    "_frameworks/fastapi/{slug}/templates/contact": option("forms"),
    "_frameworks/fastapi/tests/test_contact.py": option("forms"),
    "_frameworks/fastapi/{slug}/ml": option("ml_model"),
    "_frameworks/fastapi/{slug}/ml/pages.py": option("forms"),
    "_frameworks/fastapi/{slug}/templates/ml": option("ml_model"),
    "_frameworks/fastapi/{slug}/templates/ml/nav.html": option("forms"),
    "_frameworks/fastapi/{slug}/templates/ml/predict.html": option("forms"),
    "_frameworks/fastapi/tests/test_ml_api.py": option("ml_model"),
    # django
    f"{FRAMEWORKS_DIR}/django": framework_is("django"),
    "_frameworks/django/{slug}/users": option("auth"),
    "_frameworks/django/{slug}/users/decorators.py": option("ml_model"),
    "_frameworks/django/tests/test_users.py": option("auth"),
    "_frameworks/django/{slug}/contact": option("forms"),
    "_frameworks/django/tests/test_contact.py": option("forms"),
    "_frameworks/django/{slug}/templates/includes": any_option("auth", "forms"),
    "_frameworks/django/{slug}/static/css/forms.css": any_option("auth", "forms"),
    "_frameworks/django/{slug}/ml": option("ml_model"),
    "_frameworks/django/{slug}/ml/forms.py": option("forms"),
    "_frameworks/django/{slug}/ml/pages.py": option("forms"),
    "_frameworks/django/{slug}/ml/templates": option("forms"),
    "_frameworks/django/tests/test_ml_views.py": option("ml_model"),
    # streamlit
    f"{FRAMEWORKS_DIR}/streamlit": framework_is("streamlit"),
    "_frameworks/streamlit/{slug}/models.py": any_option("auth", "forms"),
    "_frameworks/streamlit/{slug}/db.py": any_option("auth", "forms"),
    "_frameworks/streamlit/tests/test_db.py": any_option("auth", "forms"),
    "_frameworks/streamlit/tests/database_fixtures.py": any_option("auth", "forms"),
    "_frameworks/streamlit/{slug}/auth.py": option("auth"),
    "_frameworks/streamlit/{slug}/users.py": option("auth"),
    "_frameworks/streamlit/{slug}/pages/sign_in.py": option("auth"),
    "_frameworks/streamlit/tests/test_users.py": option("auth"),
    "_frameworks/streamlit/tests/test_sign_in_page.py": option("auth"),
    "_frameworks/streamlit/tests/auth_fixtures.py": option("auth"),
    "_frameworks/streamlit/{slug}/contact.py": option("forms"),
    "_frameworks/streamlit/{slug}/pages/contact.py": option("forms"),
    "_frameworks/streamlit/tests/test_contact.py": option("forms"),
    "_frameworks/streamlit/tests/test_contact_page.py": option("forms"),
    "_frameworks/streamlit/{slug}/ml": option("ml_model"),
    "_frameworks/streamlit/{slug}/pages/predict.py": option("ml_model"),
    "_frameworks/streamlit/tests/test_ml_batch.py": option("ml_model"),
    "_frameworks/streamlit/tests/test_predict_page.py": option("ml_model"),
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


class Renderer:
    """Renders template text as cookiecutter would, with the answers.

    Most files use no Jinja but answers (cookiecutter.<name> in double braces): the answers
    are substituted into those directly, which is much faster than compiling them with Jinja.
    The rest go through Jinja, set up as cookiecutter sets it up.
    """

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        # Cookiecutter's settings. Its own environment would add its extensions (jsonify, time,
        # uuid...), which no framework file uses and which take longer to load than a bake
        # takes to render.
        self.environment = Environment(  # noqa: S701 (source code, not HTML: as cookiecutter)
            undefined=StrictUndefined, keep_trailing_newline=True
        )

    def __call__(self, text: str, where: str) -> str:
        if not JINJA_SYNTAX.search(ANSWER.sub("", text)):
            return ANSWER.sub(lambda match: self.answer(match[1], where), text)
        try:
            return self.environment.from_string(text).render(cookiecutter=self.answers)
        except TemplateError as error:
            msg = f"{where}: {error}"
            raise HookError(msg) from error

    def answer(self, name: str, where: str) -> str:
        if name not in self.answers:
            msg = f"{where}: there is no answer {name!r}"
            raise HookError(msg)
        return str(self.answers[name])


def copied_as_is(path: str, answers: Answers) -> bool:
    """Whether cookiecutter leaves the template path unrendered: the path or one of its
    folders matches a ``_copy_without_render`` pattern other than the frameworks folder."""
    patterns = cast("list[str]", answers.get("_copy_without_render", []))
    pure = PurePosixPath(path)
    return any(
        fnmatch.fnmatch(str(part), pattern)
        for part in (pure, *pure.parents)
        for pattern in patterns
        if pattern != FRAMEWORKS_DIR
    )


def render_names(root: Path, answers: Answers, render: Renderer) -> list[Path]:
    """Give the chosen framework's paths their rendered names; return its files to render.

    Paths are renamed deepest first, so that a folder is renamed after what it holds.
    """
    folder = root / FRAMEWORKS_DIR / str(answers["framework"])
    paths = sorted(folder.rglob("*"), key=lambda path: len(path.parts), reverse=True)
    to_render = []
    for path in paths:
        template_path = path.relative_to(root).as_posix()
        if path.is_file() and not copied_as_is(template_path, answers):
            to_render.append(root / render(template_path, template_path))
        if "{" in path.name:
            path.rename(path.with_name(render(path.name, template_path)))
    return to_render


def render_files(root: Path, paths: list[Path], render: Renderer) -> None:
    """Render the contents of those files the trim kept, in place."""
    for path in paths:
        if not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a binary file: cookiecutter copies those as they are
        rendered = render(text, path.relative_to(root).as_posix())
        if rendered != text:
            path.write_text(rendered, encoding="utf-8", newline="\n")


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

    A value may reuse an earlier variable as ``${NAME}`` (a database URL holding the database
    password, say); the reference is replaced by that variable's value. ``.env`` is git-ignored,
    so the secrets never reach version control.
    """
    example = root / ENV_EXAMPLE
    values: dict[str, str] = {}
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if not sep or key.startswith("#"):
            lines.append(line)
            continue
        if value == SECRET_PLACEHOLDER:
            value = secrets.token_urlsafe(48)
        value = expand(values, key, value)
        values[key] = value
        lines.append(f"{key}={value}")
    env_file = root / ENV_FILE
    env_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env_file.chmod(0o600)


def expand(values: Mapping[str, str], key: str, value: str) -> str:
    """Replace each ``${NAME}`` in the value of ``key`` by the value of the earlier ``NAME``."""
    for name in REFERENCE.findall(value):
        reference = "${" + name + "}"  # (no f-string: cookiecutter renders this file)
        if name not in values:
            msg = f"{ENV_EXAMPLE}: {key} refers to {reference}, which no earlier line sets"
            raise HookError(msg)
        value = value.replace(reference, values[name])
    return value


def write_replay(root: Path, answers: Answers) -> None:
    """Save the answers (they hold no secret) so that the same variant can be baked again."""
    public = {key: value for key, value in answers.items() if not key.startswith("_")}
    text = json.dumps({"cookiecutter": public}, indent=2, ensure_ascii=False)
    (root / REPLAY_FILE).write_text(text + "\n", encoding="utf-8")


def uses_postgresql(answers: Answers) -> bool:
    """Whether the variant has a database and it is PostgreSQL."""
    has_database = answers["framework"] == "django" or any_option("auth", "forms")(answers)
    return has_database and answers.get("database") == "postgresql"


def summary(root: Path, answers: Answers, *, color: bool) -> str:
    """What was baked and the commands to run next, for the person who ran cookiecutter."""
    bold, plain = ("\033[1m", "\033[0m") if color else ("", "")
    options = [name for key, name in OPTION_NAMES.items() if answers.get(key) is True]
    framework = FRAMEWORK_NAMES[str(answers["framework"])]
    contents = f"{framework}, with {', '.join(options)}" if options else framework
    where = os.path.relpath(root, os.environ.get("PWD", root.parent))
    run = RUN_COMMANDS[str(answers["framework"])].format(slug=answers["project_slug"])
    database = DATABASE_STEP if uses_postgresql(answers) else []
    return "\n".join(
        [
            f"{bold}Baked {root.name}{plain}: {contents}, on Python {answers['python_version']}.",
            "",
            "Next:",
            f"  cd {where}",
            *database,
            f"  {run:<44} # run the app",
            f"  {TEST_COMMAND:<44} # run the tests",
            "",
            "Development secrets are in .env (git-ignored). README.md has the rest.",
        ]
    )


def bake(root: Path, answers: Answers) -> None:
    """Turn the freshly rendered tree at ``root`` into the chosen variant."""
    render = Renderer(answers)
    framework_files = render_names(root, answers, render)
    trim(root, answers)
    render_files(root, framework_files, render)
    promote_framework(root, str(answers["framework"]))
    remove_empty_dirs(root)
    write_env(root)
    write_replay(root, answers)


def main() -> int:
    answers = json.loads(ANSWERS_JSON)
    try:
        bake(Path.cwd(), answers)
    except (HookError, OSError) as error:
        print(f"ERROR: post-generation: {error}", file=sys.stderr)
        return 1
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    print(summary(Path.cwd(), answers, color=color))
    return 0


if __name__ == "__main__":
    sys.exit(main())
