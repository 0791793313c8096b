"""The health check that load balancers and the container's HEALTHCHECK poll.

``create_app`` adds this route to the app itself, not through an ``APIRouter``: FastAPI spends
a dispatch step on every request to an included router's routes, and this one is polled often
and load-tested.
"""

from typing import Literal

from pydantic import BaseModel

PATH = "/healthz"


class Health(BaseModel):
    """The health check's answer."""

    status: Literal["ok"]


async def healthz() -> Health:
    """Answer 200 while the process serves requests; it touches nothing else, so it stays cheap."""
    return Health(status="ok")
