"""A support case's plan and steering committee (issue 14, item 2): its planned start and
duration, its phases with their dates (late ones derived), and the committee's meetings
with attendees, decisions and minutes.

Revision ID: 0026_case_plan
Revises: 0025_certificate_audits
Create Date: 2026-11-29 01:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0026_case_plan"
down_revision = "0025_certificate_audits"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade():
    with op.batch_alter_table("support_cases") as batch:
        batch.add_column(sa.Column("planned_start", sa.Date(), nullable=True))
        batch.add_column(sa.Column("planned_months", sa.Integer(), nullable=True))
    op.create_table(
        "case_phases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name_fr", sa.String(length=200), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["support_cases.id"], name=op.f("fk_case_phases_case_id_support_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_phases")),
    )
    op.create_index(op.f("ix_case_phases_case_id"), "case_phases", ["case_id"])
    op.create_table(
        "steering_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("minutes_name", sa.String(length=255), nullable=False),
        sa.Column("minutes_stored", sa.String(length=80), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["support_cases.id"],
            name=op.f("fk_steering_meetings_case_id_support_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_steering_meetings_recorded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_steering_meetings")),
        sa.UniqueConstraint("minutes_stored", name=op.f("uq_steering_meetings_minutes_stored")),
    )
    op.create_index(op.f("ix_steering_meetings_case_id"), "steering_meetings", ["case_id"])


def downgrade():
    op.drop_index(op.f("ix_steering_meetings_case_id"), table_name="steering_meetings")
    op.drop_table("steering_meetings")
    op.drop_index(op.f("ix_case_phases_case_id"), table_name="case_phases")
    op.drop_table("case_phases")
    with op.batch_alter_table("support_cases") as batch:
        batch.drop_column("planned_months")
        batch.drop_column("planned_start")
