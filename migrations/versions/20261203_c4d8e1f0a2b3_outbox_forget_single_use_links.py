"""Outbox: a sent message that held a single-use link keeps its metadata only

Revision ID: c4d8e1f0a2b3
Revises: b7f3a9c2d115
Create Date: 2026-12-03 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d8e1f0a2b3'
down_revision = 'b7f3a9c2d115'
branch_labels = None
depends_on = None

SINGLE_USE = ('password_reset', 'invitation', 'employer_confirm_email')
FORGOTTEN = "(removed when sent: it held a single-use link)"


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forget_body_when_sent', sa.Boolean(), server_default=sa.false(), nullable=False))
    message = sa.table('outbox_message', sa.column('template', sa.String), sa.column('sent_at', sa.DateTime),
                       sa.column('body_text', sa.Text), sa.column('body_html', sa.Text),
                       sa.column('forget_body_when_sent', sa.Boolean))
    op.execute(message.update().where(message.c.template.in_(SINGLE_USE)).values(forget_body_when_sent=True))
    # Links already sent lose their body now, as later ones will when they are sent.
    op.execute(message.update().where(message.c.template.in_(SINGLE_USE), message.c.sent_at.is_not(None))
               .values(body_text=FORGOTTEN, body_html=FORGOTTEN))


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('forget_body_when_sent')
