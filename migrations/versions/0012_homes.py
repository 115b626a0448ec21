"""Indexes of the home pages' work queues (issue 11): each section reads its first rows in
its order and counts up to a bound through an index starting with its filter
(portal/models/work_queue_indexes.py says which section needs which).

Revision ID: 0012_homes
Revises: 0011_members
Create Date: 2026-11-28 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_homes'
down_revision = '0011_members'
branch_labels = None
depends_on = None

INDEXES = {
    'ix_training_needs_organisation_status_created': (
        'training_needs', ['organisation_id', 'status', 'created_at', 'id']
    ),
    'ix_service_requests_status_respond_by': (
        'service_requests', ['status', 'respond_by', 'id']
    ),
    'ix_service_requests_body_status_respond_by': (
        'service_requests', ['body_id', 'status', 'respond_by', 'id']
    ),
    'ix_service_requests_organisation_status_respond_by': (
        'service_requests', ['organisation_id', 'status', 'respond_by', 'id']
    ),
    'ix_certificates_organisation_status_issued': (
        'certificates', ['organisation_id', 'status', 'issued_on', 'id']
    ),
    'ix_certificates_body_status_issued': (
        'certificates', ['issuing_body_id', 'status', 'issued_on', 'id']
    ),
    'ix_conventions_status_ends_on': (
        'conventions', ['status', 'ends_on', 'reference', 'id']
    ),
    'ix_milestones_completed_due': ('milestones', ['completed_on', 'due_date', 'id']),
    'ix_milestones_convention_open_due': (
        'milestones', ['convention_id', 'completed_on', 'due_date']
    ),
    'ix_training_sessions_institute_status_starts': (
        'training_sessions', ['institute_id', 'status', 'starts_on', 'id']
    ),
    'ix_training_sessions_institute_status_ends': (
        'training_sessions', ['institute_id', 'status', 'ends_on', 'id']
    ),
}


# Open milestones by due date: partial, as PostgreSQL reads a composite index in the order of
# its next column only after an equality on the first (never after IS NULL).
OPEN_MILESTONES = sa.text('completed_on IS NULL')


def upgrade():
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)
    op.create_index(
        'ix_milestones_open_due', 'milestones', ['due_date', 'id'], unique=False,
        sqlite_where=OPEN_MILESTONES, postgresql_where=OPEN_MILESTONES,
    )


def downgrade():
    op.drop_index('ix_milestones_open_due', table_name='milestones')
    for name, (table, _columns) in reversed(INDEXES.items()):
        op.drop_index(name, table_name=table)
