"""The variant matrix, derived from cookiecutter.json.

Every framework choice times every yes/no question: a new option in cookiecutter.json joins the
matrix without a change here. Ids read like the variant, e.g. ``fastapi-auth-noforms-ml``.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
COOKIECUTTER_JSON = json.loads((TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8"))
# Short names for the options in variant ids; an option not listed here uses its key.
ID_LABELS = {"ml_model": "ml"}
WEB_FRAMEWORKS = frozenset({"flask", "fastapi", "django"})


@dataclass(frozen=True)
class Variant:
    """One combination of answers to the framework and yes/no questions."""

    framework: str
    options: tuple[tuple[str, bool], ...] = ()

    @property
    def id(self) -> str:
        labels = (("" if on else "no") + ID_LABELS.get(name, name) for name, on in self.options)
        return "-".join((self.framework, *labels))

    @property
    def context(self) -> dict[str, object]:
        """The answers to pass to cookiecutter as extra context."""
        return {"framework": self.framework, **dict(self.options)}

    @property
    def is_web(self) -> bool:
        return self.framework in WEB_FRAMEWORKS

    def has(self, option: str) -> bool:
        return dict(self.options).get(option, False)


def option_names() -> list[str]:
    """The yes/no questions, in cookiecutter.json order."""
    return [key for key, value in COOKIECUTTER_JSON.items() if isinstance(value, bool)]


def all_variants() -> list[Variant]:
    """Every framework with every combination of the yes/no questions."""
    names = option_names()
    return [
        Variant(framework, tuple(zip(names, values, strict=True)))
        for framework in COOKIECUTTER_JSON["framework"]
        for values in itertools.product((False, True), repeat=len(names))
    ]
