"""Settings read from the environment, one class per mode (development, test, production)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", BASE_DIR / "instance"))


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL", default)
    # Heroku-style URLs and plain "postgresql://" both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    """Settings shared by every mode."""

    ENV_NAME = "base"
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'portal.sqlite3'}")
    # A pooled connection left unused this long is tried (one round trip) before a request
    # gets it, and replaced if the server closed it meanwhile (a restart, a failover, an idle
    # timeout); one in steady use is not: under load every request saved that round trip.
    DATABASE_PING_AFTER_IDLE_SECONDS = _int("DATABASE_PING_AFTER_IDLE_SECONDS", 10)
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Rate-limit counters live in Redis when REDIS_URL is set (see create_app), so every
    # gunicorn worker and every machine shares them; in memory otherwise.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "moving-window"

    # Login throttling: failed attempts allowed per account and per address in a window.
    LOGIN_FAILURES_PER_ACCOUNT = _int("LOGIN_FAILURES_PER_ACCOUNT", 5)
    LOGIN_FAILURES_PER_ADDRESS = _int("LOGIN_FAILURES_PER_ADDRESS", 30)
    LOGIN_FAILURE_WINDOW_SECONDS = _int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
    PASSWORD_RESET_MAX_AGE_SECONDS = _int("PASSWORD_RESET_MAX_AGE_SECONDS", 3600)
    SESSION_IDLE_TIMEOUT_SECONDS = _int("SESSION_IDLE_TIMEOUT_SECONDS", 8 * 3600)

    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LOCALE", "fr")
    BABEL_DEFAULT_TIMEZONE = os.environ.get("DEFAULT_TIMEZONE", "Africa/Casablanca")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    LANGUAGES = ("fr", "ar")

    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 10 * 1024 * 1024)

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "portail-qualite@localhost")
    # The portal's address as its users reach it (https://qualite.example.ma): the links of
    # the e-mails sent by commands (reminders), which have no request to take it from.
    PORTAL_URL = os.environ.get("PORTAL_URL") or None

    # Complaints and suggestions: the days to answer (the programme's 15-day commitment), the
    # day a still unanswered one reminds its assignee, and the days it stays with the lead
    # federation once overdue before it reaches the ministry.
    COMPLAINT_RESPONSE_DAYS = _int("COMPLAINT_RESPONSE_DAYS", 15)
    COMPLAINT_REMINDER_DAY = _int("COMPLAINT_REMINDER_DAY", 10)
    COMPLAINT_ESCALATION_DAYS = _int("COMPLAINT_ESCALATION_DAYS", 7)
    # The public contact form: messages accepted per address and hour.
    CONTACT_PER_HOUR = _int("CONTACT_PER_HOUR", 5)

    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    PROXY_COUNT = _int("PROXY_COUNT", 0)
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "portal_session"
    # The cookie is sent again only when the session changed (signing in, the language, a
    # message), not re-signed and sent with every answer: who is signed in, and until when,
    # is the server-side session's (SESSION_IDLE_TIMEOUT_SECONDS), not the cookie's expiry.
    SESSION_REFRESH_EACH_REQUEST = False
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    DEMO_MODE = False
    PAGE_SIZE = 25


class DevelopmentConfig(Config):
    """Local development: SQLite, demo data, readable errors, passwords of demo users shown."""

    ENV_NAME = "development"
    DEBUG = False
    DEMO_MODE = True


class TestConfig(Config):
    """The test suite: its own database, no outgoing mail, fast password hashing."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = _database_url("sqlite://")
    MAIL_SERVER = None
    REDIS_URL = None  # a test that needs Redis says so explicitly
    RATELIMIT_STORAGE_URI = "memory://"
    DEMO_MODE = True
    ARGON2_FAST = True


class ProductionConfig(Config):
    """Production: PostgreSQL, Redis, secure cookies; refuses to start without SECRET_KEY."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "https")


MODES = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def config_for(mode: str | None) -> type[Config]:
    """The settings class for a mode name (``PORTAL_ENV``), development by default."""
    mode = (mode or os.environ.get("PORTAL_ENV") or "development").lower()
    if mode not in MODES:
        raise RuntimeError(f"PORTAL_ENV must be one of {', '.join(MODES)}, not {mode!r}")
    return MODES[mode]


def development_secret_key() -> str:
    """A random key kept under instance/ so development sessions survive restarts."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
