"""Dependencies shared by the routers, each as an ``Annotated`` alias."""

from typing import Annotated

from fastapi import Depends, Request

from {{ cookiecutter.project_slug }}.settings import Settings


def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with (tests may override this dependency)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]
