"""Audits held on a certificate after its issue (issue 14, item 5): surveillance audits in
years 1 and 2 and the recertification audit, with result and findings, recorded by the
issuing body. A surveillance date passed without them makes the certificate "surveillance
overdue" (derived, never stored).

Revision ID: 0025_certificate_audits
Revises: 0024_case_gates
Create Date: 2026-11-29 01:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0025_certificate_audits"
down_revision = "0024_case_gates"
branch_labels = None
depends_on = None

KINDS = ("internal", "stage_1", "stage_2", "surveillance", "recertification")
RESULTS = ("conform", "conform_with_findings", "not_conform")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade():
    op.create_table(
        "certificate_audits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum(KINDS, "certificate_audit_kind"), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("result", _enum(RESULTS, "certificate_audit_result"), nullable=False),
        sa.Column("major_findings", sa.Integer(), nullable=False),
        sa.Column("minor_findings", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificates.id"],
            name=op.f("fk_certificate_audits_certificate_id_certificates"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_certificate_audits_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_audits")),
    )
    op.create_index(
        "ix_certificate_audits_certificate_kind", "certificate_audits", ["certificate_id", "kind"]
    )


def downgrade():
    op.drop_index("ix_certificate_audits_certificate_kind", table_name="certificate_audits")
    op.drop_table("certificate_audits")
