"""The project's Django apps."""
