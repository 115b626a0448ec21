"""Training at national scale (issue 11): the needs, sessions and offers lists' indexes (each
filter's column, then the list's order and id) in place of single-column ones, and the
demand summary (validated needs by ecosystem — 0 for all of them —, topic, region and
quarter), filled set-based from the needs.

Revision ID: 0013_training
Revises: 0012_homes
Create Date: 2026-11-28 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_training'
down_revision = '0012_homes'
branch_labels = None
depends_on = None

NEEDS_INDEXES = {
    'ix_training_needs_created': ['created_at', 'id', 'deleted_at'],
    'ix_training_needs_organisation_created': ['organisation_id', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_ecosystem_created': ['ecosystem_id', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_ecosystem_status_created': ['ecosystem_id', 'status', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_status_created': ['status', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_topic_created': ['topic_id', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_region_created': ['region', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_quarter_created': ['quarter', 'created_at', 'id', 'deleted_at'],
    'ix_training_needs_ecosystem_quarter': ['ecosystem_id', 'quarter', 'deleted_at'],
    'ix_training_needs_cell': ['topic_id', 'region', 'quarter', 'status', 'created_at', 'id', 'deleted_at'],
}
NEEDS_OLD_INDEXES = {
    'ix_training_needs_ecosystem_id': ['ecosystem_id'],
    'ix_training_needs_organisation_id': ['organisation_id'],
    'ix_training_needs_quarter': ['quarter'],
    'ix_training_needs_region': ['region'],
    'ix_training_needs_status': ['status'],
    'ix_training_needs_topic_id': ['topic_id'],
}
SESSIONS_INDEXES = {
    'ix_training_sessions_starts': ['starts_on', 'id'],
    'ix_training_sessions_status_starts': ['status', 'starts_on', 'id'],
    'ix_training_sessions_ecosystem_starts': ['ecosystem_id', 'starts_on', 'id'],
    'ix_training_sessions_ecosystem_status_starts': ['ecosystem_id', 'status', 'starts_on', 'id'],
    'ix_training_sessions_institute_starts': ['institute_id', 'starts_on', 'id'],
}
SESSIONS_OLD_INDEXES = {
    'ix_training_sessions_ecosystem_id': ['ecosystem_id'],
    'ix_training_sessions_institute_id': ['institute_id'],
}
OFFERS_INDEXES = {'ix_training_offers_topic_order': ['topic_id', 'id']}
OFFERS_OLD_INDEXES = {'ix_training_offers_topic_id': ['topic_id']}

# The demand summary, computed from the needs: per ecosystem, then for all (ecosystem 0).
BACKFILL = """
INSERT INTO training_demand_cells
    (ecosystem_id, region, topic_id, quarter, people, companies, needs)
SELECT {ecosystem}, region, topic_id, quarter,
       SUM(people), COUNT(DISTINCT organisation_id), COUNT(id)
FROM training_needs
WHERE status = 'validated' AND deleted_at IS NULL
GROUP BY {group}region, topic_id, quarter
"""


def _swap(table, old, new):
    for name in old:
        op.drop_index(name, table_name=table)
    for name, columns in new.items():
        op.create_index(name, table, columns, unique=False)


def upgrade():
    _swap('training_needs', NEEDS_OLD_INDEXES, NEEDS_INDEXES)
    _swap('training_sessions', SESSIONS_OLD_INDEXES, SESSIONS_INDEXES)
    _swap('training_offers', OFFERS_OLD_INDEXES, OFFERS_INDEXES)
    op.create_table('training_demand_cells',
    sa.Column('ecosystem_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('region', sa.String(length=5), nullable=False),
    sa.Column('topic_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('quarter', sa.String(length=7), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('companies', sa.Integer(), nullable=False),
    sa.Column('needs', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['training_topics.id'], name=op.f('fk_training_demand_cells_topic_id_training_topics')),
    sa.PrimaryKeyConstraint('ecosystem_id', 'region', 'topic_id', 'quarter', name=op.f('pk_training_demand_cells'))
    )
    op.create_index('ix_training_demand_cells_topic', 'training_demand_cells', ['topic_id', 'region', 'quarter'], unique=False)
    op.create_index('ix_training_demand_cells_people', 'training_demand_cells', ['ecosystem_id', 'people', 'topic_id', 'region', 'quarter'], unique=False)
    op.execute(BACKFILL.format(ecosystem='ecosystem_id', group='ecosystem_id, '))
    op.execute(BACKFILL.format(ecosystem='0', group=''))
    # Fresh statistics, so that the planner knows the new indexes (SQLite keeps none of its
    # own; PostgreSQL would gather them later).
    for table in ('training_needs', 'training_sessions', 'training_offers', 'training_demand_cells'):
        op.execute(f'ANALYZE {table}')


def downgrade():
    op.drop_index('ix_training_demand_cells_people', table_name='training_demand_cells')
    op.drop_index('ix_training_demand_cells_topic', table_name='training_demand_cells')
    op.drop_table('training_demand_cells')
    _swap('training_offers', OFFERS_INDEXES, OFFERS_OLD_INDEXES)
    _swap('training_sessions', SESSIONS_INDEXES, SESSIONS_OLD_INDEXES)
    _swap('training_needs', NEEDS_INDEXES, NEEDS_OLD_INDEXES)
