"""The ml app: the shared core (model.py, inputs.py, train.py) served by Django's views."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, cast

from django.apps import AppConfig, apps
from django.conf import settings

if TYPE_CHECKING:
    from types import ModuleType

    from {{ cookiecutter.project_slug }}.ml.model import Model


class MlConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.ml"
    label = "ml"
    verbose_name = "Machine learning"
{%- if cookiecutter.forms %}
    # Its link in the site's navigation bar (see core/context_processors.py).
    nav_template = "ml/nav.html"
{%- endif %}

    def __init__(self, app_name: str, app_module: ModuleType | None) -> None:
        super().__init__(app_name, app_module)
        self._model: Model | None = None
        self._lock = threading.Lock()

    def load_once(self) -> Model:
        """Return the model in MODEL_DIR, trained first if missing: loaded once per process.

        config/wsgi.py (through ml_model) calls this as a worker starts, so that no request
        waits for it. Not ready(): every manage.py command would then wait for scikit-learn.
        """
        with self._lock:
            if self._model is None:
                # Imported here, for the same reason: scikit-learn takes seconds to import.
                from {{ cookiecutter.project_slug }}.ml.model import ensure_model  # noqa: PLC0415

                self._model = ensure_model(settings.MODEL_DIR)
            return self._model


def ml_model() -> Model:
    """Return the model, loaded once per process and shared (MlConfig.load_once)."""
    return cast("MlConfig", apps.get_app_config(MlConfig.label)).load_once()
