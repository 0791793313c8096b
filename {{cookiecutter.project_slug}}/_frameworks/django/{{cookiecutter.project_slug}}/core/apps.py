"""The core app's configuration."""

from django.apps import AppConfig
from django.core.signals import request_finished

from {{ cookiecutter.project_slug }}.core.logs import forget_request_id


class CoreConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.core"

    def ready(self) -> None:
        request_finished.connect(forget_request_id)
