"""The dashboards' index (issue 13): the index of an ecosystem's memberships by status also
holds their deletion, organisation and decision date, so that the cockpit counts members by
kind and region, and joins certificates and service requests to their ecosystem, from the
index alone (the member lists keep reading it in the order of the request date).

Revision ID: 0024_dashboard_index
Revises: 0023_open_data
Create Date: 2026-11-29 00:30:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0024_dashboard_index"
down_revision = "0023_open_data"
branch_labels = None
depends_on = None

NAME = "ix_memberships_ecosystem_status_requested_at_id"
BEFORE = ["ecosystem_id", "status", "requested_at", "id"]
AFTER = [*BEFORE, "deleted_at", "organisation_id", "decided_at"]


def upgrade():
    op.drop_index(NAME, table_name="memberships")
    op.create_index(NAME, "memberships", AFTER)


def downgrade():
    op.drop_index(NAME, table_name="memberships")
    op.create_index(NAME, "memberships", BEFORE)
