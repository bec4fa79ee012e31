"""Audit: which participants each row concerns (audit_participant), and indexes for following up the log

Revision ID: d9a4e7b1c3f5
Revises: b7e4a1c9d2f3
Create Date: 2026-12-03 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9a4e7b1c3f5'
down_revision = 'b7e4a1c9d2f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_participant',
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('audit_event_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['audit_event_id'], ['audit_event.id'], name=op.f('fk_audit_participant_audit_event_id_audit_event'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('participant_id', 'audit_event_id', name=op.f('pk_audit_participant')),
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_actor_at', ['actor_id', 'at'], unique=False)
        batch_op.create_index('ix_audit_event_action_at', ['action', 'at'], unique=False)
    # The rows already written: their subject, and the participant ids in their detail.
    if op.get_bind().dialect.name == 'postgresql':
        one = "CASE WHEN json_typeof(detail->'{key}') = 'number' THEN (detail->>'{key}')::int END"
        listed = ("SELECT (e.value)::int, a.id FROM audit_event a, json_array_elements_text("
                  "CASE WHEN json_typeof(a.detail->'participant_ids') = 'array' THEN a.detail->'participant_ids' "
                  "ELSE '[]'::json END) e WHERE e.value ~ '^[0-9]+$'")
    else:
        one = "CASE WHEN json_type(detail, '$.{key}') = 'integer' THEN json_extract(detail, '$.{key}') END"
        listed = ("SELECT e.value, a.id FROM audit_event a, json_each(a.detail, '$.participant_ids') e "
                  "WHERE json_type(a.detail, '$.participant_ids') = 'array' AND e.type = 'integer'")
    keyed = " UNION ".join(
        f"SELECT {one.format(key=key)}, id FROM audit_event WHERE {one.format(key=key)} IS NOT NULL"
        for key in ('participant', 'participant_id')
    )
    op.execute(
        "INSERT INTO audit_participant (participant_id, audit_event_id) "
        "SELECT subject_id, id FROM audit_event WHERE subject_type = 'participant' AND subject_id IS NOT NULL "
        f"UNION {keyed} UNION {listed}"
    )


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_action_at')
        batch_op.drop_index('ix_audit_event_actor_at')
    op.drop_table('audit_participant')
