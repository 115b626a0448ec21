"""The dashboards' index (issue 13): an ecosystem's live memberships with the organisation
and the decision date, so that the cockpit counts members by kind and region, and joins
certificates and service requests to their ecosystem, from the index alone.

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


def upgrade():
    op.create_index(
        "ix_memberships_ecosystem_status_live",
        "memberships",
        ["ecosystem_id", "status", "deleted_at", "organisation_id", "decided_at"],
    )


def downgrade():
    op.drop_index("ix_memberships_ecosystem_status_live", table_name="memberships")
