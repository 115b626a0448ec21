"""Management reviews (issue 14, item 4): when an organisation reviewed its quality system,
which inputs of ISO 9001's clause 9.3.2 it covered, and what it decided.

Revision ID: 0028_management_reviews
Revises: 0027_quality_policies
Create Date: 2026-11-29 02:15:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0028_management_reviews"
down_revision = "0027_quality_policies"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "management_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("inputs", sa.String(length=20), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_management_reviews_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_management_reviews_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_management_reviews")),
    )
    op.create_index(
        op.f("ix_management_reviews_organisation_id"), "management_reviews", ["organisation_id"]
    )


def downgrade():
    op.drop_index(op.f("ix_management_reviews_organisation_id"), table_name="management_reviews")
    op.drop_table("management_reviews")
