"""Removed employer accounts and organisations (removed_at), and the participant an e-mail is about

Revision ID: e3b8c1d4f7a2
Revises: e5c1b7d3a9f2
Create Date: 2026-12-08 00:30:00

"""
from alembic import op
import sqlalchemy as sa

from portal.db_types import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'e3b8c1d4f7a2'
down_revision = 'e5c1b7d3a9f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', UTCDateTime(), nullable=True))
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', UTCDateTime(), nullable=True))
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about_participant_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_about_participant_id'), ['about_participant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_about_participant_id'))
        batch_op.drop_column('about_participant_id')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('removed_at')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('removed_at')
