"""The outbox of e-mails (issue 12): each message is written in the transaction of the change
that causes it and delivered by ``flask outbox send``, retried until the mail server takes
it.

Revision ID: 0016_outbox
Revises: 0015_search_index
Create Date: 2026-11-28 20:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016_outbox"
down_revision = "0015_search_index"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outbound_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_emails")),
    )
    with op.batch_alter_table("outbound_emails", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outbound_emails_due", ["sent_at", "next_attempt_at", "id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("outbound_emails", schema=None) as batch_op:
        batch_op.drop_index("ix_outbound_emails_due")
    op.drop_table("outbound_emails")
