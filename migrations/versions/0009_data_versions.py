"""The version token of each table's data, for figures cached until their data changes.

Revision ID: 0009_data_versions
Revises: 0008_invitations_expert
Create Date: 2026-11-28 13:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_data_versions'
down_revision = '0008_invitations_expert'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_versions',
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('table_name', name=op.f('pk_data_versions'))
    )


def downgrade():
    op.drop_table('data_versions')
