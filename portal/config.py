"""Settings from the environment, in one place (documented in the README)."""

from __future__ import annotations

import os
import secrets
from datetime import date
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


def _date(name: str, default: str) -> date:
    raw = os.environ.get(name) or default
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ConfigurationError(f"{name} must be a date like 2026-12-08, not {raw!r}.") from None


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
    ratelimit_storage = os.environ.get("BRYGGA_RATELIMIT_STORAGE_URI", "memory://")
    if production and not ratelimit_storage.startswith(("redis://", "rediss://", "redis+unix://")):
        # memory:// counts per process: each worker would give a guesser its own ten tries.
        raise ConfigurationError(
            "Brygga is configured for production (BRYGGA_ENV=production) but BRYGGA_RATELIMIT_STORAGE_URI is "
            f"{ratelimit_storage!r}. Rate limits must be shared by every process: set it to a Redis URL "
            "such as redis://127.0.0.1:6379/0 and start again."
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
        # A session ends after this long without activity, and at the latest SESSION_MAX_SECONDS
        # after the sign-in (portal/accounts/sessions.py); the cookie lasts no longer than that.
        "SESSION_IDLE_SECONDS_STAFF": _int("BRYGGA_SESSION_IDLE_MINUTES_STAFF", 30) * 60,
        "SESSION_IDLE_SECONDS_EMPLOYER": _int("BRYGGA_SESSION_IDLE_MINUTES_EMPLOYER", 120) * 60,
        "SESSION_MAX_SECONDS": _int("BRYGGA_SESSION_HOURS", 12) * 3600,
        "SESSION_WARNING_SECONDS": _int("BRYGGA_SESSION_WARNING_MINUTES", 5) * 60,
        "PERMANENT_SESSION_LIFETIME": _int("BRYGGA_SESSION_HOURS", 12) * 3600,
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
        # The municipality code of the one unit an installation from before units is moved into
        # (the migration reads it; README "Units and projects"). Empty: the placeholder 0000.
        "MUNICIPALITY_CODE": os.environ.get("BRYGGA_MUNICIPALITY_CODE", ""),
        # The accessibility statement (Lag 2018:1937): when it was made and when it was last reviewed.
        "ACCESSIBILITY_STATEMENT_DATE": _date("BRYGGA_ACCESSIBILITY_STATEMENT_DATE", "2026-12-08"),
        "ACCESSIBILITY_REVIEWED_DATE": _date("BRYGGA_ACCESSIBILITY_REVIEWED_DATE", "2026-12-08"),
        # Where to report a vulnerability (/.well-known/security.txt): an e-mail address or https:// URL.
        "SECURITY_CONTACT": os.environ.get("BRYGGA_SECURITY_CONTACT", ""),
        # How many proxies in front of the app set X-Forwarded-For/-Proto (the TLS proxy: 1).
        "PROXY_HOPS": _int("BRYGGA_PROXY_HOPS", 0),
        # Rate limits (flask-limiter); memory:// is per process, production requires redis://.
        "RATELIMIT_STORAGE_URI": ratelimit_storage,
        "RATELIMIT_ENABLED": _bool("BRYGGA_RATELIMIT_ENABLED", True),
        # A moving window: "10 per 15 minutes" means in any 15 minutes, with no burst at a window's edge.
        "RATELIMIT_STRATEGY": os.environ.get("BRYGGA_RATELIMIT_STRATEGY", "moving-window"),
        "RATELIMIT_KEY_PREFIX": os.environ.get("BRYGGA_RATELIMIT_KEY_PREFIX", "brygga"),
        "RATELIMIT_HEADERS_ENABLED": False,  # the 429 page sets Retry-After itself
        # While Redis does not answer, each process counts in memory (and logs it) rather than failing every sign-in.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Every limit of a request counts and is checked, so the 429 page names the longest wait.
        "RATELIMIT_FAIL_ON_FIRST_BREACH": False,
        # Per client address: sign-in, password reset, registration, a new confirmation link.
        "LOGIN_RATE_LIMIT": os.environ.get("BRYGGA_LOGIN_RATE_LIMIT", "10 per minute"),
        # Per account (the e-mail address typed): failed sign-ins; a browser that signed in to the account before has its own count.
        "SIGN_IN_ACCOUNT_RATE_LIMIT": os.environ.get("BRYGGA_SIGN_IN_ACCOUNT_RATE_LIMIT", "10 per 15 minutes"),
        # Per account: reset and confirmation-link mails asked for.
        "MAIL_LINK_ACCOUNT_RATE_LIMIT": os.environ.get("BRYGGA_MAIL_LINK_ACCOUNT_RATE_LIMIT", "5 per hour"),
        # Per client address: registrations accepted.
        "REGISTRATION_RATE_LIMIT": os.environ.get("BRYGGA_REGISTRATION_RATE_LIMIT", "10 per hour"),
        # Per organisation number: registrations accepted, so join requests mailed to an organisation.
        "JOIN_REQUEST_RATE_LIMIT": os.environ.get("BRYGGA_JOIN_REQUEST_RATE_LIMIT", "3 per day"),
        # Per client address: what a signed-out employer typed, kept to be resumed after sign-in.
        "FORM_STASH_RATE_LIMIT": os.environ.get("BRYGGA_FORM_STASH_RATE_LIMIT", "10 per hour"),
        # Per client address: accessibility problems reported that went through (each mails the coordinator).
        "ACCESSIBILITY_REPORT_RATE_LIMIT": os.environ.get("BRYGGA_ACCESSIBILITY_REPORT_RATE_LIMIT", "5 per hour"),
        # Per client address: posts to e-mailed links (reset, invitation, confirmation).
        "LINK_RATE_LIMIT": os.environ.get("BRYGGA_LINK_RATE_LIMIT", "30 per hour"),
        # How long a browser that signed in is known to the account's sign-in limit.
        "KNOWN_BROWSER_DAYS": _int("BRYGGA_KNOWN_BROWSER_DAYS", 90),
        "PASSWORD_MIN_LENGTH": _int("BRYGGA_PASSWORD_MIN_LENGTH", 12),
        # Wrong second-factor codes in a row before the password must be given again.
        "SECOND_FACTOR_MAX_FAILURES": 5,
        "INVITATION_DAYS": 7,
        # Open requests to join one organisation that may be made in a day (each mails its members).
        "JOIN_REQUESTS_PER_DAY": _int("BRYGGA_JOIN_REQUESTS_PER_DAY", 5),
        # Introductions one organisation may have waiting for a consultant's answer (each holds a time).
        "OPEN_INTRODUCTIONS_PER_ORGANISATION": _int("BRYGGA_OPEN_INTRODUCTIONS_PER_ORGANISATION", 10),
        "PASSWORD_RESET_MINUTES": 60,
        # How long personal data is kept; portal/privacy/retention.py says what each covers and why,
        # and `flask privacy enforce` erases or de-identifies what is past it.
        "RETAIN_PARTICIPANT_MONTHS": _int("BRYGGA_RETAIN_PARTICIPANT_MONTHS", 24),
        "RETAIN_CLOSED_INTEREST_MONTHS": _int("BRYGGA_RETAIN_CLOSED_INTEREST_MONTHS", 6),
        "RETAIN_MEETING_MONTHS": _int("BRYGGA_RETAIN_MEETING_MONTHS", 12),
        "RETAIN_OUTBOX_DAYS": _int("BRYGGA_RETAIN_OUTBOX_DAYS", 30),
        "RETAIN_AUDIT_DETAIL_MONTHS": _int("BRYGGA_RETAIN_AUDIT_DETAIL_MONTHS", 36),
        "RETAIN_UNCONFIRMED_REGISTRATION_DAYS": _int("BRYGGA_RETAIN_UNCONFIRMED_REGISTRATION_DAYS", 30),
        "RETAIN_SPENT_LINK_DAYS": _int("BRYGGA_RETAIN_SPENT_LINK_DAYS", 30),
    }
    too_short = sorted(
        f"BRYGGA_{key}" for key in config if key.startswith("RETAIN_") and config[key] < 1
    )
    if too_short:
        # A period of 0 would have the nightly job erase everyone who ended yesterday.
        raise ConfigurationError(", ".join(too_short) + " must be at least 1. Set a period and start again.")
    if database_url.startswith("sqlite"):
        # One connection per use keeps SQLite files unlocked between requests and tests.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"poolclass": NullPool}
    else:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    return config
