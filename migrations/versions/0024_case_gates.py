"""Gates between the stages of a support case (issue 14, item 3): an action of the plan may
be justified instead of done, and a move an administrator forces past a gate keeps its
reason.

Revision ID: 0024_case_gates
Revises: 0023_open_data
Create Date: 2026-11-29 01:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0024_case_gates"
down_revision = "0023_open_data"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("action_items") as batch:
        batch.add_column(sa.Column("justification", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("case_transitions") as batch:
        batch.add_column(
            sa.Column("override_reason", sa.Text(), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("case_transitions") as batch:
        batch.drop_column("override_reason")
    with op.batch_alter_table("action_items") as batch:
        batch.drop_column("justification")
