"""The published open data (issue 13, item 5): one row per ecosystem, region, year and
measure, already suppressed, rebuilt once a day; the page and downloads read only it.

Revision ID: 0023_open_data
Revises: 0022_bound_indicators
Create Date: 2026-11-28 23:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0023_open_data"
down_revision = "0022_bound_indicators"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "open_data_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ecosystem", sa.String(length=60), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_data_cells")),
        sa.UniqueConstraint(
            "ecosystem",
            "region",
            "year",
            "measure",
            name=op.f("uq_open_data_cells_ecosystem_region_year_measure"),
        ),
    )


def downgrade():
    op.drop_table("open_data_cells")
