"""Retention: when a participant's participation ended, and which audit rows were de-identified

Revision ID: e5c1b7d3a9f2
Revises: e3b5c7d9f1a2
Create Date: 2026-12-08 00:30:00

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'e5c1b7d3a9f2'
down_revision = 'e3b5c7d9f1a2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ended_at', portal.db_types.UTCDateTime(), nullable=True))
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deidentified_at', portal.db_types.UTCDateTime(), nullable=True))
        batch_op.create_index('ix_audit_event_deidentified_at_at', ['deidentified_at', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_deidentified_at_at')
        batch_op.drop_column('deidentified_at')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('ended_at')
