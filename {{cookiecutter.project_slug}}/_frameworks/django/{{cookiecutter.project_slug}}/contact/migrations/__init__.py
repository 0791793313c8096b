"""The contact app's database migrations."""
