"""The contact form: a page and a JSON API that share one pydantic model, and the messages sent."""
