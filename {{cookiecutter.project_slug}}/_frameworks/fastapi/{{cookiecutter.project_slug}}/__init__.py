"""The web application: settings, logging, routers, HTML templates and static files."""
