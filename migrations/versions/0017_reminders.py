"""Reminders sent (issue 12): one row per kind, record and occasion, so that
``flask reminders send`` reminds once however often it runs.

Revision ID: 0017_reminders
Revises: 0016_outbox
Create Date: 2026-11-28 21:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017_reminders'
down_revision = '0016_outbox'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reminders_sent',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=60), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('occasion', sa.String(length=40), nullable=False),
        sa.Column('sent_on', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders_sent')),
        sa.UniqueConstraint(
            'kind', 'subject_id', 'occasion', name=op.f('uq_reminders_sent_kind_subject_id_occasion')
        ),
    )


def downgrade():
    op.drop_table('reminders_sent')
