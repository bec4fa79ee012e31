"""What each employer organisation has been shown of each candidate (candidate_disclosure)

Revision ID: e3b5c7d9f1a2
Revises: d9a4e7b1c3f5
Create Date: 2026-12-08 00:40:00

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'e3b5c7d9f1a2'
down_revision = 'd9a4e7b1c3f5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'candidate_disclosure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('consistent_ids', sa.JSON(), nullable=False),
        sa.Column('shown', sa.JSON(), nullable=False),
        sa.Column('first_shown_at', portal.db_types.UTCDateTime(), nullable=False),
        sa.Column('updated_at', portal.db_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_candidate_disclosure_organisation_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_candidate_disclosure_participant_id_participant'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_disclosure')),
        sa.UniqueConstraint('organisation_id', 'participant_id', name='uq_candidate_disclosure_organisation_participant'),
    )
    with op.batch_alter_table('candidate_disclosure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_disclosure_participant_id'), ['participant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('candidate_disclosure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_disclosure_participant_id'))
    op.drop_table('candidate_disclosure')
