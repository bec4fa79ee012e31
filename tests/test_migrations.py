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


# An installation from before units: its records move into one unit, and back out again.
UNITS_REVISION = "a6d4f2b8c0e9"


def _insert(connection, table_name: str, **values) -> int:
    """Insert a row, filling every other required column with a plain value of its type."""
    import datetime

    import sqlalchemy as sa

    table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
    for column in table.columns:
        if column.name in values or column.nullable or column.primary_key or column.server_default is not None:
            continue
        python_type = column.type.python_type
        values[column.name] = {
            str: "x", int: 1, bool: False, datetime.date: datetime.date(2026, 1, 1),
            datetime.datetime: datetime.datetime(2026, 1, 1, 9), list: [], dict: {},
        }[python_type]
    return connection.execute(table.insert().values(**values)).inserted_primary_key[0]


def test_an_installation_with_records_moves_into_one_unit_and_back(scratch_database):
    from alembic.script import ScriptDirectory

    before = ScriptDirectory(MIGRATIONS).get_revision(UNITS_REVISION).down_revision
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "RATELIMIT_ENABLED": False, **scratch_database,
                      "ORGANISATION_NAME": "Arbetsmarknadsenheten Karlskrona", "MUNICIPALITY_CODE": "1080"})
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision=before)
        with _db.engine.begin() as connection:
            coordinator = _insert(connection, "user_account", email="k@example.se", role="coordinator", organisation_id=None)
            consultant = _insert(connection, "user_account", email="c@example.se", role="consultant", organisation_id=None)
            organisation = _insert(connection, "organisation", organisation_number="556677-8899", kind="company")
            employer = _insert(connection, "user_account", email="e@example.se", role="employer", organisation_id=organisation)
            participant = _insert(connection, "participant", consultant_id=consultant, gender="woman", swedish_level="a_little")
            invitation = _insert(connection, "invitation", email="ny@example.se", role="consultant", token_hash="h" * 64,
                                 organisation_id=None, invited_by_id=coordinator)

        upgrade(directory=MIGRATIONS, revision=UNITS_REVISION)
        with _db.engine.connect() as connection:
            [(unit_id, name, code)] = connection.execute(text("SELECT id, name, municipality_code FROM unit")).all()
            assert (name, code) == ("Arbetsmarknadsenheten Karlskrona", "1080")
            users = dict(connection.execute(text("SELECT id, unit_id FROM user_account")).all())
            assert users == {coordinator: unit_id, consultant: unit_id, employer: None}
            assert connection.execute(text("SELECT unit_id, project_id FROM participant WHERE id = :id"), {"id": participant}).one() == (unit_id, None)
            assert connection.execute(text("SELECT unit_id FROM organisation")).scalar_one() == unit_id
            assert connection.execute(text("SELECT unit_id FROM invitation WHERE id = :id"), {"id": invitation}).scalar_one() == unit_id
        participant_columns = {column["name"]: column for column in inspect(_db.engine).get_columns("participant")}
        assert participant_columns["unit_id"]["nullable"] is False
        with _db.engine.begin() as connection:
            # The administrator made after the move, who invited a coordinator: gone on the way down.
            admin = _insert(connection, "user_account", email="admin@example.se", role="admin", organisation_id=None)
            _insert(connection, "invitation", email="ny.k@example.se", role="coordinator", token_hash="i" * 64,
                    organisation_id=None, invited_by_id=admin, unit_id=unit_id)

        downgrade(directory=MIGRATIONS, revision=before)
        inspector = inspect(_db.engine)
        assert "unit" not in inspector.get_table_names() and "project" not in inspector.get_table_names()
        assert "unit_id" not in {column["name"] for column in inspector.get_columns("participant")}
        with _db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM participant")).scalar_one() == 1
            roles = sorted(connection.execute(text("SELECT role FROM user_account")).scalars())
            assert roles == ["consultant", "coordinator", "employer"]
            assert connection.execute(text("SELECT count(*) FROM invitation")).scalar_one() == 2
        _db.engine.dispose()


def test_a_new_installation_gets_no_unit_from_the_migration(scratch_database):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "RATELIMIT_ENABLED": False, **scratch_database})
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision=UNITS_REVISION)
        with _db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM unit")).scalar_one() == 0
        _db.engine.dispose()
