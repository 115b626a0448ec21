"""From diagnostics to training (issue 16, item 4): which training topics help with a clause
of a standard (``clause_training_topics``, by the standard and the clause's number, so that
it holds across outline versions; maintained by federation staff), loaded with a first
mapping for ISO 9001, IATF 16949, ISO 14001, ISO 45001 and ISO/IEC 17025; and the diagnostic a training need was declared from
(``training_needs.diagnostic_id``), so the demand can tell how much came from diagnostics.

Revision ID: 0037_clause_topics
Revises: 0036_participant_invitations
Create Date: 2026-11-29 06:50:00

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0037_clause_topics"
down_revision = "0036_participant_invitations"
branch_labels = None
depends_on = None

# (standard code, clause number, topic code), written here when this revision was made.
MAPPING = [
    ("iso_9001", "4.4", "iso_9001_requirements"),
    ("iso_9001", "6.1", "fmea"),
    ("iso_9001", "7.1.5", "metrology_basics"),
    ("iso_9001", "7.1.5", "msa"),
    ("iso_9001", "7.2", "iso_9001_requirements"),
    ("iso_9001", "8.3", "apqp"),
    ("iso_9001", "8.5.1", "spc"),
    ("iso_9001", "8.7", "problem_solving_8d"),
    ("iso_9001", "9.1", "spc"),
    ("iso_9001", "9.2", "internal_auditor"),
    ("iso_9001", "10.2", "problem_solving_8d"),
    ("iso_9001", "10.3", "lean"),
    ("iatf_16949", "9.2", "internal_auditor"),
    ("iatf_16949", "8.3", "apqp"),
    ("iatf_16949", "8.3", "ppap"),
    ("iatf_16949", "6.1", "fmea"),
    ("iatf_16949", "7.1.5", "msa"),
    ("iatf_16949", "10.2", "problem_solving_8d"),
    ("iso_14001", "7.2", "iso_14001"),
    ("iso_14001", "9.2", "internal_auditor"),
    ("iso_45001", "7.2", "iso_45001"),
    ("iso_45001", "9.2", "internal_auditor"),
    ("iso_iec_17025", "6.2", "iso_iec_17025"),
]


def upgrade():
    op.create_table(
        "clause_training_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.Column("clause_number", sa.String(length=20), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standards.id"],
            name=op.f("fk_clause_training_topics_standard_id_standards"),
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["training_topics.id"],
            name=op.f("fk_clause_training_topics_topic_id_training_topics"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_training_topics")),
    )
    op.create_index(
        "ix_clause_training_topics_clause",
        "clause_training_topics",
        ["standard_id", "clause_number", "topic_id"],
    )
    op.add_column("training_needs", sa.Column("diagnostic_id", sa.Integer()))
    op.create_index(
        op.f("ix_training_needs_diagnostic_id"), "training_needs", ["diagnostic_id"]
    )
    bind = op.get_bind()
    standards = dict(bind.execute(sa.text("SELECT code, id FROM standards")).all())
    topics = dict(bind.execute(sa.text("SELECT code, id FROM training_topics")).all())
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "standard_id": standards[standard],
            "clause_number": number,
            "topic_id": topics[topic],
            "created_at": now,
            "updated_at": now,
        }
        for standard, number, topic in MAPPING
        if standard in standards and topic in topics
    ]
    mapping = sa.table(
        "clause_training_topics",
        sa.column("standard_id", sa.Integer),
        sa.column("clause_number", sa.String),
        sa.column("topic_id", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    if rows:
        op.bulk_insert(mapping, rows)


def downgrade():
    op.drop_index(op.f("ix_training_needs_diagnostic_id"), table_name="training_needs")
    with op.batch_alter_table("training_needs") as batch:
        batch.drop_column("diagnostic_id")
    op.drop_index("ix_clause_training_topics_clause", table_name="clause_training_topics")
    op.drop_table("clause_training_topics")
