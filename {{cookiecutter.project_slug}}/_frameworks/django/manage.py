#!/usr/bin/env python
"""Django's command-line utility: uv run python manage.py <command>."""

import os
import sys
from pathlib import Path

import environ
from django.core.management import execute_from_command_line


def main() -> None:
    """Load .env (real environment variables win), then run the command."""
    environ.Env.read_env(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
