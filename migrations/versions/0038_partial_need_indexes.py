"""The needs' two mostly empty references get partial indexes (issue 11): a need continuing
another (``remainder_of_id``) or declared from a diagnostic (``diagnostic_id``) is rare, and a
full index whose entries are nearly all NULL lost to the status index in SQLite's planner, so
the demand page's "needs declared from diagnostics" read every validated need (0.5 s with a
million needs). The partial indexes hold only the rows that have the reference.

Revision ID: 0038_partial_need_indexes
Revises: 0037_clause_topics
Create Date: 2026-11-29 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0038_partial_need_indexes"
down_revision = "0037_clause_topics"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_training_needs_diagnostic_id", table_name="training_needs")
    op.drop_index("ix_training_needs_remainder_of_id", table_name="training_needs")
    for name, column in (
        ("ix_training_needs_remainder_of", "remainder_of_id"),
        ("ix_training_needs_diagnostic", "diagnostic_id"),
    ):
        condition = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            name,
            "training_needs",
            [column],
            sqlite_where=condition,
            postgresql_where=condition,
        )


def downgrade():
    op.drop_index("ix_training_needs_diagnostic", table_name="training_needs")
    op.drop_index("ix_training_needs_remainder_of", table_name="training_needs")
    op.create_index("ix_training_needs_remainder_of_id", "training_needs", ["remainder_of_id"])
    op.create_index("ix_training_needs_diagnostic_id", "training_needs", ["diagnostic_id"])
