"""The Django apps of {{ cookiecutter.project_name }}."""
