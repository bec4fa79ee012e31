"""Settings from the environment, in one place (documented in the README)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.pool import NullPool


class ConfigurationError(RuntimeError):
    """The app cannot start with the settings it was given."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _instance_secret_key(instance_path: Path) -> str:
    """Generate a development key once into instance/, so no key lives in the repository."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _normalise_database_url(url: str) -> str:
    # Heroku-style and plain postgres URLs should use psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_config(instance_path: Path) -> dict:
    """Read every setting from the environment; refuse to start production without its secrets."""
    environment = os.environ.get("BRYGGA_ENV", "development")
    production = environment == "production"
    secret_key = os.environ.get("BRYGGA_SECRET_KEY")
    database_url = os.environ.get("BRYGGA_DATABASE_URL")
    if production:
        missing = [
            name
            for name, value in (("BRYGGA_SECRET_KEY", secret_key), ("BRYGGA_DATABASE_URL", database_url))
            if not value
        ]
        if missing:
            raise ConfigurationError(
                "Brygga is configured for production (BRYGGA_ENV=production) but "
                + ", ".join(missing)
                + " is not set. Set it in the environment and start again."
            )
    if not secret_key:
        secret_key = _instance_secret_key(instance_path)
    if not database_url:
        database_url = "sqlite:///" + str(instance_path / "brygga.sqlite")
    database_url = _normalise_database_url(database_url)
    base_url = os.environ.get("BRYGGA_BASE_URL", "http://127.0.0.1:5000").rstrip("/")

    config = {
        "BRYGGA_ENV": environment,
        "PRODUCTION": production,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "BASE_URL": base_url,
        "PREFERRED_URL_SCHEME": "https" if base_url.startswith("https://") else "http",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": base_url.startswith("https://"),
        "SESSION_COOKIE_NAME": "brygga_session",
        "PERMANENT_SESSION_LIFETIME": _int("BRYGGA_SESSION_HOURS", 8) * 3600,
        "MAX_CONTENT_LENGTH": _int("BRYGGA_MAX_UPLOAD_BYTES", 2 * 1024 * 1024),
        "WTF_CSRF_TIME_LIMIT": None,  # the session's own lifetime bounds the token
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "LANGUAGES": ("sv", "en"),
        # E-mail
        "MAIL_DELIVERY": os.environ.get("BRYGGA_MAIL_DELIVERY", "smtp" if production else "file"),
        "MAIL_DIRECTORY": os.environ.get("BRYGGA_MAIL_DIRECTORY", str(instance_path / "mail")),
        "SMTP_HOST": os.environ.get("BRYGGA_SMTP_HOST", "localhost"),
        "SMTP_PORT": _int("BRYGGA_SMTP_PORT", 25),
        "SMTP_USERNAME": os.environ.get("BRYGGA_SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("BRYGGA_SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool("BRYGGA_SMTP_STARTTLS", False),
        "SMTP_TIMEOUT": _int("BRYGGA_SMTP_TIMEOUT", 10),
        "MAIL_FROM": os.environ.get("BRYGGA_MAIL_FROM", "Brygga <brygga@example.se>"),
        # Who employers can always reach (shown in the footer).
        "COORDINATOR_NAME": os.environ.get("BRYGGA_COORDINATOR_NAME", ""),
        "COORDINATOR_PHONE": os.environ.get("BRYGGA_COORDINATOR_PHONE", "010-123 45 00"),
        "COORDINATOR_EMAIL": os.environ.get("BRYGGA_COORDINATOR_EMAIL", "koordinator@example.se"),
        "ORGANISATION_NAME": os.environ.get("BRYGGA_ORGANISATION_NAME", "Arbetsmarknadsenheten"),
        # Rate limits (flask-limiter); memory:// is per process, use redis:// in production.
        "RATELIMIT_STORAGE_URI": os.environ.get("BRYGGA_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("BRYGGA_RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_RATE_LIMIT": os.environ.get("BRYGGA_LOGIN_RATE_LIMIT", "10 per minute"),
        "PASSWORD_MIN_LENGTH": _int("BRYGGA_PASSWORD_MIN_LENGTH", 12),
        "INVITATION_DAYS": 7,
        # Open requests to join one organisation that may be made in a day (each mails its members).
        "JOIN_REQUESTS_PER_DAY": _int("BRYGGA_JOIN_REQUESTS_PER_DAY", 5),
        # Introductions one organisation may have waiting for a consultant's answer (each holds a time).
        "OPEN_INTRODUCTIONS_PER_ORGANISATION": _int("BRYGGA_OPEN_INTRODUCTIONS_PER_ORGANISATION", 10),
        "PASSWORD_RESET_MINUTES": 60,
    }
    if database_url.startswith("sqlite"):
        # One connection per use keeps SQLite files unlocked between requests and tests.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"poolclass": NullPool}
    else:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    return config
