"""Commands run with: uv run python manage.py <command>."""
