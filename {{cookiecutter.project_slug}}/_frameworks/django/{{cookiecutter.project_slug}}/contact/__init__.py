"""The contact app: a validated, CSRF-protected form whose messages are stored."""
