"""The app's package: settings, logging, data and pages."""
