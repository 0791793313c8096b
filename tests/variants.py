"""The variant matrix, derived from cookiecutter.json.

Every framework choice times every yes/no question, on the default Python and database (the 32
variants); each of those with a database again on every other database; and every framework
with every option on, on each other Python version offered, the newest on the last database.
A new option, database or version in cookiecutter.json joins the matrix without a change here.
Ids read like the variant, e.g. ``fastapi-auth-noforms-ml``,
``flask-noauth-forms-noml-postgresql`` or ``django-auth-forms-ml-postgresql-py313``."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, replace
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
COOKIECUTTER_JSON = json.loads((TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8"))
# Short names for the options in variant ids; an option not listed here uses its key.
ID_LABELS = {"ml_model": "ml"}
WEB_FRAMEWORKS = frozenset({"flask", "fastapi", "django"})
PYTHON_VERSIONS: list[str] = COOKIECUTTER_JSON["python_version"]
DEFAULT_PYTHON = PYTHON_VERSIONS[0]
DATABASES: list[str] = COOKIECUTTER_JSON["database"]
DEFAULT_DATABASE = DATABASES[0]

# The longest answers the hook accepts, with the characters most likely to break
# a Python, TOML, YAML, Markdown or HTML file they land in (tests/test_baked_variant.py).
LONGEST_ANSWERS = {
    "project_name": (
        "Ça & Ço's <Stall>: #1 — a very long project name, just as long as allowed, yes!!"
    ),
    "project_slug": "a_package_name_of_the_longest_length_ok1",
    "description": (
        "It's a long description: with #hash, <angle> & ampersand, 'quotes' and accents (é, ü), "
        "as long as the hook allows, so that every file it lands in must wrap or quote it well, "
        "as this test checks, here."
    ),
    "author_name": (
        "O'Brien & Søn: a team name that is exactly as long as the hook allows, yes!!!!!!"
    ),
    "email": "a.very.long+tag@subdomain.example-company.co.uk",
}


@dataclass(frozen=True)
class Variant:
    """One combination of answers to the framework and yes/no questions."""

    framework: str
    options: tuple[tuple[str, bool], ...] = ()
    python_version: str = DEFAULT_PYTHON
    database: str = DEFAULT_DATABASE

    @property
    def id(self) -> str:
        labels = [("" if on else "no") + ID_LABELS.get(name, name) for name, on in self.options]
        if self.database != DEFAULT_DATABASE:
            labels.append(self.database)
        if self.python_version != DEFAULT_PYTHON:
            labels.append("py" + self.python_version.replace(".", ""))
        return "-".join((self.framework, *labels))

    @property
    def context(self) -> dict[str, object]:
        """The answers to pass to cookiecutter as extra context."""
        return {
            "framework": self.framework,
            "python_version": self.python_version,
            "database": self.database,
            **dict(self.options),
        }

    @property
    def cli_answers(self) -> list[str]:
        """The answers as the ``key=value`` arguments of the cookiecutter command."""
        words = {True: "yes", False: "no"}
        return [
            f"{key}={words[value] if isinstance(value, bool) else value}"
            for key, value in self.context.items()
        ]

    @property
    def is_web(self) -> bool:
        return self.framework in WEB_FRAMEWORKS

    def has(self, option: str) -> bool:
        return dict(self.options).get(option, False)

    @property
    def has_database(self) -> bool:
        return self.framework == "django" or self.has("auth") or self.has("forms")

    @property
    def uses_postgresql(self) -> bool:
        return self.has_database and self.database == "postgresql"

    @property
    def is_served_live(self) -> bool:
        """Whether tests/test_live.py serves the variant and drives it in a browser.

        Every variant but those with the ML model on PostgreSQL and the default Python: a twin
        shows the browser each of their parts (the model on SQLite, the database without the
        model on PostgreSQL, and both together on the newest Python), and serving them too
        cost minutes of every CI run. Their own tests run against PostgreSQL like any other's.
        """
        default = self.python_version == DEFAULT_PYTHON
        return not (default and self.uses_postgresql and self.has("ml_model"))


def option_names() -> list[str]:
    """The yes/no questions, in cookiecutter.json order."""
    return [key for key, value in COOKIECUTTER_JSON.items() if isinstance(value, bool)]


def all_variants() -> list[Variant]:
    """The matrix: see the module's docstring."""
    names = option_names()
    frameworks = COOKIECUTTER_JSON["framework"]
    matrix = [
        Variant(framework, tuple(zip(names, values, strict=True)))
        for framework in frameworks
        for values in itertools.product((False, True), repeat=len(names))
    ]
    # Where there is no database the answer changes nothing, so those bakes are not repeated.
    other_databases = [
        replace(variant, database=database)
        for variant in matrix
        if variant.has_database
        for database in DATABASES[1:]
    ]
    everything_on = tuple((name, True) for name in names)
    newest = PYTHON_VERSIONS[-1]
    newer_pythons = [
        Variant(
            framework,
            everything_on,
            version,
            DATABASES[-1] if version == newest else DEFAULT_DATABASE,
        )
        for version in PYTHON_VERSIONS[1:]
        for framework in frameworks
    ]
    return matrix + other_databases + newer_pythons
