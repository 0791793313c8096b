"""WSGI entry point, served in production by gunicorn (config.wsgi:application).

https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/
"""

import os
from pathlib import Path

import environ
from django.core.wsgi import get_wsgi_application
{%- if cookiecutter.ml_model %}

from {{ cookiecutter.project_slug }}.ml.apps import ml_model
{%- endif %}

environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
{%- if cookiecutter.ml_model %}

# Load the model as the worker starts, so that no request waits for it.
ml_model()
{%- endif %}
