"""Fixtures: `app`, `db` (emptied after each test), `client`, `login_as`, a real SMTP server.

The suite runs on SQLite by default. With PORTAL_TEST_BACKEND=postgresql it runs against
PORTAL_TEST_DATABASE_URL in a schema of its own, created by the migrations and dropped after.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

import portal.clock
from portal import create_app
from portal.accounts.models import Role, User
from portal.extensions import db as _db
from portal.extensions import limiter
from tests import factories
from tests.smtp import SmtpServer

BACKEND = os.environ.get("PORTAL_TEST_BACKEND", "sqlite")
# Benchmarks run only with `make bench` (BRYGGA_BENCH=1), never inside the unit-test run.
collect_ignore = [] if os.environ.get("BRYGGA_BENCH") else ["perf"]
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_url() -> str:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if not url:
        pytest.exit("PORTAL_TEST_BACKEND=postgresql needs PORTAL_TEST_DATABASE_URL", returncode=2)
    return url.replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres://", "postgresql+psycopg://", 1)


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (and so its own `g` and session), as in production.

    Without this, a request made while a test holds an app context would reuse that context,
    and flask-login's cached user would leak from one request into the next.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def database(tmp_path_factory) -> Iterator[dict]:
    """A database of this run's own: a SQLite file, or a fresh PostgreSQL schema dropped after."""
    if BACKEND == "postgresql":
        url = _postgres_url()
        schema = f"brygga_test_{os.getpid()}_{secrets.token_hex(3)}"
        admin = create_engine(url, poolclass=NullPool)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield {
                "SQLALCHEMY_DATABASE_URI": url,
                "SQLALCHEMY_ENGINE_OPTIONS": {
                    "connect_args": {"options": f"-csearch_path={schema}"},
                    "pool_pre_ping": True,
                },
                "schema": schema,
            }
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    else:
        path = tmp_path_factory.mktemp("db") / "test.sqlite"
        yield {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool},
            "schema": None,
        }


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app(database, smtp_server, tmp_path_factory) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database["SQLALCHEMY_DATABASE_URI"],
            "SQLALCHEMY_ENGINE_OPTIONS": database["SQLALCHEMY_ENGINE_OPTIONS"],
            "WTF_CSRF_ENABLED": False,
            # Initialised (hooks and storage in place) so the rate_limits fixture can switch it on.
            "RATELIMIT_ENABLED": True,
            "MAIL_DELIVERY": "smtp",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": smtp_server.port,
            "BASE_URL": "http://localhost",
            "SERVER_NAME": None,
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app) -> Iterator:
    """The database inside an app context; every row is removed after the test."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as connection:
            for table in reversed(_db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def csrf_enabled(app) -> Iterator[None]:
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture(autouse=True)
def _rate_limits_off() -> None:
    # The limiter is one object shared by every app a test creates, and it reads
    # RATELIMIT_ENABLED only in init_app: switch it off here, not in app.config.
    limiter.enabled = False


@pytest.fixture
def rate_limits(app) -> Iterator[None]:
    limiter.enabled = True
    limiter.reset()
    yield
    limiter.reset()
    limiter.enabled = False


@pytest.fixture
def mailbox(smtp_server) -> Iterator[SmtpServer]:
    """The SMTP server's inbox, empty at the start of the test."""
    smtp_server.clear()
    yield smtp_server


def sign_in_client(client, user: User) -> None:
    """Put the user's session in the client's cookie, as a real sign-in would (for enrolled staff,
    both steps: a staff member without a second factor gets a session the app does not accept)."""
    from portal.accounts.models import SecondFactor
    from portal.accounts.sessions import SECOND_FACTOR_PASSED, SEEN_AT, SIGNED_IN_AT

    factor = _db.session.get(SecondFactor, user.id)
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[SIGNED_IN_AT] = session[SEEN_AT] = int(portal.clock.now().timestamp())
        if factor is not None and factor.confirmed_at is not None:
            session[SECOND_FACTOR_PASSED] = user.id


@pytest.fixture
def login_as(client, db):
    """login_as("coordinator") → a signed-in user of that role (an employer gets an organisation)."""

    def _login(role: str | Role, **overrides) -> User:
        user = factories.make_user(role=Role(role), **overrides)
        db.session.commit()
        sign_in_client(client, user)
        return user

    return _login


class Clock:
    """Test time that runs on from the real clock, shifted: `advance(delta)` or `set(instant)`.

    It keeps running (rather than standing still) because column defaults such as
    `created_at=now` hold the real function and must not end up ahead of the test's time.
    """

    def __init__(self, real_now):
        self._real_now = real_now
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return self._real_now() + self.offset

    def set(self, instant: datetime) -> datetime:
        if instant.tzinfo is None:
            raise ValueError("give the clock an aware datetime")
        self.offset = instant - self._real_now()
        return instant

    def advance(self, delta: timedelta) -> datetime:
        self.offset += delta
        return self()


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """Move time; modules that did `from portal.clock import now` follow too."""
    real_now = portal.clock.now
    fake = Clock(real_now)
    for name, module in list(sys.modules.items()):
        if (name == "portal" or name.startswith("portal.")) and getattr(module, "now", None) is real_now:
            monkeypatch.setattr(module, "now", fake)
    return fake
