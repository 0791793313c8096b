"""The users app's database migrations."""
