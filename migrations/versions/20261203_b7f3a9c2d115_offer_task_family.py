"""Offer tasks: the task family each belongs to, and the example a task carries by name only

Revision ID: b7f3a9c2d115
Revises: a1c0ffee0b0d
Create Date: 2026-12-03 14:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7f3a9c2d115'
down_revision = 'a1c0ffee0b0d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offer_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family', sa.String(length=40), nullable=True))

    # Tie the tasks that exist to the vocabulary: a task from an example takes the example's
    # family; a task written with an example's exact name is that example. Tasks in the
    # employer's own words stay unanswered: the wizard asks for their family.
    from portal.reference.task_examples import example_by_id, example_named

    bind = op.get_bind()
    task = sa.table('offer_task', sa.column('id', sa.Integer), sa.column('name', sa.String),
                    sa.column('example_id', sa.String), sa.column('family', sa.String))
    for row in bind.execute(sa.select(task.c.id, task.c.name, task.c.example_id)).all():
        example = example_by_id(row.example_id) if row.example_id else example_named(row.name or "")
        if example is not None:
            bind.execute(task.update().where(task.c.id == row.id).values(example_id=example.id, family=example.family))


def downgrade():
    with op.batch_alter_table('offer_task', schema=None) as batch_op:
        batch_op.drop_column('family')
