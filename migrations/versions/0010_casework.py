"""Casework at national scale (issue 11): indexes for every order the support case,
certificate, service request and audit lists offer, the pipeline's counts by stage, and the
certificate number as verification compares it (``number_key``: no spaces, upper case,
unique), backfilled from the numbers.

Revision ID: 0010_casework
Revises: 0009_data_versions
Create Date: 2026-11-28 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_casework'
down_revision = '0009_data_versions'
branch_labels = None
depends_on = None

INDEXES = {
    'support_cases': [
        ('ix_support_cases_updated', ['updated_at', 'id', 'deleted_at']),
        ('ix_support_cases_stage_updated', ['stage', 'updated_at', 'id', 'deleted_at']),
        ('ix_support_cases_standard_updated', ['standard_id', 'updated_at', 'id', 'deleted_at']),
        ('ix_support_cases_organisation_updated', ['organisation_id', 'updated_at', 'id', 'deleted_at']),
        ('ix_support_cases_expert_updated', ['expert_id', 'updated_at', 'id', 'deleted_at']),
        ('ix_support_cases_ecosystem_updated', ['ecosystem_id', 'updated_at', 'id', 'deleted_at']),
        ('ix_support_cases_ecosystem_stage_updated',
         ['ecosystem_id', 'stage', 'updated_at', 'id', 'deleted_at']),
    ],
    'certificates': [
        ('ix_certificates_issued', ['issued_on', 'id', 'deleted_at', 'organisation_id']),
        ('ix_certificates_status_issued',
         ['status', 'issued_on', 'id', 'deleted_at', 'organisation_id']),
        ('ix_certificates_organisation_issued', ['organisation_id', 'issued_on', 'id', 'deleted_at']),
        ('ix_certificates_body_issued', ['issuing_body_id', 'issued_on', 'id', 'deleted_at']),
    ],
    'service_requests': [
        ('ix_service_requests_submitted',
         ['submitted_on', 'id', 'deleted_at', 'organisation_id']),
        ('ix_service_requests_org_submitted', ['organisation_id', 'submitted_on', 'id', 'deleted_at']),
        ('ix_service_requests_body_submitted', ['body_id', 'submitted_on', 'id', 'deleted_at']),
        ('ix_service_requests_body_deadline',
         ['body_id', 'is_closed', 'respond_by', 'id', 'deleted_at']),
        ('ix_service_requests_deadline',
         ['is_closed', 'respond_by', 'id', 'deleted_at', 'organisation_id']),
    ],
    'quality_experts': [
        ('ix_quality_experts_listed', ['search_text', 'id']),
        ('ix_quality_experts_region_listed', ['region', 'search_text', 'id']),
    ],
    'audit_entries': [
        ('ix_audit_entries_occurred', ['occurred_at', 'id']),
        ('ix_audit_entries_type_occurred', ['entity_type', 'occurred_at', 'id']),
        ('ix_audit_entries_action_occurred', ['action', 'occurred_at', 'id']),
    ],
}

# Single-column indexes the composite ones above begin with (they serve the same look-ups).
REPLACED = {
    'support_cases': [
        ('ix_support_cases_organisation_id', ['organisation_id']),
        ('ix_support_cases_ecosystem_id', ['ecosystem_id']),
        ('ix_support_cases_standard_id', ['standard_id']),
        ('ix_support_cases_stage', ['stage']),
    ],
    'certificates': [
        ('ix_certificates_organisation_id', ['organisation_id']),
        ('ix_certificates_issuing_body_id', ['issuing_body_id']),
    ],
    'service_requests': [
        ('ix_service_requests_organisation_id', ['organisation_id']),
        ('ix_service_requests_body_id', ['body_id']),
    ],
    'quality_experts': [
        ('ix_quality_experts_search_text', ['search_text']),
        ('ix_quality_experts_region', ['region']),
    ],
    'audit_entries': [('ix_audit_entries_occurred_at', ['occurred_at'])],
}

# The same normalisation as portal.models.certification.number_key, in SQL: every space,
# tab and line break taken out, upper case (the numbers are ASCII).
NUMBER_KEY = (
    "upper(replace(replace(replace(replace(number, ' ', ''), char(9), ''), char(10), ''), "
    "char(13), ''))"
)


def _number_key_sql() -> str:
    if op.get_bind().dialect.name == 'postgresql':
        return NUMBER_KEY.replace('char(', 'chr(')
    return NUMBER_KEY


def upgrade():
    # Service requests: closed (answered or declined) kept with the status, backfilled.
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_closed', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE service_requests SET is_closed = (status IN ('answered', 'declined'))"
    )
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.alter_column('is_closed', server_default=None)

    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _columns in REPLACED[table]:
                batch_op.drop_index(name)
            for name, columns in indexes:
                batch_op.create_index(name, columns, unique=False)

    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.create_index(
            'ix_conventions_signed', ['signed_on', 'id'], unique=False,
            postgresql_ops={'signed_on': 'NULLS FIRST'},
        )

    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number_key', sa.String(length=80), nullable=True))
    op.execute(f"UPDATE certificates SET number_key = {_number_key_sql()}")
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('number_key', existing_type=sa.String(length=80), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_certificates_number_key'), ['number_key'])


def downgrade():
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_certificates_number_key'), type_='unique')
        batch_op.drop_column('number_key')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_index('ix_conventions_signed')
    for table, indexes in reversed(list(INDEXES.items())):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _columns in reversed(indexes):
                batch_op.drop_index(name)
            for name, columns in REPLACED[table]:
                batch_op.create_index(name, columns, unique=False)
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_column('is_closed')
