"""Indexes for the member lists and directories (issue 11): every order the lists offer
reads through an index ending with the id that breaks ties; the planner's statistics are
refreshed so it knows how many members an ecosystem has.

Revision ID: 0011_members
Revises: 0010_casework
Create Date: 2026-11-28 14:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011_members'
down_revision = '0010_casework'
branch_labels = None
depends_on = None

ORGANISATION_INDEXES = {
    'ix_organisations_name_fr_id': ['name_fr', 'id'],
    'ix_organisations_name_ar_id': ['name_ar', 'id'],
    'ix_organisations_region_name_fr_id': ['region', 'name_fr', 'id'],
    'ix_organisations_region_name_ar_id': ['region', 'name_ar', 'id'],
    'ix_organisations_created_at_id': ['created_at', 'id'],
}
MEMBERSHIP_INDEXES = {
    'ix_memberships_ecosystem_requested_at_id': ['ecosystem_id', 'requested_at', 'id'],
    'ix_memberships_ecosystem_status_requested_at_id': [
        'ecosystem_id', 'status', 'requested_at', 'id'
    ],
}


def upgrade():
    for name, columns in ORGANISATION_INDEXES.items():
        op.create_index(name, 'organisations', columns, unique=False)
    for name, columns in MEMBERSHIP_INDEXES.items():
        op.create_index(name, 'memberships', columns, unique=False)
    # The planner chooses between reading members in name order and sorting them from what
    # it knows of the tables: tell it (SQLite keeps no statistics until asked).
    op.execute('ANALYZE organisations')
    op.execute('ANALYZE memberships')


def downgrade():
    for name in MEMBERSHIP_INDEXES:
        op.drop_index(name, table_name='memberships')
    for name in ORGANISATION_INDEXES:
        op.drop_index(name, table_name='organisations')
