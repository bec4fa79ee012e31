"""Offers: the area the workplace is in (nullable: offers approved before it was asked have none)

Revision ID: 4b2128e8e768
Revises: 43bb9cf17ba1
Create Date: 2026-11-25 00:17:53.700660

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = '4b2128e8e768'
down_revision = '43bb9cf17ba1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area', sa.String(length=40), nullable=True))



def downgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_column('area')

