"""Progress that keeps its lateness, and certificate status history: the completion date of
commitments, the evidence of a milestone (a note and/or a convention document, "evidence"
being a new kind of document), and every change of a certificate's status with its reason.

Revision ID: 0006_evidence_cert_history
Revises: 0005_training
Create Date: 2026-11-28 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic (alembic_version holds 32 characters at most).
revision = '0006_evidence_cert_history'
down_revision = '0005_training'
branch_labels = None
depends_on = None

# Frozen here: the values of the document_kind CHECK constraint before and after.
DOCUMENT_KINDS_BEFORE = ('signed_convention', 'amendment', 'annex')
DOCUMENT_KINDS_AFTER = (*DOCUMENT_KINDS_BEFORE, 'evidence')
CERTIFICATE_STATUSES = ('valid', 'suspended', 'withdrawn')


def _kinds_check(kinds):
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def upgrade():
    op.create_table('certificate_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum(*CERTIFICATE_STATUSES, name='from_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('to_status', sa.Enum(*CERTIFICATE_STATUSES, name='to_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_certificate_status_changes_actor_id_users')),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_certificate_status_changes_certificate_id_certificates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_status_changes'))
    )
    with op.batch_alter_table('certificate_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_status_changes_certificate_id'), ['certificate_id'], unique=False)

    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('completed_on', sa.Date(), nullable=True))

    # The new NOT NULL column is filled by its server default, which is then dropped (the
    # application always gives a value).
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence_note', sa.String(length=500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('evidence_document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_milestones_evidence_document_id_convention_documents'), 'convention_documents', ['evidence_document_id'], ['id'])
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.alter_column('evidence_note', existing_type=sa.String(length=500), existing_nullable=False, server_default=None)

    with op.batch_alter_table('convention_documents', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_convention_documents_document_kind'), type_='check')
        batch_op.create_check_constraint('document_kind', _kinds_check(DOCUMENT_KINDS_AFTER))


def downgrade():
    # Evidence documents become annexes: the older schema has no kind for them.
    op.execute("UPDATE convention_documents SET kind = 'annex' WHERE kind = 'evidence'")
    with op.batch_alter_table('convention_documents', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_convention_documents_document_kind'), type_='check')
        batch_op.create_check_constraint('document_kind', _kinds_check(DOCUMENT_KINDS_BEFORE))

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_milestones_evidence_document_id_convention_documents'), type_='foreignkey')
        batch_op.drop_column('evidence_document_id')
        batch_op.drop_column('evidence_note')

    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_column('completed_on')

    with op.batch_alter_table('certificate_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_status_changes_certificate_id'))

    op.drop_table('certificate_status_changes')
