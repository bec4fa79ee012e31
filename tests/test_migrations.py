"""The models and the migrations agree, and the migrations run down and up again."""

from __future__ import annotations

import secrets

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.extensions import db as _db
from tests.conftest import BACKEND, ROOT, _postgres_url

MIGRATIONS = str(ROOT / "migrations")


def _differences(engine) -> list:
    """What autogenerate would write if run now; nothing is ignored."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
        return compare_metadata(context, _db.metadata)


def test_the_migrated_database_matches_the_models(app):
    with app.app_context():
        assert _differences(_db.engine) == []


@pytest.fixture
def scratch_database(tmp_path):
    """Settings for a database of this test's own: a SQLite file, or a PostgreSQL schema dropped after."""
    if BACKEND != "postgresql":
        yield {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrations.sqlite'}",
               "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool}}
        return
    url = _postgres_url()
    schema = f"brygga_migrations_{secrets.token_hex(4)}"
    admin = create_engine(url, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield {"SQLALCHEMY_DATABASE_URI": url,
               "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool, "connect_args": {"options": f"-csearch_path={schema}"}}}
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_downgrade_to_base_and_upgrade_to_head_again(scratch_database):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "RATELIMIT_ENABLED": False, **scratch_database})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        tables = set(inspect(_db.engine).get_table_names())
        assert set(_db.metadata.tables) <= tables

        downgrade(directory=MIGRATIONS, revision="base")
        assert set(inspect(_db.engine).get_table_names()) <= {"alembic_version"}

        upgrade(directory=MIGRATIONS)
        assert set(inspect(_db.engine).get_table_names()) == tables
        assert _differences(_db.engine) == []
        _db.engine.dispose()
