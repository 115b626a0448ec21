"""Versioned clause outlines and guidance questions (issue 14, item 6): every standard's
outline becomes version 1 of a ``standard_outlines`` row, clauses belong to an outline,
each diagnostic keeps the outline it was started with, guidance questions per clause;
loads the outlines of IATF 16949:2016, ISO 14001:2015, ISO 45001:2018 and
ISO/IEC 17025:2017 (numbers and titles only) and the guidance questions of ISO 9001 and
IATF 16949, written in the portal's own words.

Revision ID: 0031_standard_outlines
Revises: 0028_management_reviews
Create Date: 2026-11-29 03:10:00

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0031_standard_outlines"
down_revision = "0028_management_reviews"
branch_labels = None
depends_on = None

LOADED = ("iatf_16949", "iso_14001", "iso_45001", "iso_iec_17025")


def upgrade():
    op.create_table(
        "standard_outlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standards.id"],
            name=op.f("fk_standard_outlines_standard_id_standards"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_standard_outlines_published_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_outlines")),
        sa.UniqueConstraint(
            "standard_id", "number", name=op.f("uq_standard_outlines_standard_id_number")
        ),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    # Version 1 of every standard's outline, published: the clauses it has today.
    op.execute(
        sa.text(
            "INSERT INTO standard_outlines (standard_id, number, published, created_at,"
            " updated_at) SELECT id, 1, :yes, :now, :now FROM standards ORDER BY id"
        ).bindparams(yes=True, now=now)
    )
    with op.batch_alter_table("standard_clauses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outline_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE standard_clauses SET outline_id = (SELECT o.id FROM standard_outlines o"
        " WHERE o.standard_id = standard_clauses.standard_id AND o.number = 1)"
    )
    with op.batch_alter_table("standard_clauses", schema=None) as batch_op:
        batch_op.alter_column("outline_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("uq_standard_clauses_standard_id_number", type_="unique")
        batch_op.create_foreign_key(
            batch_op.f("fk_standard_clauses_outline_id_standard_outlines"),
            "standard_outlines",
            ["outline_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_standard_clauses_outline_position", ["outline_id", "position"], unique=False
        )
    with op.batch_alter_table("diagnostics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outline_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE diagnostics SET outline_id = (SELECT o.id FROM standard_outlines o"
        " JOIN support_cases c ON c.standard_id = o.standard_id"
        " WHERE c.id = diagnostics.case_id AND o.number = 1)"
    )
    with op.batch_alter_table("diagnostics", schema=None) as batch_op:
        batch_op.alter_column("outline_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_diagnostics_outline_id_standard_outlines"),
            "standard_outlines",
            ["outline_id"],
            ["id"],
        )
        batch_op.create_index(batch_op.f("ix_diagnostics_outline_id"), ["outline_id"], unique=False)
    op.create_table(
        "clause_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_fr", sa.String(length=500), nullable=False),
        sa.Column("text_ar", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["standard_clauses.id"],
            name=op.f("fk_clause_questions_clause_id_standard_clauses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_questions")),
    )
    op.create_index(
        "ix_clause_questions_clause_position", "clause_questions", ["clause_id", "position"]
    )
    load_content(now)


def load_content(now):
    """The four outlines into the (empty) version 1 of their standards, and the guidance
    questions of ISO 9001 and IATF 16949 under the clauses of their version 1."""
    bind = op.get_bind()
    clauses = sa.table(
        "standard_clauses",
        sa.column("id", sa.Integer),
        sa.column("standard_id", sa.Integer),
        sa.column("outline_id", sa.Integer),
        sa.column("number", sa.String),
        sa.column("position", sa.Integer),
        sa.column("title_en", sa.String),
        sa.column("title_fr", sa.String),
        sa.column("title_ar", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    questions = sa.table(
        "clause_questions",
        sa.column("clause_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("text_fr", sa.String),
        sa.column("text_ar", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    outlines = dict(
        bind.execute(
            sa.text(
                "SELECT s.code, o.id FROM standards s JOIN standard_outlines o"
                " ON o.standard_id = s.id AND o.number = 1"
            )
        ).all()
    )
    standards = dict(bind.execute(sa.text("SELECT code, id FROM standards")).all())
    for code in LOADED:
        if code not in outlines or code not in OUTLINES:
            continue
        present = bind.execute(
            sa.text("SELECT count(*) FROM standard_clauses WHERE outline_id = :o").bindparams(
                o=outlines[code]
            )
        ).scalar()
        if present:
            continue
        op.bulk_insert(
            clauses,
            [
                {
                    "standard_id": standards[code],
                    "outline_id": outlines[code],
                    "number": number,
                    "position": position,
                    "title_en": en,
                    "title_fr": fr,
                    "title_ar": ar,
                    "created_at": now,
                    "updated_at": now,
                }
                for position, (number, en, fr, ar) in enumerate(OUTLINES[code], 1)
            ],
        )
    for code, by_number in QUESTIONS.items():
        if code not in outlines:
            continue
        ids = dict(
            bind.execute(
                sa.text(
                    "SELECT number, id FROM standard_clauses WHERE outline_id = :o"
                    " AND deleted_at IS NULL"
                ).bindparams(o=outlines[code])
            ).all()
        )
        op.bulk_insert(
            questions,
            [
                {
                    "clause_id": ids[number],
                    "position": position,
                    "text_fr": fr,
                    "text_ar": ar,
                    "created_at": now,
                    "updated_at": now,
                }
                for number, texts in by_number.items()
                if number in ids
                for position, (fr, ar) in enumerate(texts, 1)
            ],
        )


def downgrade():
    op.drop_index("ix_clause_questions_clause_position", table_name="clause_questions")
    op.drop_table("clause_questions")
    # Back to one outline per standard: the clauses of later versions go (a diagnostic of a
    # later version would have to be removed first), and the four outlines this revision
    # loaded.
    op.execute(
        "DELETE FROM standard_clauses WHERE outline_id IN"
        " (SELECT id FROM standard_outlines WHERE number > 1)"
    )
    op.execute(
        sa.text(
            "DELETE FROM standard_clauses WHERE standard_id IN"
            " (SELECT id FROM standards WHERE code IN :codes)"
        ).bindparams(sa.bindparam("codes", value=list(LOADED), expanding=True))
    )
    with op.batch_alter_table("diagnostics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_diagnostics_outline_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_diagnostics_outline_id_standard_outlines"), type_="foreignkey"
        )
        batch_op.drop_column("outline_id")
    with op.batch_alter_table("standard_clauses", schema=None) as batch_op:
        batch_op.drop_index("ix_standard_clauses_outline_position")
        batch_op.drop_constraint(
            batch_op.f("fk_standard_clauses_outline_id_standard_outlines"), type_="foreignkey"
        )
        batch_op.drop_column("outline_id")
        batch_op.create_unique_constraint(
            batch_op.f("uq_standard_clauses_standard_id_number"), ["standard_id", "number"]
        )
    op.drop_table("standard_outlines")


# The content below is reference data written when this revision was made: numbers and
# titles only for the outlines (the ISO text is not reproduced), guidance questions in the
# portal's own words. (number, English, French, Arabic), in the order of the standard.
OUTLINES = {}

# Guidance questions by clause number: [(French, Arabic), ...], two to four a clause.
QUESTIONS = {}
