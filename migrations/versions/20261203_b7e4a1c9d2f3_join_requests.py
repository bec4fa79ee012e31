"""Requests to join an organisation: kept for its members to answer, limited per address and per day

Revision ID: b7e4a1c9d2f3
Revises: b7e2a4c91d05
Create Date: 2026-12-03 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'b7e4a1c9d2f3'
down_revision = 'b7e2a4c91d05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'join_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('created_at', portal.db_types.UTCDateTime(), nullable=False),
        sa.Column('closed_at', portal.db_types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_join_request_organisation_id_organisation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_join_request')),
    )
    with op.batch_alter_table('join_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_join_request_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('join_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_join_request_organisation_id'))
    op.drop_table('join_request')
