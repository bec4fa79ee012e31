"""Units and projects: staff, participants and organisations belong to a unit; an existing installation moves into one

Revision ID: a6d4f2b8c0e9
Revises: e3b8c1d4f7a2
Create Date: 2026-12-08 01:00:00

"""
from alembic import op
import sqlalchemy as sa

import portal.db_types


# revision identifiers, used by Alembic.
revision = 'a6d4f2b8c0e9'
down_revision = 'e3b8c1d4f7a2'
branch_labels = None
depends_on = None

# Not a municipality: shown as unknown until the administrator sets the real code
# (`flask units set-municipality`), for an installation migrated without BRYGGA_MUNICIPALITY_CODE.
PLACEHOLDER_CODE = '0000'


def _settings() -> tuple[str, str]:
    from flask import current_app

    name = current_app.config.get('ORGANISATION_NAME') or 'Arbetsmarknadsenheten'
    code = current_app.config.get('MUNICIPALITY_CODE') or PLACEHOLDER_CODE
    return name, code


def upgrade():
    op.create_table(
        'unit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('municipality_code', sa.String(length=4), nullable=False),
        sa.Column('contact_name', sa.String(length=200), nullable=False),
        sa.Column('contact_email', sa.String(length=254), nullable=False),
        sa.Column('contact_phone', sa.String(length=40), nullable=False),
        sa.Column('email_name', sa.String(length=200), nullable=False),
        sa.Column('opens_at', sa.Time(), nullable=True),
        sa.Column('closes_at', sa.Time(), nullable=True),
        sa.Column('created_at', portal.db_types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
        sa.UniqueConstraint('name', name=op.f('uq_unit_name')),
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_municipality_code'), ['municipality_code'], unique=False)
    op.create_table(
        'project',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('esf_number', sa.String(length=20), nullable=False),
        sa.Column('reports_to_esf', sa.Boolean(), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('target_group', sa.Text(), nullable=False),
        sa.Column('created_at', portal.db_types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
        sa.UniqueConstraint('name', name=op.f('uq_project_name')),
    )
    op.create_table(
        'project_unit',
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_unit_project_id_project'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_project_unit_unit_id_unit'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('project_id', 'unit_id', name=op.f('pk_project_unit')),
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_account_unit_id'), ['unit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_account_unit_id_unit'), 'unit', ['unit_id'], ['id'])
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_invitation_unit_id_unit'), 'unit', ['unit_id'], ['id'])
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisation_unit_id'), ['unit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organisation_unit_id_unit'), 'unit', ['unit_id'], ['id'])
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('project_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_participant_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_project_id'), ['project_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_participant_unit_id_unit'), 'unit', ['unit_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_participant_project_id_project'), 'project', ['project_id'], ['id'])

    # An installation with records moves into one unit: every staff member, staff invitation,
    # participant and organisation joins it. A new, empty installation gets no unit here: its
    # administrator creates them (`flask units create`).
    bind = op.get_bind()
    staff = "role IN ('coordinator', 'consultant')"
    in_use = bind.execute(sa.text(
        f"SELECT (SELECT count(*) FROM user_account WHERE {staff}) + (SELECT count(*) FROM participant)"
        " + (SELECT count(*) FROM organisation) + (SELECT count(*) FROM invitation WHERE organisation_id IS NULL)"
    )).scalar()
    if in_use:
        name, code = _settings()
        unit = sa.table(
            'unit', sa.column('name'), sa.column('municipality_code'), sa.column('contact_name'),
            sa.column('contact_email'), sa.column('contact_phone'), sa.column('email_name'),
            sa.column('created_at', portal.db_types.UTCDateTime()),
        )
        from portal.clock import now

        op.bulk_insert(unit, [{
            'name': name, 'municipality_code': code, 'contact_name': '', 'contact_email': '',
            'contact_phone': '', 'email_name': '', 'created_at': now(),
        }])
        unit_id = bind.execute(sa.text("SELECT id FROM unit WHERE name = :name"), {'name': name}).scalar_one()
        for statement in (
            f"UPDATE user_account SET unit_id = :unit WHERE {staff}",
            f"UPDATE invitation SET unit_id = :unit WHERE {staff} AND organisation_id IS NULL",
            "UPDATE participant SET unit_id = :unit",
            "UPDATE organisation SET unit_id = :unit",
        ):
            bind.execute(sa.text(statement), {'unit': unit_id})
    # Every participant now has a unit, and the model requires one.
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=False)


def downgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_participant_project_id_project'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_participant_unit_id_unit'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_participant_project_id'))
        batch_op.drop_index(batch_op.f('ix_participant_unit_id'))
        batch_op.drop_column('project_id')
        batch_op.drop_column('unit_id')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisation_unit_id_unit'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisation_unit_id'))
        batch_op.drop_column('unit_id')
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitation_unit_id_unit'), type_='foreignkey')
        batch_op.drop_column('unit_id')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_account_unit_id_unit'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_account_unit_id'))
        batch_op.drop_column('unit_id')
    # The administrator's accounts have no place without units (the invitations they sent stay, unsigned).
    admins = "SELECT id FROM user_account WHERE role = 'admin'"
    op.execute(f"UPDATE invitation SET invited_by_id = NULL WHERE invited_by_id IN ({admins})")
    op.execute(f"UPDATE audit_event SET actor_id = NULL WHERE actor_id IN ({admins})")
    op.execute(f"DELETE FROM sign_in WHERE user_id IN ({admins})")
    op.execute(f"DELETE FROM recovery_code WHERE user_id IN ({admins})")
    op.execute(f"DELETE FROM second_factor WHERE user_id IN ({admins})")
    op.execute(f"DELETE FROM password_reset WHERE user_id IN ({admins})")
    op.execute("DELETE FROM user_account WHERE role = 'admin'")
    op.drop_table('project_unit')
    op.drop_table('project')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_municipality_code'))
    op.drop_table('unit')
