"""Attendance that proves (issue 16, item 3): attendance per day of a session
(``attendance_days``: one row per participant and day, present or not, never deleted), the
verification code of each participant's attendance certificate (``enrolments
.certificate_code``), and needs fulfilled in part: the people of a need who attended every
day (``training_needs.people_trained``) and the need that keeps the rest open
(``training_needs.remainder_of_id``).

Revision ID: 0035_attendance_days
Revises: 0034_fair_seats
Create Date: 2026-11-29 06:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0035_attendance_days"
down_revision = "0034_fair_seats"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "attendance_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolments.id"],
            name=op.f("fk_attendance_days_enrolment_id_enrolments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_days")),
        sa.UniqueConstraint(
            "enrolment_id", "day", name=op.f("uq_attendance_days_enrolment_id_day")
        ),
    )
    # Columns added in place (no table rebuild on SQLite): the code's uniqueness is a unique
    # index; the remainder's link to its need is a plain, indexed id (kept, never deleted).
    op.add_column("enrolments", sa.Column("certificate_code", sa.String(length=20)))
    op.create_index(
        op.f("ix_enrolments_certificate_code"), "enrolments", ["certificate_code"], unique=True
    )
    op.add_column("training_needs", sa.Column("people_trained", sa.Integer()))
    op.add_column("training_needs", sa.Column("remainder_of_id", sa.Integer()))
    op.create_index(
        op.f("ix_training_needs_remainder_of_id"), "training_needs", ["remainder_of_id"]
    )


def downgrade():
    op.drop_index(op.f("ix_training_needs_remainder_of_id"), table_name="training_needs")
    op.drop_index(op.f("ix_enrolments_certificate_code"), table_name="enrolments")
    with op.batch_alter_table("training_needs") as batch:
        batch.drop_column("remainder_of_id")
        batch.drop_column("people_trained")
    with op.batch_alter_table("enrolments") as batch:
        batch.drop_column("certificate_code")
    op.drop_table("attendance_days")
