"""Dependencies shared by the routers, each as an ``Annotated`` alias.

They are ``async def`` although they do not wait for anything: FastAPI runs a plain ``def``
dependency in a worker thread, which costs more than the dependency itself.
"""

from typing import Annotated

from fastapi import Depends, Request

from {{ cookiecutter.project_slug }}.settings import Settings


async def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with (tests may override this dependency)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]
