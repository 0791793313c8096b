"""The core app: the home page, the health check, logging and the dev command."""
