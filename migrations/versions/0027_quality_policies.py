"""An organisation's quality policy (issue 14, item 4): its versions in French and Arabic,
with who approved each and when.

Revision ID: 0027_quality_policies
Revises: 0026_case_plan
Create Date: 2026-11-29 02:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027_quality_policies"
down_revision = "0026_case_plan"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "quality_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_fr", sa.Text(), nullable=False),
        sa.Column("text_ar", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_quality_policies_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_quality_policies_recorded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_policies")),
        sa.UniqueConstraint(
            "organisation_id", "version", name=op.f("uq_quality_policies_organisation_id_version")
        ),
    )
    op.create_index(
        op.f("ix_quality_policies_organisation_id"), "quality_policies", ["organisation_id"]
    )


def downgrade():
    op.drop_index(op.f("ix_quality_policies_organisation_id"), table_name="quality_policies")
    op.drop_table("quality_policies")
