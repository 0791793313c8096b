"""The home page and the health check."""

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    """Render the home page."""
    return render_template("index.html")


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    """Answer the load balancer's and Docker's health checks; touches nothing else."""
    return {"status": "ok"}
