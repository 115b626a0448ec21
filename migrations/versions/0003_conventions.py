"""Partnership conventions: conventions and their status history, parties, commitments,
milestones, indicators and measurements, amendments, documents.

Revision ID: 0003_conventions
Revises: 0002_directory
Create Date: 2026-11-21 06:54:43.554590

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_conventions'
down_revision = '0002_directory'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('conventions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('title_fr', sa.String(length=300), nullable=False),
    sa.Column('title_ar', sa.String(length=300), nullable=False),
    sa.Column('summary_fr', sa.Text(), nullable=False),
    sa.Column('summary_ar', sa.Text(), nullable=False),
    sa.Column('ecosystem_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('framework', 'partnership', 'specific', name='convention_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'signed', 'in_progress', 'completed', 'suspended', 'terminated', name='convention_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('budget_mad', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ecosystem_id'], ['ecosystems.id'], name=op.f('fk_conventions_ecosystem_id_ecosystems')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conventions')),
    sa.UniqueConstraint('reference', name=op.f('uq_conventions_reference'))
    )
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conventions_ecosystem_id'), ['ecosystem_id'], unique=False)

    op.create_table('amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('summary_fr', sa.Text(), nullable=False),
    sa.Column('summary_ar', sa.Text(), nullable=False),
    sa.Column('previous_ends_on', sa.Date(), nullable=True),
    sa.Column('new_ends_on', sa.Date(), nullable=True),
    sa.Column('previous_budget_mad', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('new_budget_mad', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('commitments_change_fr', sa.Text(), nullable=False),
    sa.Column('commitments_change_ar', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_amendments_convention_id_conventions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendments')),
    sa.UniqueConstraint('convention_id', 'number', name=op.f('uq_amendments_convention_id_number'))
    )
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendments_convention_id'), ['convention_id'], unique=False)

    op.create_table('convention_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('signatory', 'partner', name='party_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('signatory_name', sa.String(length=200), nullable=False),
    sa.Column('signatory_title_fr', sa.String(length=200), nullable=False),
    sa.Column('signatory_title_ar', sa.String(length=200), nullable=False),
    sa.Column('contribution_fr', sa.Text(), nullable=False),
    sa.Column('contribution_ar', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_convention_parties_convention_id_conventions')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_convention_parties_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_convention_parties')),
    sa.UniqueConstraint('convention_id', 'organisation_id', name=op.f('uq_convention_parties_convention_id_organisation_id'))
    )
    with op.batch_alter_table('convention_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_parties_convention_id'), ['convention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_convention_parties_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('convention_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum('draft', 'signed', 'in_progress', 'completed', 'suspended', 'terminated', name='from_status', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('draft', 'signed', 'in_progress', 'completed', 'suspended', 'terminated', name='to_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_convention_status_changes_actor_id_users')),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_convention_status_changes_convention_id_conventions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_convention_status_changes'))
    )
    with op.batch_alter_table('convention_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_status_changes_convention_id'), ['convention_id'], unique=False)

    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('name_fr', sa.String(length=300), nullable=False),
    sa.Column('name_ar', sa.String(length=300), nullable=False),
    sa.Column('unit_fr', sa.String(length=60), nullable=False),
    sa.Column('unit_ar', sa.String(length=60), nullable=False),
    sa.Column('baseline', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('baseline_date', sa.Date(), nullable=False),
    sa.Column('target', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_indicators_convention_id_conventions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_convention_id'), ['convention_id'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('title_fr', sa.String(length=300), nullable=False),
    sa.Column('title_ar', sa.String(length=300), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('completed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['completed_by_id'], ['users.id'], name=op.f('fk_milestones_completed_by_id_users')),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_milestones_convention_id_conventions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_convention_id'), ['convention_id'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('description_ar', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'done', 'cancelled', name='commitment_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_commitments_convention_id_conventions')),
    sa.ForeignKeyConstraint(['party_id'], ['convention_parties.id'], name=op.f('fk_commitments_party_id_convention_parties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_convention_id'), ['convention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_party_id'), ['party_id'], unique=False)

    op.create_table('convention_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('signed_convention', 'amendment', 'annex', name='document_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('original_filename', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendments.id'], name=op.f('fk_convention_documents_amendment_id_amendments')),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_convention_documents_convention_id_conventions')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_convention_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_convention_documents')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_convention_documents_stored_name'))
    )
    with op.batch_alter_table('convention_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_documents_convention_id'), ['convention_id'], unique=False)

    op.create_table('measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_measurements_indicator_id_indicators')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_measurements_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurements'))
    )
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measurements_indicator_id'), ['indicator_id'], unique=False)



def downgrade():
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measurements_indicator_id'))

    op.drop_table('measurements')
    with op.batch_alter_table('convention_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_documents_convention_id'))

    op.drop_table('convention_documents')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_party_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_convention_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_convention_id'))

    op.drop_table('milestones')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_convention_id'))

    op.drop_table('indicators')
    with op.batch_alter_table('convention_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_status_changes_convention_id'))

    op.drop_table('convention_status_changes')
    with op.batch_alter_table('convention_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_parties_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_convention_parties_convention_id'))

    op.drop_table('convention_parties')
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendments_convention_id'))

    op.drop_table('amendments')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conventions_ecosystem_id'))

    op.drop_table('conventions')
