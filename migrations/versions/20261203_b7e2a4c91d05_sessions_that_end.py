"""Accounts: a coordinator can switch an account off; each person's recent sign-ins

Revision ID: b7e2a4c91d05
Revises: b2f4c6d8e0a1
Create Date: 2026-12-03 13:50:00

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'b7e2a4c91d05'
down_revision = 'b2f4c6d8e0a1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deactivated_at', portal.db_types.UTCDateTime(), nullable=True))
    op.create_table('sign_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signed_in_at', portal.db_types.UTCDateTime(), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=False),
    sa.Column('browser', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sign_in_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in'))
    )
    with op.batch_alter_table('sign_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_user_id'))
    op.drop_table('sign_in')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('deactivated_at')
