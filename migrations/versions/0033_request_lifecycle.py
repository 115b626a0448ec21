"""A service request's whole life (issue 15, item 2): quotes (``service_quotes``), the dated
steps (``service_request_events``), the thread between the company and the body
(``service_request_messages``), attachments of a quote, a delivery or a message
(``request_attachments.purpose``, ``quote_id``, ``message_id``), the company's closing rating
(``service_requests.rating``, ``rating_comment``, ``closed_on``) and six statuses (quoted,
quote declined, in progress, delivered, closed, cancelled).

Existing rows keep their meaning: ``submitted`` and ``accepted`` still wait for the first
answer, ``answered`` (a direct answer) and ``declined`` end the request, and their
``answered_on`` is the first answer's day. Each existing request gets its steps: "request
sent" on its ``submitted_on``, and "answer sent" or "declined" on its ``answered_on`` with
the answer or reason (the day an ``accepted`` request was accepted was not kept: no step is
invented for it). ``is_closed`` now means "no longer waits for its first answer": it is
already true exactly for answered and declined rows, so nothing changes for them.

Revision ID: 0033_request_lifecycle
Revises: 0032_service_catalogue
Create Date: 2026-11-29 06:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0033_request_lifecycle"
down_revision = "0032_service_catalogue"
branch_labels = None
depends_on = None

OLD_STATUSES = ("submitted", "accepted", "answered", "declined")
NEW_STATUSES = (
    *OLD_STATUSES,
    "quoted",
    "quote_declined",
    "in_progress",
    "delivered",
    "closed",
    "cancelled",
)
EVENT_KINDS = (
    "submitted",
    "accepted",
    "quoted",
    "quote_accepted",
    "quote_declined",
    "answered",
    "declined",
    "delivered",
    "closed",
    "cancelled",
)
PURPOSES = ("request", "quote", "delivery", "message")


def _set_status_check(statuses):
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_requests_service_request_status"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_service_requests_service_request_status"), sa.column("status").in_(statuses)
        )


def upgrade():
    op.create_table(
        "service_quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("amount_mad", sa.Numeric(14, 2), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="quote_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_service_quotes_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_service_quotes_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_quotes")),
    )
    op.create_index("ix_service_quotes_request", "service_quotes", ["request_id", "number"])
    op.create_table(
        "service_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                *EVENT_KINDS,
                name="service_request_event",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_service_request_events_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_service_request_events_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_request_events")),
    )
    op.create_index(
        "ix_service_request_events_request", "service_request_events", ["request_id", "id"]
    )
    op.create_table(
        "service_request_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_service_request_messages_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_service_request_messages_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_service_request_messages_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_request_messages")),
    )
    op.create_index(
        "ix_service_request_messages_request", "service_request_messages", ["request_id", "id"]
    )
    with op.batch_alter_table("request_attachments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "purpose",
                sa.Enum(
                    *PURPOSES,
                    name="attachment_purpose",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default="request",
            )
        )
        batch_op.add_column(sa.Column("quote_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("message_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_request_attachments_quote_id_service_quotes"),
            "service_quotes",
            ["quote_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            op.f("fk_request_attachments_message_id_service_request_messages"),
            "service_request_messages",
            ["message_id"],
            ["id"],
        )
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("rating_comment", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.alter_column("rating_comment", server_default=None)
    _set_status_check(NEW_STATUSES)
    # The steps of the existing requests: sent, then answered or declined when it was.
    op.execute(
        "INSERT INTO service_request_events (request_id, kind, happened_on, at, comment) "
        "SELECT id, 'submitted', submitted_on, created_at, '' FROM service_requests"
    )
    op.execute(
        "INSERT INTO service_request_events (request_id, kind, happened_on, at, comment) "
        "SELECT id, status, answered_on, updated_at, answer FROM service_requests "
        "WHERE status IN ('answered', 'declined') AND answered_on IS NOT NULL"
    )


def downgrade():
    # The new statuses have no earlier equivalent but these: a request that got a quote or
    # went further was answered (its first answer is kept in answered_on); one cancelled
    # before any answer was declined.
    op.execute(
        "UPDATE service_requests SET status = 'answered' "
        "WHERE status IN ('quoted', 'quote_declined', 'in_progress', 'delivered', 'closed') "
        "OR (status = 'cancelled' AND answered_on IS NOT NULL)"
    )
    op.execute("UPDATE service_requests SET status = 'declined' WHERE status = 'cancelled'")
    _set_status_check(OLD_STATUSES)
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_column("closed_on")
        batch_op.drop_column("rating_comment")
        batch_op.drop_column("rating")
    with op.batch_alter_table("request_attachments", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("fk_request_attachments_message_id_service_request_messages"),
            type_="foreignkey",
        )
        batch_op.drop_constraint(
            op.f("fk_request_attachments_quote_id_service_quotes"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            op.f("ck_request_attachments_attachment_purpose"), type_="check"
        )
        batch_op.drop_column("message_id")
        batch_op.drop_column("quote_id")
        batch_op.drop_column("purpose")
    op.drop_index("ix_service_request_messages_request", table_name="service_request_messages")
    op.drop_table("service_request_messages")
    op.drop_index("ix_service_request_events_request", table_name="service_request_events")
    op.drop_table("service_request_events")
    op.drop_index("ix_service_quotes_request", table_name="service_quotes")
    op.drop_table("service_quotes")
