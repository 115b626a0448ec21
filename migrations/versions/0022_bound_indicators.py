"""Indicators fed by the portal's own data (issue 13, item 2): an indicator may be bound to a
figure the portal computes (``metric``); the measurements the portal records are marked
``computed``, and a person who overrides one keeps the portal's figure (``portal_value``)
beside theirs with the reason.

Revision ID: 0022_bound_indicators
Revises: 0021_surveys
Create Date: 2026-11-28 22:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022_bound_indicators"
down_revision = "0021_surveys"
branch_labels = None
depends_on = None

METRICS = (
    "active_members",
    "smes_accompanied",
    "smes_certified",
    "people_trained",
    "requests_on_time",
    "complaints_on_time",
)


def upgrade():
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "metric",
                sa.Enum(
                    *METRICS,
                    name="portal_metric",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        # The existing measurements were typed by people: not computed, never overridden.
        batch_op.add_column(
            sa.Column("computed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("portal_value", sa.Numeric(precision=14, scale=2), nullable=True)
        )
        batch_op.add_column(
            sa.Column("override_reason", sa.Text(), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_column("override_reason")
        batch_op.drop_column("portal_value")
        batch_op.drop_column("computed")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_indicators_portal_metric"), type_="check")
        batch_op.drop_column("metric")
