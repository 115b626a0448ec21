"""Certification support: standards and clauses, support cases and their transitions,
diagnostics, action plans, audits and nonconformities, certificates, service requests.

Revision ID: 0004_certification
Revises: 0003_conventions
Create Date: 2026-11-21 07:18:21.754596

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_certification'
down_revision = '0003_conventions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('name_fr', sa.String(length=200), nullable=False),
    sa.Column('name_ar', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standards')),
    sa.UniqueConstraint('code', name=op.f('uq_standards_code'))
    )
    op.create_table('service_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('testing', 'calibration', 'inspection', 'certification', 'standards_information', name='service_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'accepted', 'answered', 'declined', name='service_request_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('respond_by', sa.Date(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['organisations.id'], name=op.f('fk_service_requests_body_id_organisations')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_service_requests_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_requests'))
    )
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_requests_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_requests_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_requests_status'), ['status'], unique=False)

    op.create_table('standard_clauses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_fr', sa.String(length=200), nullable=False),
    sa.Column('title_ar', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['standard_id'], ['standards.id'], name=op.f('fk_standard_clauses_standard_id_standards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standard_clauses')),
    sa.UniqueConstraint('standard_id', 'number', name=op.f('uq_standard_clauses_standard_id_number'))
    )
    with op.batch_alter_table('standard_clauses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standard_clauses_standard_id'), ['standard_id'], unique=False)

    op.create_table('request_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('original_filename', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['service_requests.id'], name=op.f('fk_request_attachments_request_id_service_requests')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_request_attachments_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_attachments')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_request_attachments_stored_name'))
    )
    with op.batch_alter_table('request_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_attachments_request_id'), ['request_id'], unique=False)

    op.create_table('support_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('ecosystem_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('initial', 'renewal', 'transition', name='case_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('stage', sa.Enum('requested', 'accepted', 'diagnostic', 'action_plan', 'implementation', 'internal_audit', 'certification_audit', 'certified', 'closed', name='case_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=True),
    sa.Column('funding_programme', sa.String(length=200), nullable=False),
    sa.Column('cofinancing_rate', sa.Integer(), nullable=True),
    sa.Column('closing_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ecosystem_id'], ['ecosystems.id'], name=op.f('fk_support_cases_ecosystem_id_ecosystems')),
    sa.ForeignKeyConstraint(['expert_id'], ['quality_experts.id'], name=op.f('fk_support_cases_expert_id_quality_experts')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_support_cases_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['standard_id'], ['standards.id'], name=op.f('fk_support_cases_standard_id_standards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_cases'))
    )
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_cases_ecosystem_id'), ['ecosystem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_cases_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_cases_stage'), ['stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_cases_standard_id'), ['standard_id'], unique=False)

    op.create_table('action_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('clause_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'in_progress', 'done', name='action_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_action_items_case_id_support_cases')),
    sa.ForeignKeyConstraint(['clause_id'], ['standard_clauses.id'], name=op.f('fk_action_items_clause_id_standard_clauses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_items'))
    )
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_items_case_id'), ['case_id'], unique=False)

    op.create_table('case_transitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_stage', sa.Enum('requested', 'accepted', 'diagnostic', 'action_plan', 'implementation', 'internal_audit', 'certification_audit', 'certified', 'closed', name='from_stage', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('to_stage', sa.Enum('requested', 'accepted', 'diagnostic', 'action_plan', 'implementation', 'internal_audit', 'certification_audit', 'certified', 'closed', name='to_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_case_transitions_actor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_case_transitions_case_id_support_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_transitions'))
    )
    with op.batch_alter_table('case_transitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_transitions_case_id'), ['case_id'], unique=False)

    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('issuing_body_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('scope_fr', sa.Text(), nullable=False),
    sa.Column('scope_ar', sa.Text(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('valid', 'suspended', 'withdrawn', name='certificate_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_certificates_case_id_support_cases')),
    sa.ForeignKeyConstraint(['issuing_body_id'], ['organisations.id'], name=op.f('fk_certificates_issuing_body_id_organisations')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_certificates_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['standard_id'], ['standards.id'], name=op.f('fk_certificates_standard_id_standards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('number', name=op.f('uq_certificates_number'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_issuing_body_id'), ['issuing_body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('diagnostics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_diagnostics_case_id_support_cases')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_diagnostics_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnostics')),
    sa.UniqueConstraint('case_id', 'number', name=op.f('uq_diagnostics_case_id_number'))
    )
    with op.batch_alter_table('diagnostics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diagnostics_case_id'), ['case_id'], unique=False)

    op.create_table('quality_audits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('internal', 'stage_1', 'stage_2', 'surveillance', 'recertification', name='audit_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('auditing_body_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.Enum('conform', 'conform_with_findings', 'not_conform', name='audit_result', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['auditing_body_id'], ['organisations.id'], name=op.f('fk_quality_audits_auditing_body_id_organisations')),
    sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_quality_audits_case_id_support_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_audits'))
    )
    with op.batch_alter_table('quality_audits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_audits_case_id'), ['case_id'], unique=False)

    op.create_table('diagnostic_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('diagnostic_id', sa.Integer(), nullable=False),
    sa.Column('clause_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Enum('not_started', 'partial', 'largely', 'fully', 'not_applicable', name='rating', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('evidence_note', sa.Text(), nullable=False),
    sa.Column('evidence_file', sa.String(length=80), nullable=True),
    sa.Column('evidence_filename', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['clause_id'], ['standard_clauses.id'], name=op.f('fk_diagnostic_answers_clause_id_standard_clauses')),
    sa.ForeignKeyConstraint(['diagnostic_id'], ['diagnostics.id'], name=op.f('fk_diagnostic_answers_diagnostic_id_diagnostics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnostic_answers')),
    sa.UniqueConstraint('diagnostic_id', 'clause_id', name=op.f('uq_diagnostic_answers_diagnostic_id_clause_id'))
    )
    with op.batch_alter_table('diagnostic_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diagnostic_answers_clause_id'), ['clause_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_diagnostic_answers_diagnostic_id'), ['diagnostic_id'], unique=False)

    op.create_table('nonconformities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('major', sa.Boolean(), nullable=False),
    sa.Column('clause_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('corrective_action', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['audit_id'], ['quality_audits.id'], name=op.f('fk_nonconformities_audit_id_quality_audits')),
    sa.ForeignKeyConstraint(['clause_id'], ['standard_clauses.id'], name=op.f('fk_nonconformities_clause_id_standard_clauses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nonconformities'))
    )
    with op.batch_alter_table('nonconformities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nonconformities_audit_id'), ['audit_id'], unique=False)


    load_catalogue()


# (code, reference, French name, Arabic name), written here when this revision was made:
# the revision inserts them as they were, whatever the application says later.
STANDARDS = [
    ('iso_9001', 'ISO 9001:2015', 'Systèmes de management de la qualité', 'أنظمة تدبير الجودة'),
    ('iatf_16949', 'IATF 16949:2016', 'Système de management de la qualité automobile', 'نظام تدبير الجودة في قطاع السيارات'),
    ('iso_14001', 'ISO 14001:2015', 'Systèmes de management environnemental', 'أنظمة التدبير البيئي'),
    ('iso_45001', 'ISO 45001:2018', 'Systèmes de management de la santé et de la sécurité au travail', 'أنظمة تدبير الصحة والسلامة المهنية'),
    ('iso_iec_17025', 'ISO/IEC 17025:2017', "Compétence des laboratoires d'étalonnages et d'essais", 'كفاءة مختبرات المعايرة والتجارب'),
    ('iso_22000', 'ISO 22000:2018', 'Systèmes de management de la sécurité des denrées alimentaires', 'أنظمة تدبير سلامة المواد الغذائية'),
]

# The clause outline of ISO 9001:2015, numbers and titles only (the ISO text is not
# reproduced): (number, English, French, Arabic), inserted in this order.
ISO_9001_CLAUSES = [
    ('4', 'Context of the organization', "Contexte de l'organisme", 'سياق المؤسسة'),
    ('4.1', 'Understanding the organization and its context', "Compréhension de l'organisme et de son contexte", 'فهم المؤسسة وسياقها'),
    ('4.2', 'Understanding the needs and expectations of interested parties', 'Compréhension des besoins et des attentes des parties intéressées', 'فهم احتياجات وتوقعات الأطراف المعنية'),
    ('4.3', 'Determining the scope of the quality management system', "Détermination du domaine d'application du système de management de la qualité", 'تحديد نطاق نظام تدبير الجودة'),
    ('4.4', 'Quality management system and its processes', 'Système de management de la qualité et ses processus', 'نظام تدبير الجودة وعملياته'),
    ('5', 'Leadership', 'Leadership', 'القيادة'),
    ('5.1', 'Leadership and commitment', 'Leadership et engagement', 'القيادة والالتزام'),
    ('5.2', 'Policy', 'Politique', 'السياسة'),
    ('5.3', 'Organizational roles, responsibilities and authorities', "Rôles, responsabilités et autorités au sein de l'organisme", 'الأدوار والمسؤوليات والصلاحيات داخل المؤسسة'),
    ('6', 'Planning', 'Planification', 'التخطيط'),
    ('6.1', 'Actions to address risks and opportunities', 'Actions à mettre en œuvre face aux risques et opportunités', 'الإجراءات المتخذة لمعالجة المخاطر والفرص'),
    ('6.2', 'Quality objectives and planning to achieve them', 'Objectifs qualité et planification des actions pour les atteindre', 'أهداف الجودة والتخطيط لتحقيقها'),
    ('6.3', 'Planning of changes', 'Planification des modifications', 'التخطيط للتغييرات'),
    ('7', 'Support', 'Support', 'الدعم'),
    ('7.1', 'Resources', 'Ressources', 'الموارد'),
    ('7.2', 'Competence', 'Compétences', 'الكفاءة'),
    ('7.3', 'Awareness', 'Sensibilisation', 'التوعية'),
    ('7.4', 'Communication', 'Communication', 'التواصل'),
    ('7.5', 'Documented information', 'Informations documentées', 'المعلومات الموثقة'),
    ('8', 'Operation', 'Réalisation des activités opérationnelles', 'التشغيل'),
    ('8.1', 'Operational planning and control', 'Planification et maîtrise opérationnelles', 'التخطيط والتحكم التشغيلي'),
    ('8.2', 'Requirements for products and services', 'Exigences relatives aux produits et services', 'متطلبات المنتجات والخدمات'),
    ('8.3', 'Design and development of products and services', 'Conception et développement de produits et services', 'تصميم وتطوير المنتجات والخدمات'),
    ('8.4', 'Control of externally provided processes, products and services', 'Maîtrise des processus, produits et services fournis par des prestataires externes', 'التحكم في العمليات والمنتجات والخدمات المقدمة من جهات خارجية'),
    ('8.5', 'Production and service provision', 'Production et prestation de service', 'الإنتاج وتقديم الخدمة'),
    ('8.6', 'Release of products and services', 'Libération des produits et services', 'الإفراج عن المنتجات والخدمات'),
    ('8.7', 'Control of nonconforming outputs', 'Maîtrise des éléments de sortie non conformes', 'التحكم في المخرجات غير المطابقة'),
    ('9', 'Performance evaluation', 'Évaluation des performances', 'تقييم الأداء'),
    ('9.1', 'Monitoring, measurement, analysis and evaluation', 'Surveillance, mesure, analyse et évaluation', 'الرصد والقياس والتحليل والتقييم'),
    ('9.2', 'Internal audit', 'Audit interne', 'التدقيق الداخلي'),
    ('9.3', 'Management review', 'Revue de direction', 'مراجعة الإدارة'),
    ('10', 'Improvement', 'Amélioration', 'التحسين'),
    ('10.1', 'General', 'Généralités', 'عموميات'),
    ('10.2', 'Nonconformity and corrective action', 'Non-conformité et action corrective', 'عدم المطابقة والإجراء التصحيحي'),
    ('10.3', 'Continual improvement', 'Amélioration continue', 'التحسين المستمر'),
]


def load_catalogue():
    """The standards catalogue and the clause outline of ISO 9001:2015 (reference data that
    every installation needs, not demo data)."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).replace(tzinfo=None)
    standards = sa.table(
        'standards', sa.column('id', sa.Integer), sa.column('code', sa.String),
        sa.column('reference', sa.String), sa.column('name_fr', sa.String),
        sa.column('name_ar', sa.String), sa.column('active', sa.Boolean),
        sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime),
        sa.column('version', sa.Integer),
    )
    op.bulk_insert(standards, [
        {'code': code, 'reference': reference, 'name_fr': fr, 'name_ar': ar, 'active': True,
         'created_at': now, 'updated_at': now, 'version': 1}
        for code, reference, fr, ar in STANDARDS
    ])
    iso_9001 = op.get_bind().execute(
        sa.select(standards.c.id).where(standards.c.code == 'iso_9001')
    ).scalar_one()
    clauses = sa.table(
        'standard_clauses', sa.column('standard_id', sa.Integer), sa.column('number', sa.String),
        sa.column('position', sa.Integer), sa.column('title_en', sa.String),
        sa.column('title_fr', sa.String), sa.column('title_ar', sa.String),
        sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime),
    )
    op.bulk_insert(clauses, [
        {'standard_id': iso_9001, 'number': number, 'position': position, 'title_en': en,
         'title_fr': fr, 'title_ar': ar, 'created_at': now, 'updated_at': now}
        for position, (number, en, fr, ar) in enumerate(ISO_9001_CLAUSES, 1)
    ])


def downgrade():
    with op.batch_alter_table('nonconformities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nonconformities_audit_id'))

    op.drop_table('nonconformities')
    with op.batch_alter_table('diagnostic_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diagnostic_answers_diagnostic_id'))
        batch_op.drop_index(batch_op.f('ix_diagnostic_answers_clause_id'))

    op.drop_table('diagnostic_answers')
    with op.batch_alter_table('quality_audits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_audits_case_id'))

    op.drop_table('quality_audits')
    with op.batch_alter_table('diagnostics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diagnostics_case_id'))

    op.drop_table('diagnostics')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_certificates_issuing_body_id'))

    op.drop_table('certificates')
    with op.batch_alter_table('case_transitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_transitions_case_id'))

    op.drop_table('case_transitions')
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_items_case_id'))

    op.drop_table('action_items')
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_cases_standard_id'))
        batch_op.drop_index(batch_op.f('ix_support_cases_stage'))
        batch_op.drop_index(batch_op.f('ix_support_cases_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_support_cases_ecosystem_id'))

    op.drop_table('support_cases')
    with op.batch_alter_table('request_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_attachments_request_id'))

    op.drop_table('request_attachments')
    with op.batch_alter_table('standard_clauses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standard_clauses_standard_id'))

    op.drop_table('standard_clauses')
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_requests_status'))
        batch_op.drop_index(batch_op.f('ix_service_requests_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_service_requests_body_id'))

    op.drop_table('service_requests')
    op.drop_table('standards')
