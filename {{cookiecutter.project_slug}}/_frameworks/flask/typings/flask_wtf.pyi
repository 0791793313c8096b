"""Types for the parts of Flask-WTF this project uses: the package ships none."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Flask
from wtforms import Form

_Exempted = TypeVar("_Exempted", bound=Blueprint | Callable[..., Any] | str)

class FlaskForm(Form):
    def is_submitted(self) -> bool: ...
    def validate_on_submit(self, extra_validators: Any | None = None) -> bool: ...

class CSRFProtect:
    def __init__(self, app: Flask | None = None) -> None: ...
    def init_app(self, app: Flask) -> None: ...
    def exempt(self, view: _Exempted) -> _Exempted: ...
