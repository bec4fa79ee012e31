"""Meetings: the column `state` is called `status`, like every other record's

The check that a meeting has a time unless times are proposed, and on PostgreSQL the exclusion
constraint that keeps a consultant's held and confirmed meetings from overlapping, name the
column: both are dropped and made again with the new name.

Revision ID: 9c1e5d2a7b40
Revises: 4b2128e8e768
Create Date: 2026-12-03 09:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9c1e5d2a7b40'
down_revision = '4b2128e8e768'
branch_labels = None
depends_on = None

STATUSES = ('requested', 'proposed', 'confirmed', 'declined', 'cancelled', 'lapsed')


def _rename(old: str, new: str, enum_name: str) -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("ALTER TABLE meeting DROP CONSTRAINT IF EXISTS meeting_no_overlap")
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_meeting_has_time'), type_='check')
        batch_op.alter_column(
            old,
            new_column_name=new,
            existing_type=sa.Enum(*STATUSES, name=enum_name, native_enum=False, length=20),
            existing_nullable=False,
        )
        batch_op.create_check_constraint(
            batch_op.f('ck_meeting_has_time'), f"{new} = 'proposed' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)"
        )
    if postgresql:
        # As in 43bb9cf17ba1: never two held (requested) or confirmed meetings of one consultant at once.
        op.execute(
            "ALTER TABLE meeting ADD CONSTRAINT meeting_no_overlap EXCLUDE USING gist "
            "(consultant_id WITH =, tsrange(starts_at, ends_at, '[)') WITH &&) "
            f"WHERE ({new} IN ('requested', 'confirmed'))"
        )


def upgrade():
    _rename('state', 'status', 'meetingstate')


def downgrade():
    _rename('status', 'state', 'meetingstatus')
