"""participants: the consultants' caseload

Revision ID: f42ee7f4eda8
Revises: 4fecacd0a7cf
Create Date: 2026-11-24 23:36:16.771245

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'f42ee7f4eda8'
down_revision = '4fecacd0a7cf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=False),
    sa.Column('gender', sa.Enum('woman', 'man', 'other', 'undisclosed', name='gender', native_enum=False, length=20), nullable=False),
    sa.Column('wishes', sa.Text(), nullable=False),
    sa.Column('industries', sa.JSON(), nullable=False),
    sa.Column('tasks_done', sa.JSON(), nullable=False),
    sa.Column('tasks_done_other', sa.JSON(), nullable=False),
    sa.Column('tasks_wanted', sa.JSON(), nullable=False),
    sa.Column('tasks_wanted_other', sa.JSON(), nullable=False),
    sa.Column('swedish_level', sa.Enum('none', 'a_little', 'everyday', 'good', name='swedishlevel', native_enum=False, length=20), nullable=False),
    sa.Column('other_languages', sa.JSON(), nullable=False),
    sa.Column('hours_per_week_min', sa.Integer(), nullable=False),
    sa.Column('hours_per_week_max', sa.Integer(), nullable=False),
    sa.Column('times_of_day', sa.JSON(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=False),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('travel', sa.JSON(), nullable=False),
    sa.Column('driving_licence', sa.Boolean(), nullable=False),
    sa.Column('needs', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('active', 'paused', 'placed', 'ended', name='participantstatus', native_enum=False, length=20), nullable=False),
    sa.Column('outcome', sa.Enum('job', 'studies', 'other', name='outcome', native_enum=False, length=20), nullable=True),
    sa.Column('created_at', portal.db_types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', portal.db_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultant_id'], ['user_account.id'], name=op.f('fk_participant_consultant_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_consultant_id'), ['consultant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_status'))
        batch_op.drop_index(batch_op.f('ix_participant_consultant_id'))

    op.drop_table('participant')
