"""Directory and onboarding: organisation profile fields and folded names for search,
accreditations, quality experts, notifications, e-mail confirmation, organisation
administrators, the "rejected" membership status and decision reasons.

Revision ID: 0002_directory
Revises: 0001_foundation
Create Date: 2026-11-21 06:35:12.160151

"""
import unicodedata

from alembic import op
import sqlalchemy as sa


OLD_STATUSES = ['requested', 'active', 'suspended', 'left']
NEW_STATUSES = [*OLD_STATUSES, 'rejected']

# revision identifiers, used by Alembic.
revision = '0002_directory'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accreditations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('standard', sa.Enum('iso_iec_17025', 'iso_iec_17020', 'iso_iec_17021_1', 'iso_iec_17065', 'iso_15189', 'iso_iec_17024', name='accreditation_standard', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('certificate_number', sa.String(length=80), nullable=False),
    sa.Column('scope_fr', sa.Text(), nullable=False),
    sa.Column('scope_ar', sa.Text(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('accrediting_body_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['accrediting_body_id'], ['organisations.id'], name=op.f('fk_accreditations_accrediting_body_id_organisations')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_accreditations_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accreditations'))
    )
    with op.batch_alter_table('accreditations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accreditations_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_at'], unique=False)

    op.create_table('quality_experts',
    sa.Column('search_text', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('headline_fr', sa.String(length=200), nullable=False),
    sa.Column('headline_ar', sa.String(length=200), nullable=False),
    sa.Column('bio_fr', sa.Text(), nullable=False),
    sa.Column('bio_ar', sa.Text(), nullable=False),
    sa.Column('region', sa.String(length=5), nullable=True),
    sa.Column('languages', sa.String(length=20), nullable=False),
    sa.Column('availability', sa.Enum('available', 'limited', 'unavailable', name='availability', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('visible', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_quality_experts_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quality_experts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_experts')),
    sa.UniqueConstraint('user_id', name=op.f('uq_quality_experts_user_id'))
    )
    with op.batch_alter_table('quality_experts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_experts_region'), ['region'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_experts_search_text'), ['search_text'], unique=False)

    op.create_table('expert_competencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('standard', 'topic', 'sector', name='competency_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['quality_experts.id'], name=op.f('fk_expert_competencies_expert_id_quality_experts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_competencies')),
    sa.UniqueConstraint('expert_id', 'kind', 'code', name=op.f('uq_expert_competencies_expert_id_kind_code'))
    )
    with op.batch_alter_table('expert_competencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_competencies_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_expert_competencies_expert_id'), ['expert_id'], unique=False)

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision_reason', sa.Text(), nullable=True))

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legal_form', sa.Enum('sarl', 'sarl_au', 'sa', 'sas', 'snc', 'gie', 'cooperative', 'sole_trader', 'other', name='legal_form', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('activity_fr', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('activity_ar', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('institute_type', sa.Enum('public_institute', 'vocational_school', 'engineering_school', 'university', 'private_centre', name='institute_type', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('domains_fr', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('domains_ar', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('search_text', sa.String(length=800), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_organisations_search_text'), ['search_text'], unique=False)

    # SQLite's batch mode rebuilds the table and cannot carry an expression index over:
    # drop lower(email) uniqueness around the change and create it again after.
    op.drop_index('uq_users_email_lower', table_name='users')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_org_admin', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(), nullable=True))

    backfill()

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.alter_column('search_text', server_default=None)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('is_org_admin', server_default=None)
    op.create_index('uq_users_email_lower', 'users', [sa.text('lower(email)')], unique=True)

    # A request can now be rejected: widen the CHECK constraint of the status.
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_memberships_membership_status'), type_='check')
        batch_op.create_check_constraint(
            'membership_status', sa.column('status').in_(NEW_STATUSES)
        )


# The fold of search texts as it was when this revision was written (portal/text_search.py
# then), copied here so that a later change of the application's fold cannot change what
# this revision writes: lowercase, no Latin accents, no Arabic diacritics or tatweel, the
# Arabic letters people write interchangeably unified, Arabic-Indic digits as ASCII digits,
# letters and digits only, words separated by one space.
_DIGITS = {
    **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic digits
    **{0x06F0 + i: str(i) for i in range(10)},  # Eastern Arabic-Indic digits
}
_REMOVED = [
    *range(0x064B, 0x0660),  # tashkeel: fathatan ... wavy hamza below
    0x0670,  # superscript alef
    *range(0x06D6, 0x06EE),  # Quranic annotation marks
    0x0640,  # tatweel
]
_FOLD_TABLE = {
    **{code: None for code in _REMOVED},
    **_DIGITS,
    ord('أ'): 'ا',
    ord('إ'): 'ا',
    ord('آ'): 'ا',
    ord('ٱ'): 'ا',
    ord('ة'): 'ه',
    ord('ى'): 'ي',
    ord('ؤ'): 'و',
    ord('ئ'): 'ي',
    ord('œ'): 'oe',
    ord('æ'): 'ae',
    ord('ß'): 'ss',
}


def fold(text):
    """Fold a text for accent-, case- and diacritic-insensitive matching."""
    if not text:
        return ''
    decomposed = unicodedata.normalize('NFKD', unicodedata.normalize('NFKD', text).casefold())
    translated = decomposed.translate(_FOLD_TABLE)
    kept = (
        char if char.isalnum() else ' ' for char in translated if not unicodedata.combining(char)
    )
    return ' '.join(''.join(kept).split())


def backfill():
    """Existing rows: folded names for search; accounts made before confirmation existed
    count as confirmed; the first account of each organisation administers it."""
    connection = op.get_bind()
    organisations = sa.table(
        'organisations', sa.column('id'), sa.column('name_fr'), sa.column('name_ar'),
        sa.column('acronym'), sa.column('search_text'),
    )
    for row in connection.execute(sa.select(organisations)).mappings().all():
        text = fold(' '.join(filter(None, [row['name_fr'], row['name_ar'], row['acronym']])))
        connection.execute(
            organisations.update().where(organisations.c.id == row['id']).values(search_text=text)
        )
    users = sa.table(
        'users', sa.column('id'), sa.column('organisation_id'), sa.column('created_at'),
        sa.column('email_confirmed_at'), sa.column('is_org_admin'),
    )
    connection.execute(users.update().values(email_confirmed_at=users.c.created_at))
    first = (
        sa.select(sa.func.min(users.c.id)).group_by(users.c.organisation_id).scalar_subquery()
    )
    connection.execute(users.update().where(users.c.id.in_(first)).values(is_org_admin=True))


def downgrade():
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE memberships SET status = 'left' WHERE status = 'rejected'"))
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_memberships_membership_status'), type_='check')
        batch_op.create_check_constraint(
            'membership_status', sa.column('status').in_(OLD_STATUSES)
        )

    op.drop_index('uq_users_email_lower', table_name='users')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')
        batch_op.drop_column('is_org_admin')
    op.create_index('uq_users_email_lower', 'users', [sa.text('lower(email)')], unique=True)

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        # The CHECK constraints of the enum columns go first, or SQLite's rebuilt table
        # would keep checks on columns that no longer exist.
        batch_op.drop_constraint(op.f('ck_organisations_institute_type'), type_='check')
        batch_op.drop_constraint(op.f('ck_organisations_legal_form'), type_='check')
        batch_op.drop_index(batch_op.f('ix_organisations_search_text'))
        batch_op.drop_column('search_text')
        batch_op.drop_column('domains_ar')
        batch_op.drop_column('domains_fr')
        batch_op.drop_column('institute_type')
        batch_op.drop_column('activity_ar')
        batch_op.drop_column('activity_fr')
        batch_op.drop_column('legal_form')

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('decision_reason')

    with op.batch_alter_table('expert_competencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_competencies_expert_id'))
        batch_op.drop_index(batch_op.f('ix_expert_competencies_code'))

    op.drop_table('expert_competencies')
    with op.batch_alter_table('quality_experts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_experts_search_text'))
        batch_op.drop_index(batch_op.f('ix_quality_experts_region'))

    op.drop_table('quality_experts')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')
        batch_op.drop_index(batch_op.f('ix_notifications_created_at'))

    op.drop_table('notifications')
    with op.batch_alter_table('accreditations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accreditations_organisation_id'))

    op.drop_table('accreditations')
