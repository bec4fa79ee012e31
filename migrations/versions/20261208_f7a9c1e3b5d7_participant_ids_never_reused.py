"""Participant ids are never reused on SQLite (AUTOINCREMENT), as on PostgreSQL

An erased participant's id stays in the log's links (audit_participant) and on the mail that was
about them; without AUTOINCREMENT, SQLite gives the highest id again after a delete, and the next
person registered would inherit the erased person's log and mail in Loggkontroll and the export.

Revision ID: f7a9c1e3b5d7
Revises: a6d4f2b8c0e9
Create Date: 2026-12-08 01:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f7a9c1e3b5d7'
down_revision = 'a6d4f2b8c0e9'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('participant', recreate='always', table_kwargs={'sqlite_autoincrement': True}):
            pass


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('participant', recreate='always', table_kwargs={'sqlite_autoincrement': False}):
            pass
