"""Fair seats (issue 16, item 1): a session planned from needs keeps seats for each company
in proportion to the people its validated needs declared, until a date the planner sets
(``training_sessions.seats_reserved_until``); then free seats open to every member, then the
waiting list. Sessions planned before keep no seat (the column is empty).

Revision ID: 0034_fair_seats
Revises: 0033_request_lifecycle
Create Date: 2026-11-29 06:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0034_fair_seats"
down_revision = "0033_request_lifecycle"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("training_sessions") as batch:
        batch.add_column(sa.Column("seats_reserved_until", sa.Date(), nullable=True))
    op.create_table(
        "seat_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "seats >= 0", name=op.f("ck_seat_reservations_reserved_seats_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_seat_reservations_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_seat_reservations_session_id_training_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seat_reservations")),
        sa.UniqueConstraint(
            "session_id",
            "organisation_id",
            name=op.f("uq_seat_reservations_session_id_organisation_id"),
        ),
    )
    op.create_index(op.f("ix_seat_reservations_session_id"), "seat_reservations", ["session_id"])


def downgrade():
    op.drop_index(op.f("ix_seat_reservations_session_id"), table_name="seat_reservations")
    op.drop_table("seat_reservations")
    with op.batch_alter_table("training_sessions") as batch:
        batch.drop_column("seats_reserved_until")
