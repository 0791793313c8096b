"""Types for the parts of Flask-Login this project uses: the package ships none."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any, Protocol, TypeVar

from flask import Flask

_Callable = TypeVar("_Callable", bound=Callable[..., Any])

# The signed-in user, or an anonymous one (is_authenticated is False).
current_user: Any

class UserMixin:
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...

class LoginManager:
    login_view: str | None
    login_message: str
    session_protection: str | None
    def __init__(self, app: Flask | None = None, add_context_processor: bool = True) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = True) -> None: ...
    def user_loader(self, callback: _Callable) -> _Callable: ...

def login_user(
    user: Any,
    remember: bool = False,
    duration: timedelta | None = None,
    force: bool = False,
    fresh: bool = True,
) -> bool: ...
def logout_user() -> bool: ...

class _ViewDecorator(Protocol):
    def __call__(self, func: _Callable, /) -> _Callable: ...

# Keeps the signature of the view it wraps.
login_required: _ViewDecorator
