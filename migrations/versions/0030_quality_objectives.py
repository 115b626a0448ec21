"""A beneficiary's measurable quality objectives and their measurements (issue 14, item 4),
the records of its quality system (a policy version, an objective, a management review)
linked as evidence of a diagnostic answer, and certificates a federation records for a member,
awaiting the confirmation of their issuing body (item 5): two statuses (awaiting
confirmation, rejected) and the federation that recorded the certificate.

Revision ID: 0030_quality_objectives
Revises: 0029_beneficiaries
Create Date: 2026-11-29 03:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0030_quality_objectives"
down_revision = "0029_beneficiaries"
branch_labels = None
depends_on = None


OLD_STATUSES = ("valid", "suspended", "withdrawn")
NEW_STATUSES = (*OLD_STATUSES, "awaiting_confirmation", "rejected")
STATUS_CHECKS = (
    ("certificates", "status", "ck_certificates_certificate_status"),
    ("certificate_status_changes", "from_status", "ck_certificate_status_changes_from_status"),
    ("certificate_status_changes", "to_status", "ck_certificate_status_changes_to_status"),
)


def _statuses(column, statuses):
    return sa.column(column).in_(statuses)


def _set_status_checks(statuses):
    for table, column, name in STATUS_CHECKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(name), type_="check")
            batch_op.create_check_constraint(op.f(name), _statuses(column, statuses))


def _stamps():
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade():
    op.create_table(
        "quality_objectives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title_fr", sa.String(length=300), nullable=False),
        sa.Column("title_ar", sa.String(length=300), nullable=False),
        sa.Column("unit_fr", sa.String(length=60), nullable=False),
        sa.Column("unit_ar", sa.String(length=60), nullable=False),
        sa.Column("baseline", sa.Numeric(14, 2), nullable=False),
        sa.Column("baseline_date", sa.Date(), nullable=False),
        sa.Column("target", sa.Numeric(14, 2), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_quality_objectives_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_quality_objectives_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_objectives")),
    )
    op.create_index(
        "ix_quality_objectives_organisation", "quality_objectives", ["organisation_id", "id"]
    )
    op.create_table(
        "objective_measurements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Numeric(14, 2), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["quality_objectives.id"],
            name=op.f("fk_objective_measurements_objective_id_quality_objectives"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_objective_measurements_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective_measurements")),
    )
    op.create_index(
        "ix_objective_measurements_objective",
        "objective_measurements",
        ["objective_id", "measured_on", "id"],
    )
    op.create_table(
        "diagnostic_evidence_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("linked_by_id", sa.Integer(), nullable=True),
        *_stamps(),
        sa.CheckConstraint(
            "(CASE WHEN policy_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN objective_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN review_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_diagnostic_evidence_links_one_record"),
        ),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["diagnostic_answers.id"],
            name=op.f("fk_diagnostic_evidence_links_answer_id_diagnostic_answers"),
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["quality_policies.id"],
            name=op.f("fk_diagnostic_evidence_links_policy_id_quality_policies"),
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["quality_objectives.id"],
            name=op.f("fk_diagnostic_evidence_links_objective_id_quality_objectives"),
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["management_reviews.id"],
            name=op.f("fk_diagnostic_evidence_links_review_id_management_reviews"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_by_id"],
            ["users.id"],
            name=op.f("fk_diagnostic_evidence_links_linked_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_evidence_links")),
    )
    op.create_index(
        op.f("ix_diagnostic_evidence_links_answer_id"),
        "diagnostic_evidence_links",
        ["answer_id"],
    )

    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_certificates_recorded_by_organisation_id_organisations"),
            "organisations",
            ["recorded_by_organisation_id"],
            ["id"],
        )
    _set_status_checks(NEW_STATUSES)


def downgrade():
    # Certificates awaiting confirmation or rejected were never valid: they go back as
    # withdrawn, the only status of the earlier schema that is neither valid nor suspended.
    for table, column, _name in STATUS_CHECKS:
        op.execute(
            sa.table(table, sa.column(column))
            .update()
            .where(_statuses(column, ("awaiting_confirmation", "rejected")))
            .values({column: "withdrawn"})
        )
    _set_status_checks(OLD_STATUSES)
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("fk_certificates_recorded_by_organisation_id_organisations"), type_="foreignkey"
        )
        batch_op.drop_column("recorded_by_organisation_id")
    op.drop_index(
        op.f("ix_diagnostic_evidence_links_answer_id"), table_name="diagnostic_evidence_links"
    )
    op.drop_table("diagnostic_evidence_links")
    op.drop_index("ix_objective_measurements_objective", table_name="objective_measurements")
    op.drop_table("objective_measurements")
    op.drop_index("ix_quality_objectives_organisation", table_name="quality_objectives")
    op.drop_table("quality_objectives")
