"""The conventions list filtered on one ecosystem (the ecosystem page's "All the
conventions" link) reads (ecosystem_id, signed_on, id) in order.

Revision ID: 0014_conventions_ecosystem
Revises: 0013_training
Create Date: 2026-11-28 15:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014_conventions_ecosystem'
down_revision = '0013_training'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.create_index(
            'ix_conventions_ecosystem_signed', ['ecosystem_id', 'signed_on', 'id'], unique=False,
            postgresql_ops={'signed_on': 'NULLS FIRST'},
        )


def downgrade():
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_index('ix_conventions_ecosystem_signed')
