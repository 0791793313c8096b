"""Gunicorn settings for production, read from the environment.

PORT and WEB_CONCURRENCY set the port and the number of workers; any other setting can be
passed in GUNICORN_CMD_ARGS (https://docs.gunicorn.org/en/stable/settings.html).
"""

import os

CORES = os.cpu_count() or 1

bind = [f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
{%- if cookiecutter.framework == "fastapi" %}
# One event loop per worker; one worker per core keeps every core busy.
worker_class = "uvicorn_worker.UvicornWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", CORES))
{%- else %}
# Synchronous workers: gunicorn's rule of thumb is two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * CORES + 1))
{%- endif %}
{%- if cookiecutter.ml_model and cookiecutter.framework in ("flask", "django") %}
# Load the app, and so the model, once before forking the workers: they share its memory and
# start at once.
preload_app = True
{%- endif %}
# Restart a worker that has not answered for this many seconds.
timeout = 30
graceful_timeout = 30
# Containers are managed from outside: no control socket (its default home does not exist).
control_socket_disable = True
