"""Training: topic catalogue (loaded here), needs, offers, sessions, enrolments,
evaluations.

Revision ID: 0005_training
Revises: 0004_certification
Create Date: 2026-11-21 07:36:22.574554

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_training'
down_revision = '0004_certification'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('training_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name_fr', sa.String(length=200), nullable=False),
    sa.Column('name_ar', sa.String(length=200), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('description_ar', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_topics')),
    sa.UniqueConstraint('code', name=op.f('uq_training_topics_code'))
    )
    op.create_table('training_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institute_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('title_fr', sa.String(length=300), nullable=False),
    sa.Column('title_ar', sa.String(length=300), nullable=False),
    sa.Column('duration_hours', sa.Integer(), nullable=False),
    sa.Column('modality', sa.Enum('in_person', 'remote', 'in_company', name='offer_modality', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('languages', sa.String(length=20), nullable=False),
    sa.Column('price_mad', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('regions', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['institute_id'], ['organisations.id'], name=op.f('fk_training_offers_institute_id_organisations')),
    sa.ForeignKeyConstraint(['topic_id'], ['training_topics.id'], name=op.f('fk_training_offers_topic_id_training_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_offers'))
    )
    with op.batch_alter_table('training_offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_offers_institute_id'), ['institute_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_offers_topic_id'), ['topic_id'], unique=False)

    op.create_table('training_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('institute_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('ecosystem_id', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=5), nullable=False),
    sa.Column('quarter', sa.String(length=7), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'held', 'cancelled', name='session_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('enrolment_counter', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('seats > 0', name=op.f('ck_training_sessions_seats_positive')),
    sa.ForeignKeyConstraint(['ecosystem_id'], ['ecosystems.id'], name=op.f('fk_training_sessions_ecosystem_id_ecosystems')),
    sa.ForeignKeyConstraint(['institute_id'], ['organisations.id'], name=op.f('fk_training_sessions_institute_id_organisations')),
    sa.ForeignKeyConstraint(['offer_id'], ['training_offers.id'], name=op.f('fk_training_sessions_offer_id_training_offers')),
    sa.ForeignKeyConstraint(['topic_id'], ['training_topics.id'], name=op.f('fk_training_sessions_topic_id_training_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_sessions_ecosystem_id'), ['ecosystem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_institute_id'), ['institute_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_topic_id'), ['topic_id'], unique=False)

    op.create_table('enrolments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('participant_name', sa.String(length=200), nullable=False),
    sa.Column('participant_job', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('enrolled', 'waiting', 'cancelled', name='enrolment_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_enrolments_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_enrolments_session_id_training_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolments'))
    )
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolments_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolments_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolments_status'), ['status'], unique=False)

    op.create_table('session_evaluations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('content_rating', sa.Integer(), nullable=True),
    sa.Column('trainer_rating', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_session_evaluations_rating_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_session_evaluations_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_session_evaluations_session_id_training_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_evaluations')),
    sa.UniqueConstraint('session_id', 'organisation_id', name=op.f('uq_session_evaluations_session_id_organisation_id'))
    )
    with op.batch_alter_table('session_evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_evaluations_session_id'), ['session_id'], unique=False)

    op.create_table('training_needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('ecosystem_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('job_category', sa.Enum('operators', 'technicians', 'supervisors', 'engineers', 'quality_staff', 'managers', name='job_category', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('beginner', 'intermediate', 'advanced', name='level', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('priority', sa.Enum('high', 'medium', 'low', name='priority', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('quarter', sa.String(length=7), nullable=False),
    sa.Column('region', sa.String(length=5), nullable=False),
    sa.Column('modality', sa.Enum('in_person', 'remote', 'in_company', name='modality', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'validated', 'planned', 'fulfilled', 'declined', name='need_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('decline_reason', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('validated_at', sa.DateTime(), nullable=True),
    sa.Column('validated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('people > 0', name=op.f('ck_training_needs_people_positive')),
    sa.ForeignKeyConstraint(['ecosystem_id'], ['ecosystems.id'], name=op.f('fk_training_needs_ecosystem_id_ecosystems')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['training_needs.id'], name=op.f('fk_training_needs_merged_into_id_training_needs')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_training_needs_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_training_needs_session_id_training_sessions')),
    sa.ForeignKeyConstraint(['topic_id'], ['training_topics.id'], name=op.f('fk_training_needs_topic_id_training_topics')),
    sa.ForeignKeyConstraint(['validated_by_id'], ['users.id'], name=op.f('fk_training_needs_validated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_needs'))
    )
    with op.batch_alter_table('training_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_needs_ecosystem_id'), ['ecosystem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_needs_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_needs_quarter'), ['quarter'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_needs_region'), ['region'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_needs_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_needs_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_needs_topic_id'), ['topic_id'], unique=False)


    load_topics()


# (code, French name, Arabic name), written here when this revision was made: the
# revision inserts them as they were, whatever the application says later.
TOPICS = [
    ('iso_9001_requirements', 'Exigences de la norme ISO 9001', 'متطلبات المواصفة ISO 9001'),
    ('internal_auditor', 'Auditeur interne qualité', 'مدقق داخلي للجودة'),
    ('apqp', 'APQP : planification avancée de la qualité produit', 'APQP: التخطيط المتقدم لجودة المنتج'),
    ('ppap', "PPAP : processus d'approbation des pièces de production", 'PPAP: مسطرة المصادقة على قطع الإنتاج'),
    ('fmea', 'AMDEC (FMEA) processus et produit', 'تحليل أنماط الأعطال وآثارها (FMEA)'),
    ('msa', 'MSA : analyse des systèmes de mesure', 'MSA: تحليل أنظمة القياس'),
    ('spc', 'MSP (SPC) : maîtrise statistique des procédés', 'SPC: الضبط الإحصائي للعمليات'),
    ('problem_solving_8d', 'Résolution de problèmes 8D', 'حل المشكلات بمنهجية 8D'),
    ('lean', 'Lean manufacturing', 'الإنتاج الرشيق'),
    ('metrology_basics', "Bases de la métrologie et de l'étalonnage", 'أساسيات المترولوجيا والمعايرة'),
    ('iso_14001', 'Management environnemental ISO 14001', 'التدبير البيئي ISO 14001'),
    ('iso_45001', 'Santé et sécurité au travail ISO 45001', 'الصحة والسلامة المهنية ISO 45001'),
    ('chemical_risk_ghs_reach', 'Risque chimique, étiquetage SGH et REACH', 'المخاطر الكيميائية ووسم GHS ولائحة REACH'),
    ('iso_iec_17025', 'ISO/IEC 17025 pour les laboratoires', 'ISO/IEC 17025 للمختبرات'),
]


def load_topics():
    """The topic catalogue every installation starts with (reference data, not demo data)."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).replace(tzinfo=None)
    topics = sa.table(
        'training_topics', sa.column('code', sa.String), sa.column('name_fr', sa.String),
        sa.column('name_ar', sa.String), sa.column('description_fr', sa.Text),
        sa.column('description_ar', sa.Text), sa.column('active', sa.Boolean),
        sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime),
        sa.column('version', sa.Integer),
    )
    op.bulk_insert(topics, [
        {'code': code, 'name_fr': fr, 'name_ar': ar, 'description_fr': '', 'description_ar': '',
         'active': True, 'created_at': now, 'updated_at': now, 'version': 1}
        for code, fr, ar in TOPICS
    ])


def downgrade():
    with op.batch_alter_table('training_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_needs_topic_id'))
        batch_op.drop_index(batch_op.f('ix_training_needs_status'))
        batch_op.drop_index(batch_op.f('ix_training_needs_session_id'))
        batch_op.drop_index(batch_op.f('ix_training_needs_region'))
        batch_op.drop_index(batch_op.f('ix_training_needs_quarter'))
        batch_op.drop_index(batch_op.f('ix_training_needs_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_training_needs_ecosystem_id'))

    op.drop_table('training_needs')
    with op.batch_alter_table('session_evaluations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_evaluations_session_id'))

    op.drop_table('session_evaluations')
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolments_status'))
        batch_op.drop_index(batch_op.f('ix_enrolments_session_id'))
        batch_op.drop_index(batch_op.f('ix_enrolments_organisation_id'))

    op.drop_table('enrolments')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_sessions_topic_id'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_offer_id'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_institute_id'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_ecosystem_id'))

    op.drop_table('training_sessions')
    with op.batch_alter_table('training_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_offers_topic_id'))
        batch_op.drop_index(batch_op.f('ix_training_offers_institute_id'))

    op.drop_table('training_offers')
    op.drop_table('training_topics')
