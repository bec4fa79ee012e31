"""Outbox: a message that fails by itself is counted and, after a few tries, set aside as dead

Revision ID: a1c0ffee0b0d
Revises: 9c1e5d2a7b40
Create Date: 2026-12-03 09:20:00

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'a1c0ffee0b0d'
down_revision = '9c1e5d2a7b40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_failures', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('dead_at', portal.db_types.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('dead_at')
        batch_op.drop_column('message_failures')
