"""Beneficiaries (issue 14, item 1): public bodies are organisations supported like SMEs
(their users are company users; they join an ecosystem as member public bodies), and
consulting firms are assigned to support cases beside or instead of an expert (their users
hold the new consultant role). The CHECK constraints of the three enum columns gain the new
values; a public body has a type (administration, local authority, public agency); support
cases get a nullable consulting firm with the list's index.

On SQLite the batch rebuild of ``organisations`` drops the triggers of its search index
(revision 0015): they are created again here.

Revision ID: 0029_beneficiaries
Revises: 0028_management_reviews
Create Date: 2026-11-29 03:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0029_beneficiaries"
down_revision = "0028_management_reviews"
branch_labels = None
depends_on = None

# Frozen here: the values of each CHECK constraint before and after.
KINDS_BEFORE = ("ministry", "federation", "sme", "institute", "infrastructure")
KINDS_AFTER = (*KINDS_BEFORE, "public_body", "consulting_firm")
ROLES_BEFORE = (
    "admin",
    "ministry_officer",
    "federation_staff",
    "sme_user",
    "institute_user",
    "infrastructure_user",
)
ROLES_AFTER = (*ROLES_BEFORE, "consultant")
MEMBERSHIP_ROLES_BEFORE = ("member_sme", "training_partner", "infrastructure_partner")
MEMBERSHIP_ROLES_AFTER = (*MEMBERSHIP_ROLES_BEFORE, "member_public_body")
PUBLIC_BODY_TYPES = ("administration", "local_authority", "public_agency")

# The search index's triggers (revision 0015), dropped by a rebuild of the table on SQLite.
TRIGGERS = {
    "organisations_search_insert": """
        CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations BEGIN
            INSERT INTO organisations_search (rowid, search_text)
            VALUES (new.id, new.search_text);
        END""",
    "organisations_search_delete": """
        CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations BEGIN
            INSERT INTO organisations_search (organisations_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "organisations_search_update": """
        CREATE TRIGGER organisations_search_update AFTER UPDATE OF search_text ON organisations
        BEGIN
            INSERT INTO organisations_search (organisations_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO organisations_search (rowid, search_text)
            VALUES (new.id, new.search_text);
        END""",
}


def _check(column, values):
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _set_checks(kinds, roles, membership_roles, *, public_body_type: bool):
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_organisations_kind"), type_="check")
        batch_op.create_check_constraint("kind", _check("kind", kinds))
        if public_body_type:
            batch_op.add_column(
                sa.Column("public_body_type", sa.String(length=32), nullable=True)
            )
            batch_op.create_check_constraint(
                "public_body_type", _check("public_body_type", PUBLIC_BODY_TYPES)
            )
        else:
            batch_op.drop_constraint(op.f("ck_organisations_public_body_type"), type_="check")
            batch_op.drop_column("public_body_type")
    if sqlite:
        for statement in TRIGGERS.values():
            op.execute(statement)
        op.execute("INSERT INTO organisations_search (organisations_search) VALUES ('rebuild')")
    # SQLite's batch mode rebuilds the table and cannot carry an expression index over: drop
    # lower(email) uniqueness around the change and create it again after (as 0018 does).
    op.drop_index("uq_users_email_lower", table_name="users")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint("role", _check("role", roles))
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_memberships_membership_role"), type_="check")
        batch_op.create_check_constraint("membership_role", _check("role", membership_roles))


def upgrade():
    _set_checks(KINDS_AFTER, ROLES_AFTER, MEMBERSHIP_ROLES_AFTER, public_body_type=True)
    with op.batch_alter_table("support_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consulting_firm_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_support_cases_consulting_firm_id_organisations"),
            "organisations",
            ["consulting_firm_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_support_cases_consulting_firm_updated",
            ["consulting_firm_id", "updated_at", "id", "deleted_at"],
            unique=False,
        )


def downgrade():
    # The older schema has no place for public bodies, consulting firms or consultants:
    # refuse rather than turn them into something they are not.
    bind = op.get_bind()
    left = bind.execute(
        sa.text(
            "SELECT (SELECT COUNT(*) FROM organisations "
            "WHERE kind IN ('public_body', 'consulting_firm')) "
            "+ (SELECT COUNT(*) FROM users WHERE role = 'consultant')"
        )
    ).scalar()
    if left:
        raise RuntimeError(
            "Public bodies, consulting firms or consultants exist: the schema before "
            "0029_beneficiaries cannot hold them. Remove them before downgrading."
        )
    with op.batch_alter_table("support_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_support_cases_consulting_firm_updated")
        batch_op.drop_constraint(
            batch_op.f("fk_support_cases_consulting_firm_id_organisations"), type_="foreignkey"
        )
        batch_op.drop_column("consulting_firm_id")
    _set_checks(KINDS_BEFORE, ROLES_BEFORE, MEMBERSHIP_ROLES_BEFORE, public_body_type=False)
