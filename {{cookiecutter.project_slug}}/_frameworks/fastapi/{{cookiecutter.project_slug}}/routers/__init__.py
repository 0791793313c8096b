"""The application's routes, one router per area."""
