"""Foundation: organisations, users and their login sessions, ecosystems, memberships,
and the audit trail.

Revision ID: 0001_foundation
Revises: 
Create Date: 2026-11-21 06:13:22.673140

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001_foundation'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ministry', 'federation', 'sme', 'institute', 'infrastructure', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name_fr', sa.String(length=200), nullable=False),
    sa.Column('name_ar', sa.String(length=200), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=True),
    sa.Column('region', sa.String(length=5), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('ice', sa.String(length=15), nullable=True),
    sa.Column('rc', sa.String(length=40), nullable=True),
    sa.Column('if_number', sa.String(length=40), nullable=True),
    sa.Column('headcount_band', sa.Enum('tpe', 'pme', 'eti', 'ge', name='headcount_band', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('infrastructure_type', sa.Enum('testing_lab', 'calibration_lab', 'inspection_body', 'certification_body', 'standardization_body', 'accreditation_body', name='infrastructure_type', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind <> 'sme' OR ice IS NOT NULL", name=op.f('ck_organisations_sme_has_ice')),
    sa.CheckConstraint("region IS NULL OR region IN ('MA-01', 'MA-02', 'MA-03', 'MA-04', 'MA-05', 'MA-06', 'MA-07', 'MA-08', 'MA-09', 'MA-10', 'MA-11', 'MA-12')", name=op.f('ck_organisations_region_code')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('ice', name=op.f('uq_organisations_ice'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_region'), ['region'], unique=False)

    op.create_table('ecosystems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('sector_fr', sa.String(length=120), nullable=False),
    sa.Column('sector_ar', sa.String(length=120), nullable=False),
    sa.Column('name_fr', sa.String(length=200), nullable=False),
    sa.Column('name_ar', sa.String(length=200), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('description_ar', sa.Text(), nullable=False),
    sa.Column('lead_federation_id', sa.Integer(), nullable=False),
    sa.Column('launch_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'active', 'closed', name='ecosystem_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lead_federation_id'], ['organisations.id'], name=op.f('fk_ecosystems_lead_federation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ecosystems')),
    sa.UniqueConstraint('slug', name=op.f('uq_ecosystems_slug'))
    )
    with op.batch_alter_table('ecosystems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ecosystems_lead_federation_id'), ['lead_federation_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('role', sa.Enum('admin', 'ministry_officer', 'federation_staff', 'sme_user', 'institute_user', 'infrastructure_user', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('preferred_locale', sa.String(length=5), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_users_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_organisation_id'), ['organisation_id'], unique=False)
    # E-mail addresses are unique whatever their case (an expression index, written by hand:
    # autogenerate cannot compare it on SQLite).
    op.create_index('uq_users_email_lower', 'users', [sa.text('lower(email)')], unique=True)

    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('entity_type', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_entries_entity', ['entity_type', 'entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_occurred_at'), ['occurred_at'], unique=False)

    op.create_table('login_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('ip_address', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_login_sessions_token_hash'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ecosystem_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('member_sme', 'training_partner', 'infrastructure_partner', name='membership_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('requested', 'active', 'suspended', 'left', name='membership_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_memberships_decided_by_id_users')),
    sa.ForeignKeyConstraint(['ecosystem_id'], ['ecosystems.id'], name=op.f('fk_memberships_ecosystem_id_ecosystems')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_memberships_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('ecosystem_id', 'organisation_id', name=op.f('uq_memberships_ecosystem_id_organisation_id'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_ecosystem_id'), ['ecosystem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_organisation_id'), ['organisation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_memberships_ecosystem_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))

    op.drop_table('login_sessions')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_occurred_at'))
        batch_op.drop_index('ix_audit_entries_entity')
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor_id'))

    op.drop_table('audit_entries')
    op.drop_index('uq_users_email_lower', table_name='users')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_organisation_id'))

    op.drop_table('users')
    with op.batch_alter_table('ecosystems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ecosystems_lead_federation_id'))

    op.drop_table('ecosystems')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_region'))
        batch_op.drop_index(batch_op.f('ix_organisations_kind'))

    op.drop_table('organisations')
