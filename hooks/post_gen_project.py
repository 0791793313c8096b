"""Check the answers, then trim the baked project to the choice and render what is left.

The answers are validated here, first, rather than in a pre-generation hook: cookiecutter
removes the project directory when either hook fails, and one hook is one Python process fewer
per bake (a tenth of the time cookiecutter takes to bake a one-file template).

KEEP_WHEN is the one table that owns every path of the template: each path (a file or a
folder, relative to the project root, the package folder written ``{slug}``) maps to the
condition on the answers that keeps it. A path is kept when its own condition and those of all
its listed ancestors hold. The hook deletes what the answers do not keep, moves the chosen
framework's folder ``_frameworks/<framework>/`` into the project root, removes empty folders,
writes a ``.env`` with fresh secrets and the answers for a re-bake, and prints what to do next.

Cookiecutter copies every file as it is (``_copy_without_render`` is ``*``): rendering all four
frameworks cost most of a bake, and three of them are deleted here. The hook renders the names
and contents of the files it keeps, but the app's own templates (APP_FILES), so that they read
as if cookiecutter had rendered them. It renders without Jinja (render_directly) the Jinja
that the template uses, and falls back to Jinja for any other.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import json
import keyword
import os
import re
import secrets
import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

# Rendered by cookiecutter; a raw string so that any answer stays valid JSON and valid Python.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

Answers = Mapping[str, object]
Condition = Callable[[Answers], bool]

FRAMEWORKS_DIR = "_frameworks"
# The app's own templates and static files: they hold Jinja or Django syntax of the app's own,
# which the hook leaves as it is (cookiecutter copies every file as it is).
APP_FILES = ("*/templates", "*/static")
ENV_EXAMPLE = ".env.example"
ENV_FILE = ".env"
SECRET_PLACEHOLDER = "change-me"  # noqa: S105 (the placeholder, not a secret)
# A reference to an earlier variable in a value of .env.example: ${NAME}
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
# The answers, for `cookiecutter --replay-file .cookiecutter-replay.json <template>`.
REPLAY_FILE = ".cookiecutter-replay.json"
# A Jinja tag: a raw block, a statement (brace, percent sign) or an expression (two braces),
# each of the last two with Jinja's optional whitespace control ("-") inside either end; and
# what opens any Jinja tag or comment. (Written so that no brace stands beside another or a
# percent sign: cookiecutter renders this file with Jinja.)
TAG = re.compile(
    r"\{[%]\s*raw\s*[%]\}(.*?)\{[%]\s*endraw\s*[%]\}"  # raw text, without whitespace control
    r"|\{[%](-?)(.*?)(-?)[%]\}"
    r"|\{[{](-?)(.*?)(-?)[}]\}",
    re.DOTALL,
)
OPENING = re.compile(r"\{[#%{]")
STATEMENT = re.compile(r"\s*(\w+)\b\s*(.*?)\s*", re.DOTALL)
ASSIGNMENT = re.compile(r"(\w+)\s*=(.*)", re.DOTALL)  # what follows "set"

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


# Validation: the answers are checked before the hook changes anything. Each problem is one
# line, ``ERROR: <field>: <what is wrong, what to do>``, on stderr; the hook exits 1 and
# cookiecutter removes the project directory.

SUPPORTED_PYTHON = ("3.11", "3.12", "3.13")
DATABASES = ("sqlite", "postgresql")
# The words cookiecutter reads as yes or no for a boolean question.
YES_NO_WORDS = frozenset({"1", "true", "t", "yes", "y", "on", "0", "false", "f", "no", "n", "off"})

# Top-level import names the baked project uses or creates: a package of the same name would
# shadow them. The standard library is checked separately (sys.stdlib_module_names).
RESERVED_SLUGS = frozenset(
    {
        # frameworks, servers and their main dependencies
        "flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker",
        "fastapi", "starlette", "pydantic", "pydantic_core", "pydantic_settings", "uvicorn",
        "uvicorn_worker", "httpx", "anyio", "django", "environ", "whitenoise", "asgiref",
        "streamlit", "plotly", "pandas", "numpy", "altair", "gunicorn", "dotenv",
        # optional features
        "sqlalchemy", "alembic", "flask_sqlalchemy", "flask_migrate", "flask_login",
        "flask_wtf", "wtforms", "jwt", "pwdlib", "argon2", "multipart", "psycopg",
        "aiosqlite", "sklearn", "scipy", "skops", "joblib",
        # development tools
        "pytest", "pytest_django", "mypy", "ruff", "coverage", "hypothesis",
        # names the baked project creates itself
        "config", "tests", "test", "manage", "migrations", "models", "streamlit_app",
    }
)  # fmt: skip

# Ends with a letter or digit: the distribution name (``_`` -> ``-``) must too.
SLUG_PATTERN = re.compile(r"[a-z]([a-z0-9_]*[a-z0-9])?")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
# Free text lands in TOML, YAML and Python string literals: keep it to one printable line
# without the two characters that would need escaping there.
FORBIDDEN_TEXT_CHARS = frozenset('"\\')
MAX_TEXT_LENGTH = {"project_name": 80, "description": 200, "author_name": 80}
MAX_SLUG_LENGTH = 40


def check_text(field: str, value: object) -> str | None:
    """Return the problem with a free-text answer, or None."""
    if not isinstance(value, str) or not value.strip():
        return "is empty; give a non-empty value"
    if value != value.strip():
        return "has leading or trailing spaces; remove them"
    if not value.isprintable():
        return "contains a line break or control character; use one plain line"
    if FORBIDDEN_TEXT_CHARS & set(value):
        return 'contains " or \\; leave them out'
    limit = MAX_TEXT_LENGTH[field]
    if len(value) > limit:
        return f"is {len(value)} characters long; keep it to {limit}"
    return None


# Each rule: when the slug breaks it, and what to say; the first broken rule is reported.
SLUG_RULES: tuple[tuple[Callable[[str], bool], str], ...] = (
    (
        lambda slug: not SLUG_PATTERN.fullmatch(slug),
        "is not a lowercase Python identifier; use lowercase letters, digits and underscores, "
        "starting with a letter and ending with a letter or digit (e.g. my_service)",
    ),
    (
        lambda slug: len(slug) > MAX_SLUG_LENGTH,
        f"is longer than {MAX_SLUG_LENGTH} characters; choose a shorter name",
    ),
    (
        lambda slug: keyword.iskeyword(slug) or keyword.issoftkeyword(slug),
        "is a Python keyword; choose another name",
    ),
    (
        lambda slug: slug in sys.stdlib_module_names,
        "would shadow the standard library module; choose another name",
    ),
    (
        lambda slug: slug in RESERVED_SLUGS,
        "would shadow a package the project uses; choose another name",
    ),
)


def check_slug(value: object) -> str | None:
    """Return the problem with the package name, or None."""
    if not isinstance(value, str) or not value:
        return "is empty; give a lowercase Python identifier such as my_service"
    for broken, problem in SLUG_RULES:
        if broken(value):
            return f"{value!r} {problem}"
    return None


def check_email(value: object) -> str | None:
    """Return the problem with the contact email, or None."""
    if not isinstance(value, str) or not EMAIL_PATTERN.fullmatch(value):
        return f"{value!r} is not an email address; use the form name@example.com"
    return None


def check_choice(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    """Return a check that accepts exactly one of ``choices``."""

    def check(value: object) -> str | None:
        if value not in choices:
            return f"{value!r} is not supported; choose one of {', '.join(choices)}"
        return None

    return check


def check_flag(value: object) -> str | None:
    """Return the problem with a yes/no answer, or None."""
    if isinstance(value, str) and value.lower() in YES_NO_WORDS:
        # cookiecutter turns yes/no words into booleans since 2.7; older ones pass the text.
        return f"{value!r} arrived as text; use cookiecutter 2.7 or newer (uvx cookiecutter)"
    if not isinstance(value, bool):
        return f"{value!r} is not a yes/no answer; answer yes or no"
    return None


CHECKS: dict[str, Callable[[object], str | None]] = {
    "project_name": lambda value: check_text("project_name", value),
    "project_slug": check_slug,
    "description": lambda value: check_text("description", value),
    "author_name": lambda value: check_text("author_name", value),
    "email": check_email,
    "python_version": check_choice(SUPPORTED_PYTHON),
    "framework": check_choice(tuple(FRAMEWORK_NAMES)),
    **dict.fromkeys(OPTION_NAMES, check_flag),
    "database": check_choice(DATABASES),
}


def validate(answers: Mapping[str, object]) -> list[str]:
    """Return one ``<field>: <problem>`` line per invalid answer, in question order."""
    errors = []
    for field, check in CHECKS.items():
        problem = check(answers.get(field))
        if problem:
            errors.append(f"{field}: {problem}")
    return errors


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


class Unsupported(Exception):  # noqa: N818 (a signal to fall back, not an error)
    """Template syntax that render_directly leaves to Jinja."""


# Jinja's filters that render_directly knows, with Jinja's own defaults and behaviour.
def replace_filter(value: object, old: str, new: str, count: int = -1) -> str:
    return str(value).replace(old, new, count)


def wordwrap_filter(value: object, width: int = 79) -> str:
    if not isinstance(value, str):
        raise Unsupported
    return "\n".join(
        "\n".join(textwrap.wrap(line, width=width, expand_tabs=False, replace_whitespace=False))
        for line in value.splitlines()
    )


FILTERS: dict[str, Callable[..., str]] = {"replace": replace_filter, "wordwrap": wordwrap_filter}
# The expression syntax that Jinja and Python share and read alike, as Python parses it. A
# filter (value|name(arguments)) parses as Python's "|" with a call on its right.
EXPRESSION_NODES = (
    ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.Eq, ast.NotEq, ast.In,
    ast.NotIn, ast.IfExp, ast.Attribute, ast.Name, ast.Load, ast.Constant, ast.Tuple, ast.List,
    ast.BinOp, ast.BitOr, ast.Call,
)  # fmt: skip
COMPARISONS: dict[type[ast.cmpop], Callable[[object, object], bool]] = {
    ast.Eq: lambda left, right: left == right,
    ast.NotEq: lambda left, right: left != right,
    ast.In: lambda left, right: left in right,  # type: ignore[operator]
    ast.NotIn: lambda left, right: left not in right,  # type: ignore[operator]
}


@functools.cache  # the same few conditions come back in file after file
def parse_expression(source: str) -> ast.expr:
    """Parse a Jinja expression that Python reads alike; raise Unsupported for any other."""
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        raise Unsupported from None
    for node in ast.walk(tree):
        if not isinstance(node, EXPRESSION_NODES):
            raise Unsupported
        if isinstance(node, ast.Compare) and len(node.ops) > 1:
            raise Unsupported  # a chain
        if isinstance(node, ast.Constant) and not isinstance(node.value, (str, int, float)):
            raise Unsupported  # bytes, or Python's spelling of a Jinja literal
        if isinstance(node, ast.BinOp) and filter_name(node.right) not in FILTERS:
            raise Unsupported  # Jinja checks a filter's name when it compiles
    return tree


def filter_name(node: ast.expr) -> str | None:
    """The name of the filter that ``node`` applies: name or name(arguments)."""
    match node:
        case ast.Name(id=name) | ast.Call(func=ast.Name(id=name)):
            return name
    return None


class Scope:
    """The answers (as ``cookiecutter``) and the names a template sets, as Jinja sees them."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.names: dict[str, object] = {}

    def evaluate(self, node: ast.expr) -> object:  # noqa: PLR0911 (a return per syntax)
        """The value of a parsed expression; Unsupported where Jinja would differ or fail."""
        match node:
            case ast.Constant(value=value):
                return value
            case ast.Attribute(value=ast.Name(id="cookiecutter"), attr=name):
                # Jinja looks up a mapping's attributes (items, keys...) before its keys.
                if name not in self.answers or hasattr(self.answers, name):
                    raise Unsupported
                return self.answers[name]
            case ast.Name(id=name) if name in self.names:
                return self.names[name]
            case ast.BoolOp(op=operator, values=[first, *others]):
                # As Python and Jinja do: the first value that decides, else the last.
                result = self.evaluate(first)
                for value in others:
                    if bool(result) is isinstance(operator, ast.Or):
                        break
                    result = self.evaluate(value)
                return result
            case ast.UnaryOp(op=ast.Not(), operand=operand):
                return not self.evaluate(operand)
            case ast.Compare(left=left, ops=[operator], comparators=[right]):
                return COMPARISONS[type(operator)](self.evaluate(left), self.evaluate(right))
            case ast.Tuple(elts=elements) | ast.List(elts=elements):
                items = [self.evaluate(element) for element in elements]
                return tuple(items) if isinstance(node, ast.Tuple) else items
            case ast.IfExp(test=test, body=body, orelse=orelse):
                return self.evaluate(body if self.evaluate(test) else orelse)
            case ast.BinOp(left=value, op=ast.BitOr(), right=applied):
                return self.filter(value, applied)
        raise Unsupported

    def filter(self, value: ast.expr, applied: ast.expr) -> str:
        """Apply a filter of FILTERS: value|name or value|name(constant, ...)."""
        match applied:
            case ast.Name(id=name):
                arguments: list[ast.expr] = []
            case ast.Call(func=ast.Name(id=name), args=arguments, keywords=[]):
                pass
            case _:
                raise Unsupported
        if name not in FILTERS or not all(isinstance(a, ast.Constant) for a in arguments):
            raise Unsupported
        return FILTERS[name](self.evaluate(value), *(self.evaluate(a) for a in arguments))


def split_tags(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Split template text into its text chunks and, between them, its tags.

    A tag is (kind, content): kind "%" for a statement, "{" for an expression, "raw" for raw
    text. Jinja's whitespace control is applied to the chunks here: "-" strips the whitespace
    on its side.
    """
    chunks, tags, start = [], [], 0
    for match in TAG.finditer(text):
        chunks.append(text[start : match.start()])
        start = match.end()
        if match[1] is not None:
            tags.append(("raw", match[1], ""))
            continue
        is_statement = match[3] is not None
        before, content, after = match.group(2, 3, 4) if is_statement else match.group(5, 6, 7)
        if before:
            chunks[-1] = chunks[-1].rstrip()
        tags.append(("%" if is_statement else "{", content, after))
    chunks.append(text[start:])
    if any(OPENING.search(chunk) for chunk in chunks):
        raise Unsupported  # a comment, or a tag left open
    for index, (_, _, after) in enumerate(tags):
        if after:
            chunks[index + 1] = chunks[index + 1].lstrip()
    return chunks, [(kind, content) for kind, content, _ in tags]


def render_directly(text: str, answers: Answers) -> str:
    """Render the Jinja that the template's files use, as Jinja would, without Jinja.

    That is: expressions, if/elif/else/endif, and set, over the answers, with the shared
    expression syntax of parse_expression and the filters of FILTERS. Anything else raises
    Unsupported. Compiling a file with Jinja takes longer than most of a bake.
    """
    if "\r" in text:  # Jinja would turn Windows line ends into "\n"
        raise Unsupported
    chunks, tags = split_tags(text)
    scope = Scope(answers)
    output = [chunks[0]]
    # For each open if-block: whether the block around it renders, whether one of its branches
    # was taken, and whether it is in its else branch.
    blocks: list[tuple[bool, bool, bool]] = []
    rendering = True
    for (kind, content), chunk in zip(tags, chunks[1:], strict=True):
        if kind == "raw":
            if rendering:
                output.append(content)
        elif kind == "{":
            expression = parse_expression(content)
            if rendering:
                output.append(str(scope.evaluate(expression)))
        else:
            rendering = run_statement(content, scope, blocks, rendering=rendering)
        if rendering:
            output.append(chunk)
    if blocks:
        raise Unsupported  # an if without endif
    return "".join(output)


def run_statement(
    content: str, scope: Scope, blocks: list[tuple[bool, bool, bool]], *, rendering: bool
) -> bool:
    """Apply one statement tag to the open blocks; return whether what follows renders."""
    match = STATEMENT.fullmatch(content)
    statement, rest = match.groups() if match else ("", "")
    if statement in {"if", "elif"}:
        condition = parse_expression(rest)
    if statement == "if":
        taken = rendering and bool(scope.evaluate(condition))
        blocks.append((rendering, taken, False))
        return taken
    if statement == "set" and (assignment := ASSIGNMENT.fullmatch(rest)):
        value = parse_expression(assignment[2])
        if rendering:
            scope.names[assignment[1]] = scope.evaluate(value)
        return rendering
    if not blocks or (statement != "elif" and rest):
        raise Unsupported  # no if to continue, or words after else or endif
    outer, taken, in_else = blocks.pop()
    if in_else and statement != "endif":
        raise Unsupported  # a branch after else
    if statement == "elif":
        now = outer and not taken and bool(scope.evaluate(condition))
        blocks.append((outer, taken or now, False))
        return now
    if statement == "else":
        blocks.append((outer, True, True))
        return outer and not taken
    if statement == "endif":
        return outer
    raise Unsupported


class Renderer:
    """Renders template text as cookiecutter would, with the answers.

    The template's files use only what render_directly knows: that takes a millisecond where
    Jinja's compiler takes tens. Text with any other Jinja goes through Jinja, set up as
    cookiecutter sets it up, imported only then.
    """

    def __init__(self, answers: Answers) -> None:
        self.answers = answers

    def __call__(self, text: str, where: str) -> str:
        try:
            return render_directly(text, self.answers)
        except Unsupported:
            return self.with_jinja(text, where)

    def with_jinja(self, text: str, where: str) -> str:
        # Imported here: most bakes never need it, and importing it costs more than the rest
        # of the hook. Cookiecutter's own environment would add its extensions (jsonify, time,
        # uuid...), which no framework file uses and which take even longer to load.
        from jinja2 import Environment, StrictUndefined, TemplateError  # noqa: PLC0415

        environment = Environment(  # noqa: S701 (source code, not HTML: as cookiecutter)
            undefined=StrictUndefined, keep_trailing_newline=True
        )
        try:
            return environment.from_string(text).render(cookiecutter=self.answers)
        except TemplateError as error:
            msg = f"{where}: {error}"
            raise HookError(msg) from error


def matches(path: str, patterns: object) -> bool:
    """Whether the path or one of its folders matches one of the patterns, as cookiecutter
    matches ``_copy_without_render`` (a folder that matches is copied whole)."""
    assert isinstance(patterns, list | tuple)  # noqa: S101 (cookiecutter.json makes it a list)
    parts = path.split("/")
    folders = ("/".join(parts[:end]) for end in range(len(parts), 0, -1))
    return any(fnmatch.fnmatch(folder, pattern) for folder in folders for pattern in patterns)


def rendered_here(path: str, answers: Answers) -> bool:
    """Whether the hook renders the template file: cookiecutter copied it as it is (it matches
    ``_copy_without_render``, which here is every file) and it is not one of APP_FILES."""
    return matches(path, answers.get("_copy_without_render", [])) and not matches(path, APP_FILES)


def render_names(root: Path, answers: Answers, render: Renderer) -> list[str]:
    """Give the paths their rendered names, but in the frameworks not chosen (the trim deletes
    those); return the files whose contents the hook renders, relative to ``root``.

    Paths are renamed deepest first, so that a folder is renamed after what it holds. (Paths are
    strings here: pathlib's relative_to took longer than the renaming.)
    """
    chosen = f"{FRAMEWORKS_DIR}/{answers['framework']}"
    paths: list[tuple[str, bool]] = []  # (template path, whether a file), relative to root
    for folder, subfolders, files in os.walk(root):
        where = Path(folder).relative_to(root).as_posix()
        if where == FRAMEWORKS_DIR:
            subfolders[:] = [name for name in subfolders if f"{where}/{name}" == chosen]
        prefix = "" if where == "." else f"{where}/"
        paths += [(prefix + name, False) for name in subfolders]
        paths += [(prefix + name, True) for name in files]
    paths.sort(key=lambda entry: entry[0].count("/"), reverse=True)
    to_render = []
    for path, is_file in paths:
        if is_file and rendered_here(path, answers):
            to_render.append(render(path, path) if "{" in path else path)
        folder, _, name = path.rpartition("/")
        if "{" in name:
            (root / path).rename(root / folder / render(name, path))
    return to_render


def render_files(root: Path, paths: list[str], render: Renderer) -> None:
    """Render the contents of those files the trim kept, in place."""
    for path in paths:
        file = root / path
        if not file.exists():
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a binary file: cookiecutter copies those as they are
        rendered = render(text, path)
        if rendered != text:
            file.write_text(rendered, encoding="utf-8", newline="\n")


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
    errors = validate(answers)
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    if errors:
        return 1
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
