"""Django settings, read from the environment.

manage.py, config/wsgi.py and config/asgi.py first load `.env` into the environment (real
environment variables win); the tests import this module without it.
See https://docs.djangoproject.com/en/stable/ref/settings/ and .env.example.
"""

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
{%- if cookiecutter.auth or cookiecutter.forms %}
from django_stubs_ext import monkeypatch

# Django's generic classes, such as ListView, take a type argument (ListView[Model]) for mypy.
monkeypatch()
{%- endif %}

BASE_DIR = Path(__file__).resolve().parent.parent
APP_DIR = BASE_DIR / "{{ cookiecutter.project_slug }}"

env = environ.Env()

PROJECT_NAME = "{{ cookiecutter.project_name }}"
PROJECT_DESCRIPTION = """\
{{ cookiecutter.description|wordwrap(96) }}"""

ENVIRONMENT = env.str("ENVIRONMENT", default="development")
if ENVIRONMENT not in {"development", "production"}:
    msg = f"ENVIRONMENT must be development or production, not {ENVIRONMENT!r}"
    raise ImproperlyConfigured(msg)
PRODUCTION = ENVIRONMENT == "production"
DEBUG = not PRODUCTION

SECRET_KEY = env.str("SECRET_KEY", default="")
min_secret_key_length = 32  # which also refuses .env.example's placeholder, change-me
if PRODUCTION and len(SECRET_KEY) < min_secret_key_length:
    msg = (
        f"SECRET_KEY must be a random string of at least {min_secret_key_length} characters in "
        "production, not missing or change-me; generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
    )
    raise ImproperlyConfigured(msg)
if SECRET_KEY in {"", "change-me"}:
    # Development without a secret: a fresh one per process, so sessions end on restart.
    SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before staticfiles, so that runserver serves static files through WhiteNoise too.
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The project's apps.
    "{{ cookiecutter.project_slug }}.core",
{%- if cookiecutter.auth %}
    "{{ cookiecutter.project_slug }}.users",
{%- endif %}
{%- if cookiecutter.forms %}
    "{{ cookiecutter.project_slug }}.contact",
{%- endif %}
{%- if cookiecutter.ml_model %}
    "{{ cookiecutter.project_slug }}.ml",
{%- endif %}
]

MIDDLEWARE = [
    # First: /healthz is answered before host validation and every other middleware.
    "{{ cookiecutter.project_slug }}.core.middleware.HealthCheckMiddleware",
    # A request id, and one access log line, for every other request.
    "{{ cookiecutter.project_slug }}.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: the policy is for pages, not for the static files themselves.
    "{% if cookiecutter.python_version == "3.11" %}csp.middleware.CSPMiddleware{% else %}django.middleware.csp.ContentSecurityPolicyMiddleware{% endif %}",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APP_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "{{ cookiecutter.project_slug }}.core.context_processors.project",
            ],
        },
    },
]
{%- if cookiecutter.database == "postgresql" %}

# PostgreSQL, as postgresql://user:password@host:port/name: .env has the URL of the server that
# `docker compose up -d db` starts. Production refuses to start without one; elsewhere (mypy,
# say) the default names that server without its password.
if PRODUCTION and not env.str("DATABASE_URL", default=""):
    msg = "DATABASE_URL must name the PostgreSQL database in production; see .env.example"
    raise ImproperlyConfigured(msg)
db_name = "{{ cookiecutter.project_slug }}"  # the user and database of compose.yaml's db
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"postgresql://{db_name}@localhost:5432/{db_name}")
}
# Keep each connection open for up to a minute, checked before reuse, instead of connecting for
# every request.
DATABASES["default"] |= {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
{%- else %}

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
{%- endif %}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
{%- if cookiecutter.auth %}

AUTH_USER_MODEL = "users.User"
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "users:profile"
LOGOUT_REDIRECT_URL = "core:home"
# New passwords are hashed with argon2; the others only check hashes made before, which
# Django rehashes with argon2 at the user's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
{%- endif %}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
{%- if cookiecutter.auth %}
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
{%- else %}
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
{%- endif %}
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
{%- if cookiecutter.ml_model %}

# The folder of model.skops and model.json; the model is trained there if they are missing.
MODEL_DIR = Path(env.str("MODEL_DIR", default=str(BASE_DIR / "models")))
{%- endif %}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [APP_DIR / "static"]
# The same in every environment: the image runs collectstatic with the development defaults.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The largest request body (form fields or JSON, not file uploads) read into memory, in bytes;
# a larger one is refused with 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)

# Security headers on every response (Django's defaults, stated): X-Content-Type-Options:
# nosniff, X-Frame-Options: DENY, Referrer-Policy: same-origin (SecurityMiddleware and
# XFrameOptionsMiddleware), and this Content-Security-Policy: scripts, styles and images from
# this site only (no inline script or style), forms posted to it only, no framing.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
{%- if cookiecutter.python_version == "3.11" %}
# Django 5.2 has no CSP support of its own (6.0 has, with SECURE_CSP): django-csp's middleware
# sends the policy.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": SECURE_CSP}
{%- endif %}

if PRODUCTION:
    # A proxy in front terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Start short; raise to a year (31536000) once every subdomain is served over HTTPS.
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "{{ cookiecutter.project_slug }}.core.logs.RequestIdFilter"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "{{ cookiecutter.project_slug }}.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if PRODUCTION else "text",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Replace the handlers and level Django gives its own logger: each record is written once,
    # by the root handler, and LOG_LEVEL applies to Django's records too.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # The development server's access lines repeat RequestLogMiddleware's: keep its warnings.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}
