"""Complaints and suggestions (issue 12): the complaint with its deadline dates (escalation
is derived from them), its thread of answers and reopenings, and its attachments; indexes
for the queues (open by nearest deadline, per organisation, ecosystem and past the
ministry's date), the lists and the answer-time figures.

Revision ID: 0020_complaints
Revises: 0019_notifications_order
Create Date: 2026-11-28 22:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020_complaints"
down_revision = "0019_notifications_order"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "complaint",
                "suggestion",
                name="complaint_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "service_quality",
                "delay",
                "information",
                "reception",
                "cost",
                "other",
                name="complaint_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "target",
            sa.Enum(
                "portal",
                "ecosystem",
                "organisation",
                "support_case",
                "training_session",
                "service_request",
                name="complaint_target",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("handler_id", sa.Integer(), nullable=True),
        sa.Column("ecosystem_id", sa.Integer(), nullable=True),
        sa.Column("requester_id", sa.Integer(), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "in_progress",
                "answered",
                "closed",
                name="complaint_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("is_closed", sa.Boolean(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("ministry_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answer_days", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_complaints_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["ecosystem_id"], ["ecosystems.id"], name=op.f("fk_complaints_ecosystem_id_ecosystems")
        ),
        sa.ForeignKeyConstraint(
            ["handler_id"],
            ["organisations.id"],
            name=op.f("fk_complaints_handler_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["users.id"], name=op.f("fk_complaints_requester_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaints_reference")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(
            "ix_complaints_ecosystem_open",
            ["ecosystem_id", "is_closed", "due_on", "id", "deleted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_complaints_ecosystem_times",
            ["ecosystem_id", "filed_on", "answer_days", "deleted_at"],
            unique=False,
        )
        batch_op.create_index("ix_complaints_filed", ["filed_on", "id", "deleted_at"], unique=False)
        batch_op.create_index(
            "ix_complaints_handler_open",
            ["handler_id", "is_closed", "due_on", "id", "deleted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_complaints_handler_times", ["handler_id", "filed_on", "answer_days", "deleted_at"], unique=False
        )
        batch_op.create_index(
            "ix_complaints_deadline",
            ["is_closed", "due_on", "id", "deleted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_complaints_ministry_open",
            ["is_closed", "ministry_on", "id", "deleted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_complaints_requester",
            ["requester_id", "filed_on", "id", "deleted_at"],
            unique=False,
        )

    op.create_table(
        "complaint_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=80), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_attachments_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_complaint_attachments_uploaded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_attachments")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_complaint_attachments_stored_name")),
    )
    with op.batch_alter_table("complaint_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_attachments_complaint_id"), ["complaint_id"], unique=False
        )

    op.create_table(
        "complaint_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_complaint_messages_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_messages_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_messages")),
    )
    with op.batch_alter_table("complaint_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_messages_complaint_id"), ["complaint_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("complaint_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_messages_complaint_id"))

    op.drop_table("complaint_messages")
    with op.batch_alter_table("complaint_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_attachments_complaint_id"))

    op.drop_table("complaint_attachments")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_requester")
        batch_op.drop_index("ix_complaints_ministry_open")
        batch_op.drop_index("ix_complaints_handler_times")
        batch_op.drop_index("ix_complaints_handler_open")
        batch_op.drop_index("ix_complaints_filed")
        batch_op.drop_index("ix_complaints_deadline")
        batch_op.drop_index("ix_complaints_ecosystem_times")
        batch_op.drop_index("ix_complaints_ecosystem_open")

    op.drop_table("complaints")
