"""Validate the answers before cookiecutter writes any file.

Each problem is reported as one line, ``ERROR: <field>: <what is wrong, what to do>``, on stderr,
and the hook exits 1; cookiecutter then removes the half-made project directory.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Callable, Mapping

# Rendered by cookiecutter; a raw string so that any answer stays valid JSON and valid Python.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

SUPPORTED_PYTHON = ("3.11", "3.12", "3.13")
FRAMEWORKS = ("flask", "fastapi", "django", "streamlit")
OPTIONS = ("auth", "forms", "ml_model")
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
    "framework": check_choice(FRAMEWORKS),
    **dict.fromkeys(OPTIONS, check_flag),
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


def main() -> int:
    errors = validate(json.loads(ANSWERS_JSON))
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
