"""manage.py dev: apply the migrations, then run the development server."""

import os
from typing import Any

from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV


class Command(RunserverCommand):
    help = "Apply the database migrations, then run the development server (runserver)."

    def handle(self, *args: Any, **options: Any) -> None:
        # The autoreloader runs this command again in a child process: migrate once, first.
        if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
        super().handle(*args, **options)
