"""Versioned clause outlines and guidance questions (issue 14, item 6): every standard's
outline becomes version 1 of a ``standard_outlines`` row, clauses belong to an outline,
each diagnostic keeps the outline it was started with, guidance questions per clause;
loads the outlines of IATF 16949:2016, ISO 14001:2015, ISO 45001:2018 and
ISO/IEC 17025:2017 (numbers and titles only) and the guidance questions of ISO 9001 and
IATF 16949, written in the portal's own words.

Revision ID: 0031_standard_outlines
Revises: 0030_quality_objectives
Create Date: 2026-11-29 03:10:00

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0031_standard_outlines"
down_revision = "0030_quality_objectives"
branch_labels = None
depends_on = None

LOADED = ("iatf_16949", "iso_14001", "iso_45001", "iso_iec_17025")


def upgrade():
    op.create_table(
        "standard_outlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standards.id"],
            name=op.f("fk_standard_outlines_standard_id_standards"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_standard_outlines_published_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_outlines")),
        sa.UniqueConstraint(
            "standard_id", "number", name=op.f("uq_standard_outlines_standard_id_number")
        ),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    # Version 1 of every standard's outline, published: the clauses it has today.
    op.execute(
        sa.text(
            "INSERT INTO standard_outlines (standard_id, number, published, created_at,"
            " updated_at) SELECT id, 1, :yes, :now, :now FROM standards ORDER BY id"
        ).bindparams(yes=True, now=now)
    )
    with op.batch_alter_table("standard_clauses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outline_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE standard_clauses SET outline_id = (SELECT o.id FROM standard_outlines o"
        " WHERE o.standard_id = standard_clauses.standard_id AND o.number = 1)"
    )
    with op.batch_alter_table("standard_clauses", schema=None) as batch_op:
        batch_op.alter_column("outline_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("uq_standard_clauses_standard_id_number", type_="unique")
        batch_op.create_foreign_key(
            batch_op.f("fk_standard_clauses_outline_id_standard_outlines"),
            "standard_outlines",
            ["outline_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_standard_clauses_outline_position", ["outline_id", "position"], unique=False
        )
    with op.batch_alter_table("diagnostics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outline_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE diagnostics SET outline_id = (SELECT o.id FROM standard_outlines o"
        " JOIN support_cases c ON c.standard_id = o.standard_id"
        " WHERE c.id = diagnostics.case_id AND o.number = 1)"
    )
    with op.batch_alter_table("diagnostics", schema=None) as batch_op:
        batch_op.alter_column("outline_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_diagnostics_outline_id_standard_outlines"),
            "standard_outlines",
            ["outline_id"],
            ["id"],
        )
        batch_op.create_index(batch_op.f("ix_diagnostics_outline_id"), ["outline_id"], unique=False)
    op.create_table(
        "clause_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_fr", sa.String(length=500), nullable=False),
        sa.Column("text_ar", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["clause_id"],
            ["standard_clauses.id"],
            name=op.f("fk_clause_questions_clause_id_standard_clauses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_questions")),
    )
    op.create_index(
        "ix_clause_questions_clause_position", "clause_questions", ["clause_id", "position"]
    )
    load_content(now)


def load_content(now):
    """The four outlines into the (empty) version 1 of their standards, and the guidance
    questions of ISO 9001 and IATF 16949 under the clauses of their version 1."""
    bind = op.get_bind()
    clauses = sa.table(
        "standard_clauses",
        sa.column("id", sa.Integer),
        sa.column("standard_id", sa.Integer),
        sa.column("outline_id", sa.Integer),
        sa.column("number", sa.String),
        sa.column("position", sa.Integer),
        sa.column("title_en", sa.String),
        sa.column("title_fr", sa.String),
        sa.column("title_ar", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    questions = sa.table(
        "clause_questions",
        sa.column("clause_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("text_fr", sa.String),
        sa.column("text_ar", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    outlines = dict(
        bind.execute(
            sa.text(
                "SELECT s.code, o.id FROM standards s JOIN standard_outlines o"
                " ON o.standard_id = s.id AND o.number = 1"
            )
        ).all()
    )
    standards = dict(bind.execute(sa.text("SELECT code, id FROM standards")).all())
    for code in LOADED:
        if code not in outlines or code not in OUTLINES:
            continue
        present = bind.execute(
            sa.text("SELECT count(*) FROM standard_clauses WHERE outline_id = :o").bindparams(
                o=outlines[code]
            )
        ).scalar()
        if present:
            continue
        op.bulk_insert(
            clauses,
            [
                {
                    "standard_id": standards[code],
                    "outline_id": outlines[code],
                    "number": number,
                    "position": position,
                    "title_en": en,
                    "title_fr": fr,
                    "title_ar": ar,
                    "created_at": now,
                    "updated_at": now,
                }
                for position, (number, en, fr, ar) in enumerate(OUTLINES[code], 1)
            ],
        )
    for code, by_number in QUESTIONS.items():
        if code not in outlines:
            continue
        ids = dict(
            bind.execute(
                sa.text(
                    "SELECT number, id FROM standard_clauses WHERE outline_id = :o"
                    " AND deleted_at IS NULL"
                ).bindparams(o=outlines[code])
            ).all()
        )
        op.bulk_insert(
            questions,
            [
                {
                    "clause_id": ids[number],
                    "position": position,
                    "text_fr": fr,
                    "text_ar": ar,
                    "created_at": now,
                    "updated_at": now,
                }
                for number, texts in by_number.items()
                if number in ids
                for position, (fr, ar) in enumerate(texts, 1)
            ],
        )


def downgrade():
    op.drop_index("ix_clause_questions_clause_position", table_name="clause_questions")
    op.drop_table("clause_questions")
    # Back to one outline per standard: the clauses of later versions go (a diagnostic of a
    # later version would have to be removed first), and the four outlines this revision
    # loaded.
    op.execute(
        "DELETE FROM standard_clauses WHERE outline_id IN"
        " (SELECT id FROM standard_outlines WHERE number > 1)"
    )
    op.execute(
        sa.text(
            "DELETE FROM standard_clauses WHERE standard_id IN"
            " (SELECT id FROM standards WHERE code IN :codes)"
        ).bindparams(sa.bindparam("codes", value=list(LOADED), expanding=True))
    )
    with op.batch_alter_table("diagnostics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_diagnostics_outline_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_diagnostics_outline_id_standard_outlines"), type_="foreignkey"
        )
        batch_op.drop_column("outline_id")
    with op.batch_alter_table("standard_clauses", schema=None) as batch_op:
        batch_op.drop_index("ix_standard_clauses_outline_position")
        batch_op.drop_constraint(
            batch_op.f("fk_standard_clauses_outline_id_standard_outlines"), type_="foreignkey"
        )
        batch_op.drop_column("outline_id")
        batch_op.create_unique_constraint(
            batch_op.f("uq_standard_clauses_standard_id_number"), ["standard_id", "number"]
        )
    op.drop_table("standard_outlines")


# The content below is reference data written when this revision was made: numbers and
# titles only for the outlines (the ISO text is not reproduced), guidance questions in the
# portal's own words. (number, English, French, Arabic), in the order of the standard.
OUTLINES = {
    'iatf_16949': [
        ('4', 'Context of the organization', "Contexte de l'organisme", 'سياق المؤسسة'),
        ('4.1', 'Understanding the organization and its context', "Compréhension de l'organisme et de son contexte", 'فهم المؤسسة وسياقها'),
        ('4.2', 'Understanding the needs and expectations of interested parties', 'Compréhension des besoins et des attentes des parties intéressées', 'فهم احتياجات وتوقعات الأطراف المعنية'),
        ('4.3', 'Determining the scope of the quality management system', "Détermination du domaine d'application du système de management de la qualité", 'تحديد نطاق نظام تدبير الجودة'),
        ('4.3.1', 'Determining the scope of the quality management system — supplemental', "Détermination du domaine d'application du système de management de la qualité — complément", 'تحديد نطاق نظام تدبير الجودة — متطلبات تكميلية'),
        ('4.3.2', 'Customer-specific requirements', 'Exigences spécifiques des clients', 'المتطلبات الخاصة بالزبناء'),
        ('4.4', 'Quality management system and its processes', 'Système de management de la qualité et ses processus', 'نظام تدبير الجودة وعملياته'),
        ('4.4.1.1', 'Conformance of products and processes', 'Conformité des produits et des processus', 'مطابقة المنتجات والعمليات'),
        ('4.4.1.2', 'Product safety', 'Sécurité du produit', 'سلامة المنتوج'),
        ('5', 'Leadership', 'Leadership', 'القيادة'),
        ('5.1', 'Leadership and commitment', 'Leadership et engagement', 'القيادة والالتزام'),
        ('5.1.1', 'General', 'Généralités', 'عموميات'),
        ('5.1.1.1', 'Corporate responsibility', "Responsabilité de l'entreprise", 'مسؤولية المقاولة'),
        ('5.1.1.2', 'Process effectiveness and efficiency', 'Efficacité et efficience des processus', 'فعالية العمليات ونجاعتها'),
        ('5.1.1.3', 'Process owners', 'Pilotes de processus', 'مالكو العمليات'),
        ('5.1.2', 'Customer focus', 'Orientation client', 'التوجه نحو الزبون'),
        ('5.2', 'Policy', 'Politique', 'السياسة'),
        ('5.2.1', 'Establishing the quality policy', 'Établissement de la politique qualité', 'وضع سياسة الجودة'),
        ('5.2.2', 'Communicating the quality policy', 'Communication de la politique qualité', 'التواصل بشأن سياسة الجودة'),
        ('5.3', 'Organizational roles, responsibilities and authorities', "Rôles, responsabilités et autorités au sein de l'organisme", 'الأدوار والمسؤوليات والصلاحيات داخل المؤسسة'),
        ('5.3.1', 'Organizational roles, responsibilities, and authorities — supplemental', "Rôles, responsabilités et autorités au sein de l'organisme — complément", 'الأدوار والمسؤوليات والصلاحيات داخل المؤسسة — متطلبات تكميلية'),
        ('5.3.2', 'Responsibility and authority for product requirements and corrective actions', 'Responsabilité et autorité relatives aux exigences produit et aux actions correctives', 'المسؤولية والصلاحية المتعلقتان بمتطلبات المنتوج والإجراءات التصحيحية'),
        ('6', 'Planning', 'Planification', 'التخطيط'),
        ('6.1', 'Actions to address risks and opportunities', 'Actions à mettre en œuvre face aux risques et opportunités', 'الإجراءات المتخذة لمعالجة المخاطر والفرص'),
        ('6.1.2.1', 'Risk analysis', 'Analyse des risques', 'تحليل المخاطر'),
        ('6.1.2.2', 'Preventive action', 'Action préventive', 'الإجراء الوقائي'),
        ('6.1.2.3', 'Contingency plans', 'Plans de secours', 'مخططات الطوارئ'),
        ('6.2', 'Quality objectives and planning to achieve them', 'Objectifs qualité et planification des actions pour les atteindre', 'أهداف الجودة والتخطيط لتحقيقها'),
        ('6.2.2.1', 'Quality objectives and planning to achieve them — supplemental', 'Objectifs qualité et planification des actions pour les atteindre — complément', 'أهداف الجودة والتخطيط لتحقيقها — متطلبات تكميلية'),
        ('6.3', 'Planning of changes', 'Planification des modifications', 'التخطيط للتغييرات'),
        ('7', 'Support', 'Support', 'الدعم'),
        ('7.1', 'Resources', 'Ressources', 'الموارد'),
        ('7.1.1', 'General', 'Généralités', 'عموميات'),
        ('7.1.2', 'People', 'Ressources humaines', 'الموارد البشرية'),
        ('7.1.3', 'Infrastructure', 'Infrastructure', 'البنية التحتية'),
        ('7.1.3.1', 'Plant, facility, and equipment planning', "Planification de l'usine, des installations et des équipements", 'تخطيط المصنع والمنشآت والتجهيزات'),
        ('7.1.4', 'Environment for the operation of processes', 'Environnement pour la mise en œuvre des processus', 'بيئة تشغيل العمليات'),
        ('7.1.4.1', 'Environment for the operation of processes — supplemental', 'Environnement pour la mise en œuvre des processus — complément', 'بيئة تشغيل العمليات — متطلبات تكميلية'),
        ('7.1.5', 'Monitoring and measuring resources', 'Ressources pour la surveillance et la mesure', 'موارد الرصد والقياس'),
        ('7.1.5.1', 'General', 'Généralités', 'عموميات'),
        ('7.1.5.1.1', 'Measurement system analysis', 'Analyse du système de mesure', 'تحليل نظام القياس'),
        ('7.1.5.2', 'Measurement traceability', 'Traçabilité de la mesure', 'تتبع القياس'),
        ('7.1.5.2.1', 'Calibration/verification records', "Enregistrements d'étalonnage et de vérification", 'سجلات المعايرة والتحقق'),
        ('7.1.5.3', 'Laboratory requirements', 'Exigences relatives aux laboratoires', 'المتطلبات المتعلقة بالمختبرات'),
        ('7.1.5.3.1', 'Internal laboratory', 'Laboratoire interne', 'المختبر الداخلي'),
        ('7.1.5.3.2', 'External laboratory', 'Laboratoire externe', 'المختبر الخارجي'),
        ('7.1.6', 'Organizational knowledge', 'Connaissances organisationnelles', 'المعارف التنظيمية'),
        ('7.2', 'Competence', 'Compétences', 'الكفاءة'),
        ('7.2.1', 'Competence — supplemental', 'Compétences — complément', 'الكفاءة — متطلبات تكميلية'),
        ('7.2.2', 'Competence — on-the-job training', 'Compétences — formation au poste de travail', 'الكفاءة — التكوين في موقع العمل'),
        ('7.2.3', 'Internal auditor competency', 'Compétences des auditeurs internes', 'كفاءة المدققين الداخليين'),
        ('7.2.4', 'Second-party auditor competency', 'Compétences des auditeurs seconde partie', 'كفاءة مدققي الطرف الثاني'),
        ('7.3', 'Awareness', 'Sensibilisation', 'التوعية'),
        ('7.3.1', 'Employee awareness — supplemental', 'Sensibilisation du personnel — complément', 'توعية المستخدمين — متطلبات تكميلية'),
        ('7.3.2', 'Employee motivation and empowerment', 'Motivation et implication du personnel', 'تحفيز المستخدمين وتمكينهم'),
        ('7.4', 'Communication', 'Communication', 'التواصل'),
        ('7.5', 'Documented information', 'Informations documentées', 'المعلومات الموثقة'),
        ('7.5.1', 'General', 'Généralités', 'عموميات'),
        ('7.5.1.1', 'Quality management system documentation', 'Documentation du système de management de la qualité', 'توثيق نظام تدبير الجودة'),
        ('7.5.2', 'Creating and updating', 'Création et mise à jour des informations documentées', 'إعداد المعلومات الموثقة وتحيينها'),
        ('7.5.3', 'Control of documented information', 'Maîtrise des informations documentées', 'التحكم في المعلومات الموثقة'),
        ('7.5.3.2.1', 'Record retention', 'Conservation des enregistrements', 'الاحتفاظ بالسجلات'),
        ('7.5.3.2.2', 'Engineering specifications', 'Spécifications techniques', 'المواصفات الهندسية'),
        ('8', 'Operation', 'Réalisation des activités opérationnelles', 'التشغيل'),
        ('8.1', 'Operational planning and control', 'Planification et maîtrise opérationnelles', 'التخطيط والتحكم التشغيلي'),
        ('8.1.1', 'Operational planning and control — supplemental', 'Planification et maîtrise opérationnelles — complément', 'التخطيط والتحكم التشغيلي — متطلبات تكميلية'),
        ('8.1.2', 'Confidentiality', 'Confidentialité', 'السرية'),
        ('8.2', 'Requirements for products and services', 'Exigences relatives aux produits et services', 'متطلبات المنتجات والخدمات'),
        ('8.2.1', 'Customer communication', 'Communication avec les clients', 'التواصل مع الزبناء'),
        ('8.2.1.1', 'Customer communication — supplemental', 'Communication avec les clients — complément', 'التواصل مع الزبناء — متطلبات تكميلية'),
        ('8.2.2', 'Determining the requirements for products and services', 'Détermination des exigences relatives aux produits et services', 'تحديد متطلبات المنتجات والخدمات'),
        ('8.2.2.1', 'Determining the requirements for products and services — supplemental', 'Détermination des exigences relatives aux produits et services — complément', 'تحديد متطلبات المنتجات والخدمات — متطلبات تكميلية'),
        ('8.2.3', 'Review of the requirements for products and services', 'Revue des exigences relatives aux produits et services', 'مراجعة متطلبات المنتجات والخدمات'),
        ('8.2.3.1.1', 'Review of the requirements for products and services — supplemental', 'Revue des exigences relatives aux produits et services — complément', 'مراجعة متطلبات المنتجات والخدمات — متطلبات تكميلية'),
        ('8.2.3.1.2', 'Customer-designated special characteristics', 'Caractéristiques spéciales désignées par le client', 'الخصائص الخاصة التي يحددها الزبون'),
        ('8.2.3.1.3', 'Organization manufacturing feasibility', "Faisabilité de fabrication par l'organisme", 'جدوى التصنيع لدى المؤسسة'),
        ('8.2.4', 'Changes to requirements for products and services', 'Modifications des exigences relatives aux produits et services', 'تغيير متطلبات المنتجات والخدمات'),
        ('8.3', 'Design and development of products and services', 'Conception et développement de produits et services', 'تصميم وتطوير المنتجات والخدمات'),
        ('8.3.1', 'General', 'Généralités', 'عموميات'),
        ('8.3.1.1', 'Design and development of products and services — supplemental', 'Conception et développement de produits et services — complément', 'تصميم وتطوير المنتجات والخدمات — متطلبات تكميلية'),
        ('8.3.2', 'Design and development planning', 'Planification de la conception et du développement', 'تخطيط التصميم والتطوير'),
        ('8.3.2.1', 'Design and development planning — supplemental', 'Planification de la conception et du développement — complément', 'تخطيط التصميم والتطوير — متطلبات تكميلية'),
        ('8.3.2.2', 'Product design skills', 'Compétences en conception de produits', 'مهارات تصميم المنتوج'),
        ('8.3.2.3', 'Development of products with embedded software', 'Développement de produits comportant des logiciels embarqués', 'تطوير المنتجات المزودة ببرمجيات مدمجة'),
        ('8.3.3', 'Design and development inputs', "Éléments d'entrée de la conception et du développement", 'مدخلات التصميم والتطوير'),
        ('8.3.3.1', 'Product design input', "Éléments d'entrée de la conception du produit", 'مدخلات تصميم المنتوج'),
        ('8.3.3.2', 'Manufacturing process design input', "Éléments d'entrée de la conception du processus de fabrication", 'مدخلات تصميم عملية التصنيع'),
        ('8.3.3.3', 'Special characteristics', 'Caractéristiques spéciales', 'الخصائص الخاصة'),
        ('8.3.4', 'Design and development controls', 'Maîtrise de la conception et du développement', 'التحكم في التصميم والتطوير'),
        ('8.3.4.1', 'Monitoring', 'Surveillance', 'الرصد'),
        ('8.3.4.2', 'Design and development validation', 'Validation de la conception et du développement', 'المصادقة على التصميم والتطوير'),
        ('8.3.4.3', 'Prototype programme', 'Programme de prototypes', 'برنامج النماذج الأولية'),
        ('8.3.4.4', 'Product approval process', "Processus d'homologation du produit", 'عملية المصادقة على المنتوج'),
        ('8.3.5', 'Design and development outputs', 'Éléments de sortie de la conception et du développement', 'مخرجات التصميم والتطوير'),
        ('8.3.5.1', 'Design and development outputs — supplemental', 'Éléments de sortie de la conception et du développement — complément', 'مخرجات التصميم والتطوير — متطلبات تكميلية'),
        ('8.3.5.2', 'Manufacturing process design output', 'Éléments de sortie de la conception du processus de fabrication', 'مخرجات تصميم عملية التصنيع'),
        ('8.3.6', 'Design and development changes', 'Modifications de la conception et du développement', 'تغييرات التصميم والتطوير'),
        ('8.3.6.1', 'Design and development changes — supplemental', 'Modifications de la conception et du développement — complément', 'تغييرات التصميم والتطوير — متطلبات تكميلية'),
        ('8.4', 'Control of externally provided processes, products and services', 'Maîtrise des processus, produits et services fournis par des prestataires externes', 'التحكم في العمليات والمنتجات والخدمات المقدمة من جهات خارجية'),
        ('8.4.1', 'General', 'Généralités', 'عموميات'),
        ('8.4.1.1', 'General — supplemental', 'Généralités — complément', 'عموميات — متطلبات تكميلية'),
        ('8.4.1.2', 'Supplier selection process', 'Processus de sélection des fournisseurs', 'عملية اختيار الموردين'),
        ('8.4.1.3', 'Customer-directed sources (also known as "Directed-Buy")', 'Sources imposées par le client (« Directed-Buy »)', 'المصادر التي يفرضها الزبون (الشراء الموجه)'),
        ('8.4.2', 'Type and extent of control', 'Type et étendue de la maîtrise', 'نوع التحكم ومداه'),
        ('8.4.2.1', 'Type and extent of control — supplemental', 'Type et étendue de la maîtrise — complément', 'نوع التحكم ومداه — متطلبات تكميلية'),
        ('8.4.2.2', 'Statutory and regulatory requirements', 'Exigences légales et réglementaires', 'المتطلبات القانونية والتنظيمية'),
        ('8.4.2.3', 'Supplier quality management system development', 'Développement du système de management de la qualité des fournisseurs', 'تطوير نظام تدبير الجودة لدى الموردين'),
        ('8.4.2.3.1', 'Automotive product-related software or automotive products with embedded software', 'Logiciels liés aux produits automobiles ou produits automobiles comportant des logiciels embarqués', 'البرمجيات المرتبطة بمنتجات السيارات أو منتجات السيارات المزودة ببرمجيات مدمجة'),
        ('8.4.2.4', 'Supplier monitoring', 'Surveillance des fournisseurs', 'رصد أداء الموردين'),
        ('8.4.2.4.1', 'Second-party audits', 'Audits seconde partie', 'عمليات تدقيق الطرف الثاني'),
        ('8.4.2.5', 'Supplier development', 'Développement des fournisseurs', 'تطوير الموردين'),
        ('8.4.3', 'Information for external providers', "Informations à l'attention des prestataires externes", 'المعلومات الموجهة إلى الجهات الخارجية'),
        ('8.4.3.1', 'Information for external providers — supplemental', "Informations à l'attention des prestataires externes — complément", 'المعلومات الموجهة إلى الجهات الخارجية — متطلبات تكميلية'),
        ('8.5', 'Production and service provision', 'Production et prestation de service', 'الإنتاج وتقديم الخدمة'),
        ('8.5.1', 'Control of production and service provision', 'Maîtrise de la production et de la prestation de service', 'التحكم في الإنتاج وتقديم الخدمة'),
        ('8.5.1.1', 'Control plan', 'Plan de surveillance', 'مخطط المراقبة'),
        ('8.5.1.2', 'Standardised work — operator instructions and visual standards', 'Travail standardisé — instructions opérateur et standards visuels', 'العمل الموحد — تعليمات المشغلين والمعايير المرئية'),
        ('8.5.1.3', 'Verification of job set-ups', 'Vérification des réglages', 'التحقق من إعدادات العمل'),
        ('8.5.1.4', 'Verification after shutdown', 'Vérification après arrêt', 'التحقق بعد التوقف'),
        ('8.5.1.5', 'Total productive maintenance', 'Maintenance productive totale', 'الصيانة الإنتاجية الشاملة'),
        ('8.5.1.6', 'Management of production tooling and manufacturing, test, inspection tooling and equipment', "Gestion des outillages de production et des outillages et équipements de fabrication, d'essai et de contrôle", 'تدبير أدوات الإنتاج وأدوات وتجهيزات التصنيع والاختبار والفحص'),
        ('8.5.1.7', 'Production scheduling', 'Ordonnancement de la production', 'جدولة الإنتاج'),
        ('8.5.2', 'Identification and traceability', 'Identification et traçabilité', 'التعريف والتتبع'),
        ('8.5.2.1', 'Identification and traceability — supplemental', 'Identification et traçabilité — complément', 'التعريف والتتبع — متطلبات تكميلية'),
        ('8.5.3', 'Property belonging to customers or external providers', 'Propriété des clients ou des prestataires externes', 'الممتلكات العائدة للزبناء أو للجهات الخارجية'),
        ('8.5.4', 'Preservation', 'Préservation', 'الحفظ'),
        ('8.5.4.1', 'Preservation — supplemental', 'Préservation — complément', 'الحفظ — متطلبات تكميلية'),
        ('8.5.5', 'Post-delivery activities', 'Activités après livraison', 'أنشطة ما بعد التسليم'),
        ('8.5.5.1', 'Feedback of information from service', "Retour d'informations provenant du service après-vente", 'التغذية الراجعة للمعلومات من خدمة ما بعد البيع'),
        ('8.5.5.2', 'Service agreement with customer', 'Accord de service avec le client', 'اتفاق الخدمة مع الزبون'),
        ('8.5.6', 'Control of changes', 'Maîtrise des modifications', 'التحكم في التغييرات'),
        ('8.5.6.1', 'Control of changes — supplemental', 'Maîtrise des modifications — complément', 'التحكم في التغييرات — متطلبات تكميلية'),
        ('8.5.6.1.1', 'Temporary change of process controls', 'Modification temporaire des moyens de maîtrise des processus', 'التغيير المؤقت لوسائل التحكم في العمليات'),
        ('8.6', 'Release of products and services', 'Libération des produits et services', 'الإفراج عن المنتجات والخدمات'),
        ('8.6.1', 'Release of products and services — supplemental', 'Libération des produits et services — complément', 'الإفراج عن المنتجات والخدمات — متطلبات تكميلية'),
        ('8.6.2', 'Layout inspection and functional testing', 'Contrôle dimensionnel complet et essais fonctionnels', 'الفحص الشامل للأبعاد والاختبار الوظيفي'),
        ('8.6.3', 'Appearance items', "Pièces d'aspect", 'القطع ذات المظهر'),
        ('8.6.4', 'Verification and acceptance of conformity of externally provided products and services', 'Vérification et acceptation de la conformité des produits et services fournis par des prestataires externes', 'التحقق من مطابقة المنتجات والخدمات المقدمة من جهات خارجية وقبولها'),
        ('8.6.5', 'Statutory and regulatory conformity', 'Conformité légale et réglementaire', 'المطابقة القانونية والتنظيمية'),
        ('8.6.6', 'Acceptance criteria', "Critères d'acceptation", 'معايير القبول'),
        ('8.7', 'Control of nonconforming outputs', 'Maîtrise des éléments de sortie non conformes', 'التحكم في المخرجات غير المطابقة'),
        ('8.7.1.1', 'Customer authorization for concession', 'Autorisation de dérogation par le client', 'ترخيص الزبون بالاستثناء'),
        ('8.7.1.2', 'Control of nonconforming product — customer-specified process', 'Maîtrise du produit non conforme — processus spécifié par le client', 'التحكم في المنتوج غير المطابق — العملية التي يحددها الزبون'),
        ('8.7.1.3', 'Control of suspect product', 'Maîtrise du produit suspect', 'التحكم في المنتوج المشكوك فيه'),
        ('8.7.1.4', 'Control of reworked product', 'Maîtrise du produit retouché', 'التحكم في المنتوج الخاضع لإعادة العمل'),
        ('8.7.1.5', 'Control of repaired product', 'Maîtrise du produit réparé', 'التحكم في المنتوج المصلح'),
        ('8.7.1.6', 'Customer notification', 'Notification au client', 'إخطار الزبون'),
        ('8.7.1.7', 'Nonconforming product disposition', 'Traitement du produit non conforme', 'التصرف في المنتوج غير المطابق'),
        ('9', 'Performance evaluation', 'Évaluation des performances', 'تقييم الأداء'),
        ('9.1', 'Monitoring, measurement, analysis and evaluation', 'Surveillance, mesure, analyse et évaluation', 'الرصد والقياس والتحليل والتقييم'),
        ('9.1.1', 'General', 'Généralités', 'عموميات'),
        ('9.1.1.1', 'Monitoring and measurement of manufacturing processes', 'Surveillance et mesure des processus de fabrication', 'رصد عمليات التصنيع وقياسها'),
        ('9.1.1.2', 'Identification of statistical tools', 'Identification des outils statistiques', 'تحديد الأدوات الإحصائية'),
        ('9.1.1.3', 'Application of statistical concepts', 'Application des concepts statistiques', 'تطبيق المفاهيم الإحصائية'),
        ('9.1.2', 'Customer satisfaction', 'Satisfaction du client', 'رضا الزبون'),
        ('9.1.2.1', 'Customer satisfaction — supplemental', 'Satisfaction du client — complément', 'رضا الزبون — متطلبات تكميلية'),
        ('9.1.3', 'Analysis and evaluation', 'Analyse et évaluation', 'التحليل والتقييم'),
        ('9.1.3.1', 'Prioritization', 'Hiérarchisation des priorités', 'تحديد الأولويات'),
        ('9.2', 'Internal audit', 'Audit interne', 'التدقيق الداخلي'),
        ('9.2.2.1', 'Internal audit programme', "Programme d'audit interne", 'برنامج التدقيق الداخلي'),
        ('9.2.2.2', 'Quality management system audit', 'Audit du système de management de la qualité', 'تدقيق نظام تدبير الجودة'),
        ('9.2.2.3', 'Manufacturing process audit', 'Audit du processus de fabrication', 'تدقيق عملية التصنيع'),
        ('9.2.2.4', 'Product audit', 'Audit produit', 'تدقيق المنتوج'),
        ('9.3', 'Management review', 'Revue de direction', 'مراجعة الإدارة'),
        ('9.3.1', 'General', 'Généralités', 'عموميات'),
        ('9.3.1.1', 'Management review — supplemental', 'Revue de direction — complément', 'مراجعة الإدارة — متطلبات تكميلية'),
        ('9.3.2', 'Management review inputs', "Éléments d'entrée de la revue de direction", 'مدخلات مراجعة الإدارة'),
        ('9.3.2.1', 'Management review inputs — supplemental', "Éléments d'entrée de la revue de direction — complément", 'مدخلات مراجعة الإدارة — متطلبات تكميلية'),
        ('9.3.3', 'Management review outputs', 'Éléments de sortie de la revue de direction', 'مخرجات مراجعة الإدارة'),
        ('9.3.3.1', 'Management review outputs — supplemental', 'Éléments de sortie de la revue de direction — complément', 'مخرجات مراجعة الإدارة — متطلبات تكميلية'),
        ('10', 'Improvement', 'Amélioration', 'التحسين'),
        ('10.1', 'General', 'Généralités', 'عموميات'),
        ('10.2', 'Nonconformity and corrective action', 'Non-conformité et action corrective', 'عدم المطابقة والإجراء التصحيحي'),
        ('10.2.3', 'Problem solving', 'Résolution de problèmes', 'حل المشكلات'),
        ('10.2.4', 'Error-proofing', 'Détrompage', 'منع الأخطاء'),
        ('10.2.5', 'Warranty management systems', 'Systèmes de gestion des garanties', 'أنظمة تدبير الضمان'),
        ('10.2.6', 'Customer complaints and field failure test analysis', 'Réclamations clients et analyse des défaillances terrain', 'شكايات الزبناء وتحليل أعطال الاستعمال الميداني'),
        ('10.3', 'Continual improvement', 'Amélioration continue', 'التحسين المستمر'),
        ('10.3.1', 'Continual improvement — supplemental', 'Amélioration continue — complément', 'التحسين المستمر — متطلبات تكميلية'),
    ],
    'iso_14001': [
        ('4', 'Context of the organization', "Contexte de l'organisme", 'سياق المؤسسة'),
        ('4.1', 'Understanding the organization and its context', "Compréhension de l'organisme et de son contexte", 'فهم المؤسسة وسياقها'),
        ('4.2', 'Understanding the needs and expectations of interested parties', 'Compréhension des besoins et des attentes des parties intéressées', 'فهم احتياجات وتوقعات الأطراف المعنية'),
        ('4.3', 'Determining the scope of the environmental management system', "Détermination du domaine d'application du système de management environnemental", 'تحديد نطاق نظام التدبير البيئي'),
        ('4.4', 'Environmental management system', 'Système de management environnemental', 'نظام التدبير البيئي'),
        ('5', 'Leadership', 'Leadership', 'القيادة'),
        ('5.1', 'Leadership and commitment', 'Leadership et engagement', 'القيادة والالتزام'),
        ('5.2', 'Environmental policy', 'Politique environnementale', 'السياسة البيئية'),
        ('5.3', 'Organizational roles, responsibilities and authorities', "Rôles, responsabilités et autorités au sein de l'organisme", 'الأدوار والمسؤوليات والصلاحيات داخل المؤسسة'),
        ('6', 'Planning', 'Planification', 'التخطيط'),
        ('6.1', 'Actions to address risks and opportunities', 'Actions à mettre en œuvre face aux risques et opportunités', 'الإجراءات المتخذة لمعالجة المخاطر والفرص'),
        ('6.1.1', 'General', 'Généralités', 'عموميات'),
        ('6.1.2', 'Environmental aspects', 'Aspects environnementaux', 'الجوانب البيئية'),
        ('6.1.3', 'Compliance obligations', 'Obligations de conformité', 'التزامات المطابقة'),
        ('6.1.4', 'Planning action', "Planification d'actions", 'التخطيط للإجراءات'),
        ('6.2', 'Environmental objectives and planning to achieve them', 'Objectifs environnementaux et planification des actions pour les atteindre', 'الأهداف البيئية والتخطيط لتحقيقها'),
        ('6.2.1', 'Environmental objectives', 'Objectifs environnementaux', 'الأهداف البيئية'),
        ('6.2.2', 'Planning actions to achieve environmental objectives', 'Planification des actions pour atteindre les objectifs environnementaux', 'التخطيط للإجراءات الكفيلة بتحقيق الأهداف البيئية'),
        ('7', 'Support', 'Support', 'الدعم'),
        ('7.1', 'Resources', 'Ressources', 'الموارد'),
        ('7.2', 'Competence', 'Compétences', 'الكفاءة'),
        ('7.3', 'Awareness', 'Sensibilisation', 'التوعية'),
        ('7.4', 'Communication', 'Communication', 'التواصل'),
        ('7.4.1', 'General', 'Généralités', 'عموميات'),
        ('7.4.2', 'Internal communication', 'Communication interne', 'التواصل الداخلي'),
        ('7.4.3', 'External communication', 'Communication externe', 'التواصل الخارجي'),
        ('7.5', 'Documented information', 'Informations documentées', 'المعلومات الموثقة'),
        ('7.5.1', 'General', 'Généralités', 'عموميات'),
        ('7.5.2', 'Creating and updating', 'Création et mise à jour', 'الإعداد والتحيين'),
        ('7.5.3', 'Control of documented information', 'Maîtrise des informations documentées', 'التحكم في المعلومات الموثقة'),
        ('8', 'Operation', 'Réalisation des activités opérationnelles', 'التشغيل'),
        ('8.1', 'Operational planning and control', 'Planification et maîtrise opérationnelles', 'التخطيط والتحكم التشغيلي'),
        ('8.2', 'Emergency preparedness and response', "Préparation et réponse aux situations d'urgence", 'التأهب والاستجابة لحالات الطوارئ'),
        ('9', 'Performance evaluation', 'Évaluation des performances', 'تقييم الأداء'),
        ('9.1', 'Monitoring, measurement, analysis and evaluation', 'Surveillance, mesure, analyse et évaluation', 'الرصد والقياس والتحليل والتقييم'),
        ('9.1.1', 'General', 'Généralités', 'عموميات'),
        ('9.1.2', 'Evaluation of compliance', 'Évaluation de la conformité', 'تقييم المطابقة'),
        ('9.2', 'Internal audit', 'Audit interne', 'التدقيق الداخلي'),
        ('9.2.1', 'General', 'Généralités', 'عموميات'),
        ('9.2.2', 'Internal audit programme', "Programme d'audit interne", 'برنامج التدقيق الداخلي'),
        ('9.3', 'Management review', 'Revue de direction', 'مراجعة الإدارة'),
        ('10', 'Improvement', 'Amélioration', 'التحسين'),
        ('10.1', 'General', 'Généralités', 'عموميات'),
        ('10.2', 'Nonconformity and corrective action', 'Non-conformité et action corrective', 'عدم المطابقة والإجراء التصحيحي'),
        ('10.3', 'Continual improvement', 'Amélioration continue', 'التحسين المستمر'),
    ],
    'iso_45001': [
        ('4', 'Context of the organization', "Contexte de l'organisme", 'سياق المؤسسة'),
        ('4.1', 'Understanding the organization and its context', "Compréhension de l'organisme et de son contexte", 'فهم المؤسسة وسياقها'),
        ('4.2', 'Understanding the needs and expectations of workers and other interested parties', "Compréhension des besoins et des attentes des travailleurs et d'autres parties intéressées", 'فهم احتياجات وتوقعات العاملين والأطراف المعنية الأخرى'),
        ('4.3', 'Determining the scope of the OH&S management system', "Détermination du domaine d'application du système de management de la SST", 'تحديد نطاق نظام تدبير الصحة والسلامة المهنية'),
        ('4.4', 'OH&S management system', 'Système de management de la SST', 'نظام تدبير الصحة والسلامة المهنية'),
        ('5', 'Leadership and worker participation', 'Leadership et participation des travailleurs', 'القيادة ومشاركة العاملين'),
        ('5.1', 'Leadership and commitment', 'Leadership et engagement', 'القيادة والالتزام'),
        ('5.2', 'OH&S policy', 'Politique de SST', 'سياسة الصحة والسلامة المهنية'),
        ('5.3', 'Organizational roles, responsibilities and authorities', "Rôles, responsabilités et autorités au sein de l'organisme", 'الأدوار والمسؤوليات والصلاحيات داخل المؤسسة'),
        ('5.4', 'Consultation and participation of workers', 'Consultation et participation des travailleurs', 'استشارة العاملين ومشاركتهم'),
        ('6', 'Planning', 'Planification', 'التخطيط'),
        ('6.1', 'Actions to address risks and opportunities', 'Actions à mettre en œuvre face aux risques et opportunités', 'الإجراءات المتخذة لمعالجة المخاطر والفرص'),
        ('6.1.1', 'General', 'Généralités', 'عموميات'),
        ('6.1.2', 'Hazard identification and assessment of risks and opportunities', 'Identification des dangers et évaluation des risques et des opportunités', 'تحديد المخاطر المهنية وتقييم المخاطر والفرص'),
        ('6.1.2.1', 'Hazard identification', 'Identification des dangers', 'تحديد مصادر الخطر'),
        ('6.1.2.2', 'Assessment of OH&S risks and other risks to the OH&S management system', 'Évaluation des risques pour la SST et des autres risques pour le système de management de la SST', 'تقييم مخاطر الصحة والسلامة المهنية والمخاطر الأخرى التي تهدد نظام تدبيرها'),
        ('6.1.2.3', 'Assessment of OH&S opportunities and other opportunities for the OH&S management system', 'Évaluation des opportunités pour la SST et des autres opportunités pour le système de management de la SST', 'تقييم فرص الصحة والسلامة المهنية والفرص الأخرى المتاحة لنظام تدبيرها'),
        ('6.1.3', 'Determination of legal requirements and other requirements', 'Détermination des exigences légales et des autres exigences', 'تحديد المتطلبات القانونية والمتطلبات الأخرى'),
        ('6.1.4', 'Planning action', "Planification d'actions", 'التخطيط للإجراءات'),
        ('6.2', 'OH&S objectives and planning to achieve them', 'Objectifs de SST et planification des actions pour les atteindre', 'أهداف الصحة والسلامة المهنية والتخطيط لتحقيقها'),
        ('6.2.1', 'OH&S objectives', 'Objectifs de SST', 'أهداف الصحة والسلامة المهنية'),
        ('6.2.2', 'Planning to achieve OH&S objectives', 'Planification des actions pour atteindre les objectifs de SST', 'التخطيط لتحقيق أهداف الصحة والسلامة المهنية'),
        ('7', 'Support', 'Support', 'الدعم'),
        ('7.1', 'Resources', 'Ressources', 'الموارد'),
        ('7.2', 'Competence', 'Compétences', 'الكفاءة'),
        ('7.3', 'Awareness', 'Sensibilisation', 'التوعية'),
        ('7.4', 'Communication', 'Communication', 'التواصل'),
        ('7.4.1', 'General', 'Généralités', 'عموميات'),
        ('7.4.2', 'Internal communication', 'Communication interne', 'التواصل الداخلي'),
        ('7.4.3', 'External communication', 'Communication externe', 'التواصل الخارجي'),
        ('7.5', 'Documented information', 'Informations documentées', 'المعلومات الموثقة'),
        ('7.5.1', 'General', 'Généralités', 'عموميات'),
        ('7.5.2', 'Creating and updating', 'Création et mise à jour', 'الإعداد والتحيين'),
        ('7.5.3', 'Control of documented information', 'Maîtrise des informations documentées', 'التحكم في المعلومات الموثقة'),
        ('8', 'Operation', 'Réalisation des activités opérationnelles', 'التشغيل'),
        ('8.1', 'Operational planning and control', 'Planification et maîtrise opérationnelles', 'التخطيط والتحكم التشغيلي'),
        ('8.1.1', 'General', 'Généralités', 'عموميات'),
        ('8.1.2', 'Eliminating hazards and reducing OH&S risks', 'Élimination des dangers et réduction des risques pour la SST', 'إزالة مصادر الخطر والحد من مخاطر الصحة والسلامة المهنية'),
        ('8.1.3', 'Management of change', 'Management du changement', 'تدبير التغيير'),
        ('8.1.4', 'Procurement', 'Achats', 'الشراء'),
        ('8.1.4.1', 'General', 'Généralités', 'عموميات'),
        ('8.1.4.2', 'Contractors', 'Intervenants extérieurs', 'المقاولون'),
        ('8.1.4.3', 'Outsourcing', 'Externalisation', 'الاستعانة بمصادر خارجية'),
        ('8.2', 'Emergency preparedness and response', "Préparation et réponse aux situations d'urgence", 'التأهب والاستجابة لحالات الطوارئ'),
        ('9', 'Performance evaluation', 'Évaluation des performances', 'تقييم الأداء'),
        ('9.1', 'Monitoring, measurement, analysis and performance evaluation', 'Surveillance, mesure, analyse et évaluation des performances', 'الرصد والقياس والتحليل وتقييم الأداء'),
        ('9.1.1', 'General', 'Généralités', 'عموميات'),
        ('9.1.2', 'Evaluation of compliance', 'Évaluation de la conformité', 'تقييم المطابقة'),
        ('9.2', 'Internal audit', 'Audit interne', 'التدقيق الداخلي'),
        ('9.2.1', 'General', 'Généralités', 'عموميات'),
        ('9.2.2', 'Internal audit programme', "Programme d'audit interne", 'برنامج التدقيق الداخلي'),
        ('9.3', 'Management review', 'Revue de direction', 'مراجعة الإدارة'),
        ('10', 'Improvement', 'Amélioration', 'التحسين'),
        ('10.1', 'General', 'Généralités', 'عموميات'),
        ('10.2', 'Incident, nonconformity and corrective action', 'Événement indésirable, non-conformité et action corrective', 'الحادث وعدم المطابقة والإجراء التصحيحي'),
        ('10.3', 'Continual improvement', 'Amélioration continue', 'التحسين المستمر'),
    ],
    'iso_iec_17025': [
        ('4', 'General requirements', 'Exigences générales', 'المتطلبات العامة'),
        ('4.1', 'Impartiality', 'Impartialité', 'الحياد'),
        ('4.2', 'Confidentiality', 'Confidentialité', 'السرية'),
        ('5', 'Structural requirements', 'Exigences structurelles', 'المتطلبات الهيكلية'),
        ('6', 'Resource requirements', 'Exigences relatives aux ressources', 'المتطلبات المتعلقة بالموارد'),
        ('6.1', 'General', 'Généralités', 'عموميات'),
        ('6.2', 'Personnel', 'Personnel', 'المستخدمون'),
        ('6.3', 'Facilities and environmental conditions', 'Installations et conditions ambiantes', 'المنشآت والظروف البيئية'),
        ('6.4', 'Equipment', 'Équipements', 'التجهيزات'),
        ('6.5', 'Metrological traceability', 'Traçabilité métrologique', 'التتبع المترولوجي'),
        ('6.6', 'Externally provided products and services', 'Produits et services fournis par des prestataires externes', 'المنتجات والخدمات المقدمة من جهات خارجية'),
        ('7', 'Process requirements', 'Exigences relatives aux processus', 'المتطلبات المتعلقة بالعمليات'),
        ('7.1', 'Review of requests, tenders and contracts', "Revue des demandes, appels d'offres et contrats", 'مراجعة الطلبات والعروض والعقود'),
        ('7.2', 'Selection, verification and validation of methods', 'Sélection, vérification et validation des méthodes', 'اختيار الطرق والتحقق منها والمصادقة عليها'),
        ('7.2.1', 'Selection and verification of methods', 'Sélection et vérification des méthodes', 'اختيار الطرق والتحقق منها'),
        ('7.2.2', 'Validation of methods', 'Validation des méthodes', 'المصادقة على الطرق'),
        ('7.3', 'Sampling', 'Échantillonnage', 'أخذ العينات'),
        ('7.4', 'Handling of test or calibration items', "Manutention des objets d'essai ou d'étalonnage", 'مناولة المواد الخاضعة للتجربة أو المعايرة'),
        ('7.5', 'Technical records', 'Enregistrements techniques', 'السجلات التقنية'),
        ('7.6', 'Evaluation of measurement uncertainty', "Évaluation de l'incertitude de mesure", 'تقييم ارتياب القياس'),
        ('7.7', 'Ensuring the validity of results', 'Assurer la validité des résultats', 'ضمان صحة النتائج'),
        ('7.8', 'Reporting of results', 'Rapport sur les résultats', 'الإبلاغ عن النتائج'),
        ('7.8.1', 'General', 'Généralités', 'عموميات'),
        ('7.8.2', 'Common requirements for reports (test, calibration or sampling)', 'Exigences communes pour les rapports (essai, étalonnage ou échantillonnage)', 'المتطلبات المشتركة للتقارير (التجارب أو المعايرة أو أخذ العينات)'),
        ('7.8.3', 'Specific requirements for test reports', "Exigences spécifiques pour les rapports d'essai", 'المتطلبات الخاصة بتقارير التجارب'),
        ('7.8.4', 'Specific requirements for calibration certificates', "Exigences spécifiques pour les certificats d'étalonnage", 'المتطلبات الخاصة بشهادات المعايرة'),
        ('7.8.5', 'Reporting sampling – specific requirements', "Rapport sur l'échantillonnage – exigences spécifiques", 'الإبلاغ عن أخذ العينات – متطلبات خاصة'),
        ('7.8.6', 'Reporting statements of conformity', 'Rapport sur les déclarations de conformité', 'الإبلاغ عن تصريحات المطابقة'),
        ('7.8.7', 'Reporting opinions and interpretations', 'Rapport sur les avis et interprétations', 'الإبلاغ عن الآراء والتفسيرات'),
        ('7.8.8', 'Amendments to reports', 'Modifications des rapports', 'تعديل التقارير'),
        ('7.9', 'Complaints', 'Réclamations', 'الشكايات'),
        ('7.10', 'Nonconforming work', 'Travaux non conformes', 'الأعمال غير المطابقة'),
        ('7.11', 'Control of data and information management', "Maîtrise des données et gestion de l'information", 'التحكم في البيانات وتدبير المعلومات'),
        ('8', 'Management system requirements', 'Exigences relatives au système de management', 'المتطلبات المتعلقة بنظام التدبير'),
        ('8.1', 'Options', 'Options', 'الخيارات'),
        ('8.1.1', 'General', 'Généralités', 'عموميات'),
        ('8.1.2', 'Option A', 'Option A', 'الخيار أ'),
        ('8.1.3', 'Option B', 'Option B', 'الخيار ب'),
        ('8.2', 'Management system documentation (Option A)', 'Documentation du système de management (Option A)', 'توثيق نظام التدبير (الخيار أ)'),
        ('8.3', 'Control of management system documents (Option A)', 'Maîtrise des documents du système de management (Option A)', 'التحكم في وثائق نظام التدبير (الخيار أ)'),
        ('8.4', 'Control of records (Option A)', 'Maîtrise des enregistrements (Option A)', 'التحكم في السجلات (الخيار أ)'),
        ('8.5', 'Actions to address risks and opportunities (Option A)', 'Actions à mettre en œuvre face aux risques et opportunités (Option A)', 'الإجراءات المتخذة لمعالجة المخاطر والفرص (الخيار أ)'),
        ('8.6', 'Improvement (Option A)', 'Amélioration (Option A)', 'التحسين (الخيار أ)'),
        ('8.7', 'Corrective actions (Option A)', 'Actions correctives (Option A)', 'الإجراءات التصحيحية (الخيار أ)'),
        ('8.8', 'Internal audits (Option A)', 'Audits internes (Option A)', 'عمليات التدقيق الداخلي (الخيار أ)'),
        ('8.9', 'Management reviews (Option A)', 'Revues de direction (Option A)', 'مراجعات الإدارة (الخيار أ)'),
    ],
}

# Guidance questions by clause number: [(French, Arabic), ...], two to four a clause,
# in the portal's own words (they do not quote the standards).
QUESTIONS = {
    'iso_9001': {
        '4': [
            ("L'organisme dispose-t-il d'une analyse écrite de son contexte, de ses parties intéressées et du périmètre de son système qualité ?", 'هل تتوفر المؤسسة على تحليل مكتوب لسياقها وللأطراف المعنية ولنطاق نظام الجودة لديها؟'),
            ('Cette analyse de contexte a-t-elle été mise à jour au cours des douze derniers mois ?', 'هل تم تحيين تحليل السياق هذا خلال الاثني عشر شهرا الأخيرة؟'),
        ],
        '4.1': [
            ("Les enjeux internes et externes de l'organisme sont-ils identifiés et revus au moins une fois par an ?", 'هل القضايا الداخلية والخارجية للمؤسسة محددة وتتم مراجعتها مرة واحدة على الأقل في السنة؟'),
            ("Un outil d'analyse (SWOT, PESTEL ou équivalent) a-t-il été utilisé et ses conclusions sont-elles connues de la direction ?", 'هل استُعملت أداة تحليل (SWOT أو PESTEL أو ما يعادلهما) وهل الإدارة على علم بخلاصاتها؟'),
            ('Les enjeux identifiés sont-ils reliés aux risques, aux objectifs ou aux décisions de la direction ?', 'هل القضايا المحددة مرتبطة بالمخاطر أو بالأهداف أو بقرارات الإدارة؟'),
        ],
        '4.2': [
            ('Existe-t-il une liste à jour des parties intéressées (clients, usagers, administrations, fournisseurs, personnel) ?', 'هل توجد لائحة محينة للأطراف المعنية (الزبناء، المرتفقون، الإدارات، الموردون، المستخدمون)؟'),
            ('Les attentes de chaque partie intéressée pertinente sont-elles décrites et leur suivi est-il assuré ?', 'هل توقعات كل طرف معني ذي صلة موصوفة ويتم تتبعها؟'),
            ("Qui est chargé de mettre à jour cette liste, et quand l'a-t-il fait pour la dernière fois ?", 'من المكلف بتحيين هذه اللائحة، ومتى قام بذلك آخر مرة؟'),
        ],
        '4.3': [
            ('Le périmètre du système qualité (sites, activités, produits ou services) est-il rédigé et disponible ?', 'هل نطاق نظام الجودة (المواقع، الأنشطة، المنتجات أو الخدمات) محرر ومتاح؟'),
            ('Les exigences jugées non applicables sont-elles justifiées par écrit ?', 'هل المتطلبات التي اعتُبرت غير قابلة للتطبيق مبررة كتابيا؟'),
            ('Le périmètre annoncé correspond-il aux activités réellement observées sur le terrain ?', 'هل يتوافق النطاق المعلن مع الأنشطة الملاحظة فعليا في الميدان؟'),
        ],
        '4.4': [
            ('Une cartographie des processus montrant leurs interactions existe-t-elle ?', 'هل توجد خريطة للعمليات تبين التفاعلات فيما بينها؟'),
            ("Chaque processus a-t-il un responsable, des indicateurs et des données d'entrée et de sortie définis ?", 'هل لكل عملية مسؤول ومؤشرات ومدخلات ومخرجات محددة؟'),
            ('Les indicateurs des processus sont-ils suivis et analysés à une fréquence définie ?', 'هل تُتتبع مؤشرات العمليات وتُحلل وفق وتيرة محددة؟'),
        ],
        '5': [
            ('La direction pilote-t-elle elle-même la démarche qualité plutôt que de la déléguer entièrement au responsable qualité ?', 'هل تقود الإدارة بنفسها مسار الجودة بدل تفويضه كليا لمسؤول الجودة؟'),
            ('Les rôles, la politique et les engagements de la direction sont-ils formalisés et connus du personnel ?', 'هل الأدوار والسياسة والتزامات الإدارة مضبوطة كتابيا ومعروفة لدى المستخدمين؟'),
        ],
        '5.1': [
            ('La direction participe-t-elle personnellement aux revues, aux réunions qualité ou aux audits ?', 'هل تشارك الإدارة شخصيا في المراجعات واجتماعات الجودة أو عمليات التدقيق؟'),
            ('Les moyens nécessaires au système qualité (budget, temps, personnes) ont-ils été accordés ?', 'هل مُنحت الوسائل الضرورية لنظام الجودة (الميزانية، الوقت، الأشخاص)؟'),
            ('La satisfaction des clients ou des usagers est-elle suivie par la direction comme un indicateur clé ?', 'هل تتتبع الإدارة رضا الزبناء أو المرتفقين باعتباره مؤشرا رئيسيا؟'),
        ],
        '5.2': [
            ("Une politique qualité signée et datée existe-t-elle, et est-elle adaptée aux missions de l'organisme ?", 'هل توجد سياسة جودة موقعة ومؤرخة، وهل هي ملائمة لمهام المؤسسة؟'),
            ("La politique est-elle affichée ou diffusée, et le personnel interrogé sait-il l'expliquer ?", 'هل السياسة معلقة أو موزعة، وهل يستطيع المستخدمون المستجوبون شرحها؟'),
            ('La politique sert-elle de cadre pour fixer les objectifs qualité ?', 'هل تشكل السياسة إطارا لتحديد أهداف الجودة؟'),
        ],
        '5.3': [
            ('Un organigramme à jour et des fiches de fonction existent-ils ?', 'هل يوجد هيكل تنظيمي محين وبطاقات وصف للوظائف؟'),
            ('Une personne est-elle désignée pour veiller au fonctionnement du système qualité et en rendre compte à la direction ?', 'هل عُين شخص للسهر على سير نظام الجودة ورفع التقارير بشأنه إلى الإدارة؟'),
            ('Les responsabilités et autorités sont-elles communiquées et comprises par les personnes concernées ?', 'هل المسؤوليات والصلاحيات مُبلغة ومفهومة من طرف الأشخاص المعنيين؟'),
        ],
        '6': [
            ('Les risques, les objectifs et les changements sont-ils planifiés de façon coordonnée dans un document de pilotage ?', 'هل يتم التخطيط للمخاطر والأهداف والتغييرات بشكل منسق في وثيقة للقيادة؟'),
            ('Cette planification est-elle revue au moins une fois par an ?', 'هل تُراجع هذه الخطة مرة واحدة على الأقل في السنة؟'),
        ],
        '6.1': [
            ("Un registre des risques et des opportunités existe-t-il avec une méthode d'évaluation (gravité, probabilité) ?", 'هل يوجد سجل للمخاطر والفرص مع طريقة للتقييم (الخطورة، الاحتمال)؟'),
            ('Des actions sont-elles définies pour les risques prioritaires, avec responsable et échéance ?', 'هل حُددت إجراءات للمخاطر ذات الأولوية، مع مسؤول وأجل؟'),
            ("L'efficacité de ces actions est-elle évaluée ?", 'هل يتم تقييم فعالية هذه الإجراءات؟'),
        ],
        '6.2': [
            ('Les objectifs qualité sont-ils mesurables, datés et cohérents avec la politique ?', 'هل أهداف الجودة قابلة للقياس ومؤرخة ومنسجمة مع السياسة؟'),
            ('Pour chaque objectif, les actions, moyens, responsables et délais sont-ils définis ?', 'هل حُددت لكل هدف الإجراءات والوسائل والمسؤولون والآجال؟'),
            ("Le taux d'atteinte des objectifs est-il suivi et communiqué ?", 'هل تُتتبع نسبة تحقيق الأهداف ويتم التواصل بشأنها؟'),
        ],
        '6.3': [
            ('Les changements importants (réorganisation, nouveau site, nouveau service) sont-ils planifiés avant leur mise en œuvre ?', 'هل يتم التخطيط للتغييرات المهمة (إعادة التنظيم، موقع جديد، خدمة جديدة) قبل تنفيذها؟'),
            ("Les conséquences d'un changement sur les ressources et les responsabilités sont-elles analysées ?", 'هل تُحلل انعكاسات التغيير على الموارد والمسؤوليات؟'),
        ],
        '7': [
            ('Les ressources, compétences, moyens de communication et documents nécessaires sont-ils disponibles pour tous les processus ?', 'هل الموارد والكفاءات ووسائل التواصل والوثائق الضرورية متوفرة لجميع العمليات؟'),
            ('Les manques de moyens constatés sont-ils remontés à la direction et traités ?', 'هل يتم رفع النقص المسجل في الوسائل إلى الإدارة ومعالجته؟'),
        ],
        '7.1': [
            ('Les besoins en personnel, locaux, équipements et environnement de travail sont-ils identifiés et satisfaits ?', 'هل حُددت الاحتياجات من المستخدمين والمقرات والتجهيزات وبيئة العمل وتمت تلبيتها؟'),
            ('Les équipements de mesure sont-ils étalonnés ou vérifiés, avec des preuves à jour ?', 'هل أجهزة القياس معايرة أو متحقق منها، مع أدلة محينة؟'),
            ("Le savoir-faire clé de l'organisme est-il capitalisé (guides, retours d'expérience) ?", 'هل يتم تثمين المعارف الأساسية للمؤسسة (أدلة، دروس مستخلصة من التجربة)؟'),
        ],
        '7.2': [
            ('Les compétences requises pour chaque poste sont-elles définies ?', 'هل الكفاءات المطلوبة لكل منصب محددة؟'),
            ('Un plan de formation existe-t-il et son efficacité est-elle évaluée ?', 'هل توجد خطة للتكوين ويتم تقييم فعاليتها؟'),
            ('Les preuves de compétence (diplômes, attestations, évaluations) sont-elles conservées ?', 'هل يُحتفظ بأدلة الكفاءة (الشهادات، الإفادات، التقييمات)؟'),
        ],
        '7.3': [
            ('Le personnel interrogé connaît-il la politique et les objectifs qualité qui le concernent ?', 'هل يعرف المستخدمون المستجوبون سياسة الجودة وأهدافها التي تعنيهم؟'),
            ("Le personnel sait-il quelles sont les conséquences d'un travail non conforme ?", 'هل يعرف المستخدمون عواقب العمل غير المطابق؟'),
            ("Des actions de sensibilisation ont-elles été menées au cours de l'année ?", 'هل نُظمت أنشطة للتوعية خلال السنة؟'),
        ],
        '7.4': [
            ('Un plan de communication (quoi, quand, à qui, comment, par qui) existe-t-il ?', 'هل توجد خطة للتواصل (ماذا، متى، لمن، كيف، ومن طرف من)؟'),
            ('Les résultats qualité sont-ils communiqués au personnel (réunions, affichage, intranet) ?', 'هل يتم إطلاع المستخدمين على نتائج الجودة (اجتماعات، تعليق، شبكة داخلية)؟'),
        ],
        '7.5': [
            ('Les documents en usage sont-ils identifiés, datés, approuvés et dans leur version en vigueur ?', 'هل الوثائق المستعملة معرّفة ومؤرخة ومصادق عليها وفي نسختها السارية؟'),
            ('Les enregistrements sont-ils protégés, accessibles et conservés selon une durée définie ?', 'هل السجلات محمية ويسهل الوصول إليها ويُحتفظ بها وفق مدة محددة؟'),
            ("Les documents d'origine externe (lois, normes, documents clients) sont-ils identifiés et maîtrisés ?", 'هل الوثائق ذات المصدر الخارجي (القوانين، المعايير، وثائق الزبناء) معرّفة ومتحكم فيها؟'),
        ],
        '8': [
            ('Les activités de réalisation, de la commande à la livraison, sont-elles décrites et maîtrisées ?', 'هل أنشطة الإنجاز، من الطلبية إلى التسليم، موصوفة ومتحكم فيها؟'),
            ('Les dysfonctionnements opérationnels sont-ils enregistrés et analysés ?', 'هل يتم تسجيل الاختلالات التشغيلية وتحليلها؟'),
        ],
        '8.1': [
            ("Les critères d'acceptation des produits et services sont-ils définis et connus des opérateurs ?", 'هل معايير قبول المنتجات والخدمات محددة ومعروفة لدى المنفذين؟'),
            ('Les activités sous-traitées sont-elles identifiées et maîtrisées ?', 'هل الأنشطة المسندة إلى جهات خارجية معرّفة ومتحكم فيها؟'),
            ('Les plannings de réalisation tiennent-ils compte des ressources disponibles ?', 'هل تأخذ برامج الإنجاز بعين الاعتبار الموارد المتاحة؟'),
        ],
        '8.2': [
            ("Les exigences du client ou de l'usager sont-elles recueillies et revues avant tout engagement ?", 'هل يتم جمع متطلبات الزبون أو المرتفق ومراجعتها قبل أي التزام؟'),
            ('Les exigences légales et réglementaires applicables aux produits ou services sont-elles identifiées ?', 'هل المتطلبات القانونية والتنظيمية المطبقة على المنتجات أو الخدمات محددة؟'),
            ('Les réclamations et demandes des clients sont-elles enregistrées et traitées dans un délai défini ?', 'هل تُسجل شكايات وطلبات الزبناء وتُعالج في أجل محدد؟'),
        ],
        '8.3': [
            ("L'organisme conçoit-il des produits ou services, et si oui, les étapes de conception sont-elles planifiées ?", 'هل تقوم المؤسسة بتصميم منتجات أو خدمات، وإذا كان الأمر كذلك، هل مراحل التصميم مخطط لها؟'),
            ('Des revues, vérifications et validations de conception sont-elles enregistrées ?', 'هل تُسجل مراجعات التصميم والتحقق منه والمصادقة عليه؟'),
            ('Si la conception est exclue, cette exclusion est-elle justifiée ?', 'إذا تم استثناء التصميم، هل هذا الاستثناء مبرر؟'),
        ],
        '8.4': [
            ('Les fournisseurs et prestataires sont-ils sélectionnés et évalués selon des critères écrits ?', 'هل يتم اختيار الموردين ومقدمي الخدمات وتقييمهم وفق معايير مكتوبة؟'),
            ('Une liste de fournisseurs approuvés existe-t-elle et est-elle à jour ?', 'هل توجد لائحة محينة للموردين المعتمدين؟'),
            ('Les achats sont-ils contrôlés à réception ?', 'هل تخضع المشتريات للمراقبة عند الاستلام؟'),
        ],
        '8.5': [
            ('Des instructions de travail sont-elles disponibles aux postes où leur absence pourrait nuire à la qualité ?', 'هل تتوفر تعليمات العمل في المناصب التي قد يضر غيابها بالجودة؟'),
            ('Les produits ou dossiers sont-ils identifiés et traçables tout au long de la réalisation ?', 'هل المنتجات أو الملفات معرّفة وقابلة للتتبع طوال مراحل الإنجاز؟'),
            ('Les biens appartenant aux clients ou aux usagers (documents, matériel, données) sont-ils protégés ?', 'هل الممتلكات العائدة للزبناء أو المرتفقين (الوثائق، المعدات، البيانات) محمية؟'),
        ],
        '8.6': [
            ('Les contrôles avant livraison ou avant délivrance du service sont-ils définis et enregistrés ?', 'هل عمليات المراقبة قبل التسليم أو قبل تقديم الخدمة محددة ومسجلة؟'),
            ('La personne qui autorise la libération est-elle identifiée dans les enregistrements ?', 'هل الشخص الذي يأذن بالإفراج محدد في السجلات؟'),
        ],
        '8.7': [
            ('Les produits ou services non conformes sont-ils identifiés et isolés pour éviter leur utilisation ?', 'هل يتم التعرف على المنتجات أو الخدمات غير المطابقة وعزلها لتفادي استعمالها؟'),
            ('Les décisions prises sur les non-conformités (reprise, rebut, dérogation) sont-elles enregistrées ?', 'هل تُسجل القرارات المتخذة بشأن حالات عدم المطابقة (إعادة العمل، الإتلاف، الاستثناء)؟'),
        ],
        '9': [
            ("L'organisme mesure-t-il régulièrement la performance de son système qualité (indicateurs, audits, revue) ?", 'هل تقيس المؤسسة بانتظام أداء نظام الجودة لديها (المؤشرات، التدقيق، المراجعة)؟'),
            ('Les résultats de ces mesures donnent-ils lieu à des décisions enregistrées ?', 'هل تفضي نتائج هذه القياسات إلى قرارات مسجلة؟'),
        ],
        '9.1': [
            ('Les données à surveiller et les méthodes de mesure sont-elles définies pour chaque processus ?', 'هل البيانات الواجب رصدها وطرق قياسها محددة لكل عملية؟'),
            ('La satisfaction des clients ou des usagers est-elle mesurée (enquête, réclamations, retours) ?', 'هل يتم قياس رضا الزبناء أو المرتفقين (استطلاع، شكايات، ملاحظات)؟'),
            ('Les résultats sont-ils analysés et présentés sous forme de tendances ?', 'هل تُحلل النتائج وتُعرض في شكل منحنيات تطور؟'),
        ],
        '9.2': [
            ("Un programme d'audit interne couvrant tous les processus existe-t-il ?", 'هل يوجد برنامج للتدقيق الداخلي يشمل جميع العمليات؟'),
            ("Les auditeurs internes sont-ils formés et indépendants de l'activité auditée ?", 'هل المدققون الداخليون مكوَّنون ومستقلون عن النشاط الخاضع للتدقيق؟'),
            ("Les constats d'audit donnent-ils lieu à des actions suivies jusqu'à leur clôture ?", 'هل تفضي ملاحظات التدقيق إلى إجراءات يتم تتبعها إلى حين إغلاقها؟'),
        ],
        '9.3': [
            ('Une revue de direction a-t-elle eu lieu au cours des douze derniers mois, avec un compte rendu ?', 'هل عُقدت مراجعة للإدارة خلال الاثني عشر شهرا الأخيرة، مع محضر؟'),
            ("Tous les éléments d'entrée prévus (audits, indicateurs, satisfaction, fournisseurs, risques) ont-ils été examinés ?", 'هل تم فحص جميع المدخلات المتوقعة (التدقيق، المؤشرات، الرضا، الموردون، المخاطر)؟'),
            ('Les décisions de la revue sont-elles suivies et mises en œuvre ?', 'هل يتم تتبع قرارات المراجعة وتنفيذها؟'),
        ],
        '10': [
            ("L'organisme dispose-t-il d'un dispositif unique pour traiter les non-conformités et les pistes d'amélioration ?", 'هل تتوفر المؤسسة على آلية موحدة لمعالجة حالات عدم المطابقة وفرص التحسين؟'),
            ("Des améliorations concrètes peuvent-elles être montrées pour l'année écoulée ?", 'هل يمكن إبراز تحسينات ملموسة خلال السنة المنصرمة؟'),
        ],
        '10.1': [
            ("Les opportunités d'amélioration sont-elles identifiées et sélectionnées de façon organisée ?", 'هل يتم تحديد فرص التحسين واختيارها بطريقة منظمة؟'),
            ('Les suggestions du personnel et des usagers sont-elles recueillies ?', 'هل يتم جمع مقترحات المستخدمين والمرتفقين؟'),
        ],
        '10.2': [
            ('Les non-conformités et réclamations sont-elles enregistrées avec une analyse de leurs causes ?', 'هل تُسجل حالات عدم المطابقة والشكايات مع تحليل لأسبابها؟'),
            ("Les actions correctives ont-elles un responsable, une échéance et une vérification d'efficacité ?", 'هل للإجراءات التصحيحية مسؤول وأجل وتحقق من الفعالية؟'),
            ('Le taux de clôture des actions correctives dans les délais est-il suivi ?', 'هل تُتتبع نسبة إغلاق الإجراءات التصحيحية داخل الآجال؟'),
        ],
        '10.3': [
            ("Les résultats des indicateurs montrent-ils une progression d'une année sur l'autre ?", 'هل تُظهر نتائج المؤشرات تقدما من سنة إلى أخرى؟'),
            ("Un plan d'amélioration est-il tenu à jour et revu par la direction ?", 'هل توجد خطة للتحسين محينة وتراجعها الإدارة؟'),
        ],
    },
    'iatf_16949': {
        '4': [
            ("L'organisme dispose-t-il d'une analyse écrite de son contexte, de ses parties intéressées et du périmètre de son système qualité ?", 'هل تتوفر المؤسسة على تحليل مكتوب لسياقها وللأطراف المعنية ولنطاق نظام الجودة لديها؟'),
            ('Cette analyse de contexte a-t-elle été mise à jour au cours des douze derniers mois ?', 'هل تم تحيين تحليل السياق هذا خلال الاثني عشر شهرا الأخيرة؟'),
        ],
        '4.1': [
            ("Les enjeux internes et externes de l'organisme sont-ils identifiés et revus au moins une fois par an ?", 'هل القضايا الداخلية والخارجية للمؤسسة محددة وتتم مراجعتها مرة واحدة على الأقل في السنة؟'),
            ("Un outil d'analyse (SWOT, PESTEL ou équivalent) a-t-il été utilisé et ses conclusions sont-elles connues de la direction ?", 'هل استُعملت أداة تحليل (SWOT أو PESTEL أو ما يعادلهما) وهل الإدارة على علم بخلاصاتها؟'),
            ('Les enjeux identifiés sont-ils reliés aux risques, aux objectifs ou aux décisions de la direction ?', 'هل القضايا المحددة مرتبطة بالمخاطر أو بالأهداف أو بقرارات الإدارة؟'),
        ],
        '4.2': [
            ('Existe-t-il une liste à jour des parties intéressées (clients, usagers, administrations, fournisseurs, personnel) ?', 'هل توجد لائحة محينة للأطراف المعنية (الزبناء، المرتفقون، الإدارات، الموردون، المستخدمون)؟'),
            ('Les attentes de chaque partie intéressée pertinente sont-elles décrites et leur suivi est-il assuré ?', 'هل توقعات كل طرف معني ذي صلة موصوفة ويتم تتبعها؟'),
            ("Qui est chargé de mettre à jour cette liste, et quand l'a-t-il fait pour la dernière fois ?", 'من المكلف بتحيين هذه اللائحة، ومتى قام بذلك آخر مرة؟'),
        ],
        '4.3': [
            ('Le périmètre du système qualité (sites, activités, produits ou services) est-il rédigé et disponible ?', 'هل نطاق نظام الجودة (المواقع، الأنشطة، المنتجات أو الخدمات) محرر ومتاح؟'),
            ('Les exigences jugées non applicables sont-elles justifiées par écrit ?', 'هل المتطلبات التي اعتُبرت غير قابلة للتطبيق مبررة كتابيا؟'),
            ('Le périmètre annoncé correspond-il aux activités réellement observées sur le terrain ?', 'هل يتوافق النطاق المعلن مع الأنشطة الملاحظة فعليا في الميدان؟'),
        ],
        '4.3.1': [
            ("Le périmètre inclut-il les fonctions support (bureau d'études, siège, entrepôt, sites distants) qui servent le site de production ?", 'هل يشمل النطاق وظائف الدعم (مكتب الدراسات، المقر، المستودع، المواقع البعيدة) التي تخدم موقع الإنتاج؟'),
            ("Si la conception est exclue, l'organisme peut-il montrer qu'il n'en a pas la responsabilité vis-à-vis de ses clients ?", 'إذا تم استثناء التصميم، هل تستطيع المؤسسة أن تثبت أنها لا تتحمل مسؤوليته تجاه زبنائها؟'),
        ],
        '4.3.2': [
            ('Les exigences spécifiques de chaque client automobile sont-elles recensées dans une liste à jour ?', 'هل المتطلبات الخاصة بكل زبون في قطاع السيارات مجرودة في لائحة محينة؟'),
            ('Peut-on montrer à quel processus ou document interne chaque exigence spécifique a été rattachée ?', 'هل يمكن بيان العملية أو الوثيقة الداخلية التي رُبط بها كل متطلب خاص؟'),
            ('Une veille sur les mises à jour des portails clients est-elle organisée ?', 'هل يتم تنظيم رصد لتحيينات بوابات الزبناء؟'),
        ],
        '4.4': [
            ('Une cartographie des processus montrant leurs interactions existe-t-elle ?', 'هل توجد خريطة للعمليات تبين التفاعلات فيما بينها؟'),
            ("Chaque processus a-t-il un responsable, des indicateurs et des données d'entrée et de sortie définis ?", 'هل لكل عملية مسؤول ومؤشرات ومدخلات ومخرجات محددة؟'),
            ('Les indicateurs des processus sont-ils suivis et analysés à une fréquence définie ?', 'هل تُتتبع مؤشرات العمليات وتُحلل وفق وتيرة محددة؟'),
        ],
        '4.4.1.1': [
            ("Les pièces de rechange et les processus sous-traités font-ils l'objet des mêmes vérifications de conformité que la production série ?", 'هل تخضع قطع الغيار والعمليات المسندة إلى جهات خارجية لنفس عمليات التحقق من المطابقة التي يخضع لها الإنتاج المتسلسل؟'),
            ('Les exigences légales des pays de destination des produits sont-elles connues ?', 'هل المتطلبات القانونية لبلدان وجهة المنتجات معروفة؟'),
        ],
        '4.4.1.2': [
            ('Un processus écrit de gestion de la sécurité produit existe-t-il, avec une personne désignée ?', 'هل توجد عملية مكتوبة لتدبير سلامة المنتوج، مع شخص معيّن؟'),
            ('Les caractéristiques liées à la sécurité sont-elles repérées dans les AMDEC et les plans de surveillance ?', 'هل الخصائص المرتبطة بالسلامة مبرزة في تحاليل أنماط الأعطال وآثارها (AMDEC) وفي مخططات المراقبة؟'),
            ('Le personnel concerné a-t-il reçu une formation spécifique à la sécurité produit ?', 'هل تلقى المستخدمون المعنيون تكوينا خاصا بسلامة المنتوج؟'),
        ],
        '5': [
            ('La direction pilote-t-elle elle-même la démarche qualité plutôt que de la déléguer entièrement au responsable qualité ?', 'هل تقود الإدارة بنفسها مسار الجودة بدل تفويضه كليا لمسؤول الجودة؟'),
            ('Les rôles, la politique et les engagements de la direction sont-ils formalisés et connus du personnel ?', 'هل الأدوار والسياسة والتزامات الإدارة مضبوطة كتابيا ومعروفة لدى المستخدمين؟'),
        ],
        '5.1': [
            ('La direction participe-t-elle personnellement aux revues, aux réunions qualité ou aux audits ?', 'هل تشارك الإدارة شخصيا في المراجعات واجتماعات الجودة أو عمليات التدقيق؟'),
            ('Les moyens nécessaires au système qualité (budget, temps, personnes) ont-ils été accordés ?', 'هل مُنحت الوسائل الضرورية لنظام الجودة (الميزانية، الوقت، الأشخاص)؟'),
            ('La satisfaction des clients ou des usagers est-elle suivie par la direction comme un indicateur clé ?', 'هل تتتبع الإدارة رضا الزبناء أو المرتفقين باعتباره مؤشرا رئيسيا؟'),
        ],
        '5.1.1': [
            ('La direction suit-elle les résultats du système qualité dans ses réunions de pilotage régulières ?', 'هل تتتبع الإدارة نتائج نظام الجودة في اجتماعات القيادة الدورية؟'),
            ("Les exigences qualité sont-elles intégrées dans le plan d'affaires et les décisions d'investissement ?", 'هل متطلبات الجودة مدمجة في مخطط الأعمال وقرارات الاستثمار؟'),
        ],
        '5.1.1.1': [
            ("Une politique anticorruption, un code de conduite et un dispositif d'alerte éthique existent-ils ?", 'هل توجد سياسة لمكافحة الرشوة ومدونة للسلوك وآلية للتبليغ عن المخالفات الأخلاقية؟'),
            ('Le personnel a-t-il été informé de ces règles et sait-il comment signaler un manquement ?', 'هل تم إخبار المستخدمين بهذه القواعد وهل يعرفون كيفية التبليغ عن أي إخلال؟'),
        ],
        '5.1.1.2': [
            ("La direction examine-t-elle l'efficacité et l'efficience des processus de réalisation et de support ?", 'هل تفحص الإدارة فعالية ونجاعة عمليات الإنجاز والدعم؟'),
            ('Les résultats de cet examen alimentent-ils la revue de direction ?', 'هل تُغذي نتائج هذا الفحص مراجعة الإدارة؟'),
        ],
        '5.1.1.3': [
            ('Chaque processus a-t-il un pilote nommé qui connaît ses indicateurs ?', 'هل لكل عملية مالك معيّن يعرف مؤشراتها؟'),
            ("Les pilotes de processus ont-ils reçu la formation et l'autorité nécessaires à leur rôle ?", 'هل تلقى مالكو العمليات التكوين والصلاحية اللازمين لدورهم؟'),
        ],
        '5.1.2': [
            ('Les indicateurs de satisfaction et de livraison des clients automobiles sont-ils suivis par la direction ?', 'هل تتتبع الإدارة مؤشرات الرضا والتسليم الخاصة بزبناء قطاع السيارات؟'),
            ('Les risques pouvant affecter la conformité des produits livrés sont-ils connus de la direction ?', 'هل المخاطر التي قد تمس بمطابقة المنتجات المسلمة معروفة لدى الإدارة؟'),
        ],
        '5.2': [
            ("Une politique qualité signée et datée existe-t-elle, et est-elle adaptée aux missions de l'organisme ?", 'هل توجد سياسة جودة موقعة ومؤرخة، وهل هي ملائمة لمهام المؤسسة؟'),
            ("La politique est-elle affichée ou diffusée, et le personnel interrogé sait-il l'expliquer ?", 'هل السياسة معلقة أو موزعة، وهل يستطيع المستخدمون المستجوبون شرحها؟'),
            ('La politique sert-elle de cadre pour fixer les objectifs qualité ?', 'هل تشكل السياسة إطارا لتحديد أهداف الجودة؟'),
        ],
        '5.2.1': [
            ("La politique qualité tient-elle compte des attentes des clients automobiles et de l'amélioration continue ?", 'هل تأخذ سياسة الجودة بعين الاعتبار توقعات زبناء قطاع السيارات والتحسين المستمر؟'),
            ("La politique qualité a-t-elle été revue depuis le dernier changement significatif de l'organisme ?", 'هل رُوجعت سياسة الجودة منذ آخر تغيير مهم في المؤسسة؟'),
        ],
        '5.2.2': [
            ('La politique qualité est-elle affichée dans les ateliers et traduite dans la langue du personnel ?', 'هل سياسة الجودة معلقة في الورشات ومترجمة إلى لغة المستخدمين؟'),
            ('Les opérateurs interrogés savent-ils dire ce que la politique signifie pour leur poste ?', 'هل يستطيع المشغلون المستجوبون توضيح ما تعنيه السياسة بالنسبة لمنصبهم؟'),
        ],
        '5.3': [
            ('Un organigramme à jour et des fiches de fonction existent-ils ?', 'هل يوجد هيكل تنظيمي محين وبطاقات وصف للوظائف؟'),
            ('Une personne est-elle désignée pour veiller au fonctionnement du système qualité et en rendre compte à la direction ?', 'هل عُين شخص للسهر على سير نظام الجودة ورفع التقارير بشأنه إلى الإدارة؟'),
            ('Les responsabilités et autorités sont-elles communiquées et comprises par les personnes concernées ?', 'هل المسؤوليات والصلاحيات مُبلغة ومفهومة من طرف الأشخاص المعنيين؟'),
        ],
        '5.3.1': [
            ('Les responsables des exigences clients (caractéristiques spéciales, objectifs, actions correctives, capacité, logistique) sont-ils désignés par écrit ?', 'هل عُين كتابيا المسؤولون عن متطلبات الزبناء (الخصائص الخاصة، الأهداف، الإجراءات التصحيحية، الطاقة الإنتاجية، اللوجستيك)؟'),
            ('Les tableaux de bord des clients sont-ils suivis par une personne identifiée ?', 'هل يتتبع شخص محدد لوحات القيادة الخاصة بالزبناء؟'),
        ],
        '5.3.2': [
            ('Les personnes habilitées à arrêter une livraison ou une production sont-elles identifiées pour chaque équipe ?', 'هل الأشخاص المخول لهم إيقاف التسليم أو الإنتاج محددون بالنسبة لكل فرقة؟'),
            ("En l'absence du responsable qualité, qui peut prendre cette décision, et le personnel le sait-il ?", 'في غياب مسؤول الجودة، من يمكنه اتخاذ هذا القرار، وهل يعرف المستخدمون ذلك؟'),
            ('Les non-conformités constatées sont-elles remontées immédiatement aux responsables des actions correctives ?', 'هل يتم رفع حالات عدم المطابقة المسجلة فورا إلى المسؤولين عن الإجراءات التصحيحية؟'),
        ],
        '6': [
            ('Les risques, les objectifs et les changements sont-ils planifiés de façon coordonnée dans un document de pilotage ?', 'هل يتم التخطيط للمخاطر والأهداف والتغييرات بشكل منسق في وثيقة للقيادة؟'),
            ('Cette planification est-elle revue au moins une fois par an ?', 'هل تُراجع هذه الخطة مرة واحدة على الأقل في السنة؟'),
        ],
        '6.1': [
            ("Un registre des risques et des opportunités existe-t-il avec une méthode d'évaluation (gravité, probabilité) ?", 'هل يوجد سجل للمخاطر والفرص مع طريقة للتقييم (الخطورة، الاحتمال)؟'),
            ('Des actions sont-elles définies pour les risques prioritaires, avec responsable et échéance ?', 'هل حُددت إجراءات للمخاطر ذات الأولوية، مع مسؤول وأجل؟'),
            ("L'efficacité de ces actions est-elle évaluée ?", 'هل يتم تقييم فعالية هذه الإجراءات؟'),
        ],
        '6.1.2.1': [
            ("L'analyse des risques prend-elle en compte les rappels de produits, les retours clients et les réclamations passés ?", 'هل يأخذ تحليل المخاطر بعين الاعتبار عمليات استرجاع المنتجات ومرتجعات الزبناء والشكايات السابقة؟'),
            ('Les audits produit et les données de garantie sont-ils utilisés pour mettre à jour cette analyse ?', 'هل تُستعمل عمليات تدقيق المنتوج وبيانات الضمان لتحيين هذا التحليل؟'),
        ],
        '6.1.2.2': [
            ("Un processus d'action préventive existe-t-il pour éviter l'apparition de problèmes potentiels ?", 'هل توجد عملية للإجراءات الوقائية لتفادي وقوع المشاكل المحتملة؟'),
            ("Les enseignements tirés d'un problème sont-ils étendus aux produits et processus similaires ?", 'هل يتم تعميم الدروس المستخلصة من مشكلة ما على المنتجات والعمليات المماثلة؟'),
        ],
        '6.1.2.3': [
            ("Des plans de secours existent-ils pour les pannes d'équipements clés, les ruptures d'approvisionnement, les incendies et les coupures d'énergie ou de réseau ?", 'هل توجد مخططات للطوارئ تخص أعطال التجهيزات الرئيسية وانقطاع التموين والحرائق وانقطاع الطاقة أو الشبكة المعلوماتية؟'),
            ('Ces plans ont-ils été testés au moins une fois par an et revus par une équipe pluridisciplinaire ?', 'هل تم اختبار هذه المخططات مرة في السنة على الأقل ومراجعتها من طرف فريق متعدد التخصصات؟'),
            ("Les plans prévoient-ils d'informer les clients et de vérifier la conformité du produit après le redémarrage ?", 'هل تنص المخططات على إخبار الزبناء والتحقق من مطابقة المنتوج بعد استئناف الإنتاج؟'),
        ],
        '6.2': [
            ('Les objectifs qualité sont-ils mesurables, datés et cohérents avec la politique ?', 'هل أهداف الجودة قابلة للقياس ومؤرخة ومنسجمة مع السياسة؟'),
            ('Pour chaque objectif, les actions, moyens, responsables et délais sont-ils définis ?', 'هل حُددت لكل هدف الإجراءات والوسائل والمسؤولون والآجال؟'),
            ("Le taux d'atteinte des objectifs est-il suivi et communiqué ?", 'هل تُتتبع نسبة تحقيق الأهداف ويتم التواصل بشأنها؟'),
        ],
        '6.2.2.1': [
            ('Les objectifs qualité intègrent-ils les attentes des clients (taux de défauts en ppm, délais de livraison) ?', 'هل تدمج أهداف الجودة توقعات الزبناء (نسبة العيوب بالجزء في المليون، آجال التسليم)؟'),
            ('Les objectifs sont-ils déclinés par fonction et par niveau, et revus au moins une fois par an ?', 'هل الأهداف موزعة حسب الوظائف والمستويات، وتُراجع مرة في السنة على الأقل؟'),
        ],
        '6.3': [
            ('Les changements importants (réorganisation, nouveau site, nouveau service) sont-ils planifiés avant leur mise en œuvre ?', 'هل يتم التخطيط للتغييرات المهمة (إعادة التنظيم، موقع جديد، خدمة جديدة) قبل تنفيذها؟'),
            ("Les conséquences d'un changement sur les ressources et les responsabilités sont-elles analysées ?", 'هل تُحلل انعكاسات التغيير على الموارد والمسؤوليات؟'),
        ],
        '7': [
            ('Les ressources, compétences, moyens de communication et documents nécessaires sont-ils disponibles pour tous les processus ?', 'هل الموارد والكفاءات ووسائل التواصل والوثائق الضرورية متوفرة لجميع العمليات؟'),
            ('Les manques de moyens constatés sont-ils remontés à la direction et traités ?', 'هل يتم رفع النقص المسجل في الوسائل إلى الإدارة ومعالجته؟'),
        ],
        '7.1': [
            ('Les besoins en personnel, locaux, équipements et environnement de travail sont-ils identifiés et satisfaits ?', 'هل حُددت الاحتياجات من المستخدمين والمقرات والتجهيزات وبيئة العمل وتمت تلبيتها؟'),
            ('Les équipements de mesure sont-ils étalonnés ou vérifiés, avec des preuves à jour ?', 'هل أجهزة القياس معايرة أو متحقق منها، مع أدلة محينة؟'),
            ("Le savoir-faire clé de l'organisme est-il capitalisé (guides, retours d'expérience) ?", 'هل يتم تثمين المعارف الأساسية للمؤسسة (أدلة، دروس مستخلصة من التجربة)؟'),
        ],
        '7.1.1': [
            ('Les besoins en ressources sont-ils estimés lors du budget et des nouveaux projets ?', 'هل يتم تقدير الاحتياجات من الموارد عند إعداد الميزانية وعند المشاريع الجديدة؟'),
            ('Les contraintes des ressources internes et des prestataires externes sont-elles prises en compte ?', 'هل تؤخذ بعين الاعتبار قيود الموارد الداخلية وقيود الجهات الخارجية؟'),
        ],
        '7.1.2': [
            ('Les effectifs permettent-ils de tenir les cadences de production demandées par les clients ?', 'هل يسمح عدد المستخدمين بالحفاظ على وتيرة الإنتاج التي يطلبها الزبناء؟'),
            ('Les postes clés disposent-ils de remplaçants identifiés ?', 'هل للمناصب الرئيسية بدلاء محددون؟'),
        ],
        '7.1.3': [
            ('Les bâtiments, équipements et systèmes informatiques nécessaires sont-ils identifiés et entretenus ?', 'هل البنايات والتجهيزات والأنظمة المعلوماتية الضرورية محددة وتتم صيانتها؟'),
            ('Un programme de maintenance des infrastructures est-il suivi ?', 'هل يتم تتبع برنامج لصيانة البنية التحتية؟'),
        ],
        '7.1.3.1': [
            ("L'implantation des ateliers est-elle conçue par une équipe pluridisciplinaire pour optimiser les flux et la manutention ?", 'هل يتم تصميم تنظيم الورشات من طرف فريق متعدد التخصصات لتحسين التدفقات والمناولة؟'),
            ('Les nouveaux équipements et lignes sont-ils évalués avant leur mise en production, y compris la capacité ?', 'هل يتم تقييم التجهيزات وخطوط الإنتاج الجديدة قبل تشغيلها، بما في ذلك الطاقة الإنتاجية؟'),
        ],
        '7.1.4': [
            ('Les conditions de travail (température, éclairage, bruit, propreté) sont-elles adaptées aux exigences des produits ?', 'هل ظروف العمل (الحرارة، الإنارة، الضجيج، النظافة) ملائمة لمتطلبات المنتجات؟'),
            ('Les facteurs humains et psychosociaux sont-ils pris en compte ?', 'هل تؤخذ بعين الاعتبار العوامل البشرية والنفسية والاجتماعية؟'),
        ],
        '7.1.4.1': [
            ('Les locaux sont-ils maintenus en ordre, propres et en bon état (démarche 5S ou équivalente) ?', 'هل المقرات مرتبة ونظيفة وفي حالة جيدة (منهجية 5S أو ما يعادلها)؟'),
            ('Des audits de propreté et de rangement sont-ils réalisés et leurs écarts traités ?', 'هل تُنجز عمليات تدقيق للنظافة والترتيب وتُعالج الانحرافات المسجلة؟'),
        ],
        '7.1.5': [
            ('La liste des équipements de surveillance et de mesure est-elle complète et à jour ?', 'هل لائحة تجهيزات الرصد والقياس كاملة ومحينة؟'),
            ('Les équipements sont-ils adaptés au type de mesure réalisé ?', 'هل التجهيزات ملائمة لنوع القياس المنجز؟'),
        ],
        '7.1.5.1': [
            ('Chaque moyen de mesure est-il identifié et protégé contre les dommages et les déréglages ?', 'هل كل وسيلة قياس معرّفة ومحمية من الأضرار ومن اختلال الضبط؟'),
            ('Les moyens de mesure personnels des opérateurs sont-ils également suivis ?', 'هل يتم أيضا تتبع وسائل القياس الخاصة بالمشغلين؟'),
        ],
        '7.1.5.1.1': [
            ('Des études de répétabilité et de reproductibilité (R&R) sont-elles réalisées pour les moyens cités dans le plan de surveillance ?', 'هل تُنجز دراسات قابلية التكرار وإعادة الإنتاج (R&R) للوسائل المذكورة في مخطط المراقبة؟'),
            ("Les méthodes et critères d'acceptation de ces études sont-ils conformes aux manuels de référence ou acceptés par le client ?", 'هل طرق هذه الدراسات ومعايير قبولها مطابقة للأدلة المرجعية أو مقبولة من طرف الزبون؟'),
        ],
        '7.1.5.2': [
            ('Les étalons utilisés sont-ils raccordés à des références nationales ou internationales ?', 'هل المعايير المستعملة مرتبطة بمراجع وطنية أو دولية؟'),
            ('Que fait-on des mesures réalisées avec un instrument trouvé hors tolérance ?', 'ما الذي يتم القيام به بشأن القياسات المنجزة بجهاز تبين أنه خارج التفاوت المسموح به؟'),
        ],
        '7.1.5.2.1': [
            ('Un registre des étalonnages et vérifications existe-t-il pour tous les moyens, y compris ceux appartenant aux employés et aux clients ?', 'هل يوجد سجل لعمليات المعايرة والتحقق يشمل جميع الوسائل، بما فيها تلك المملوكة للمستخدمين والزبناء؟'),
            ("En cas d'instrument hors tolérance, une analyse de l'impact sur les produits livrés est-elle enregistrée et le client informé si nécessaire ?", 'في حالة جهاز خارج التفاوت، هل يُسجل تحليل لأثره على المنتجات المسلمة ويتم إخبار الزبون عند الاقتضاء؟'),
            ('Les logiciels de contrôle utilisés pour la mesure sont-ils vérifiés ?', 'هل يتم التحقق من برمجيات المراقبة المستعملة في القياس؟'),
        ],
        '7.1.5.3': [
            ("Les laboratoires qui réalisent des essais ou étalonnages pour l'organisme sont-ils identifiés ?", 'هل المختبرات التي تنجز التجارب أو عمليات المعايرة لفائدة المؤسسة محددة؟'),
            ('Leur domaine de compétence couvre-t-il tous les essais demandés ?', 'هل يغطي مجال كفاءتها جميع التجارب المطلوبة؟'),
        ],
        '7.1.5.3.1': [
            ("Le laboratoire interne a-t-il un domaine d'activité défini et des procédures d'essai écrites ?", 'هل للمختبر الداخلي مجال نشاط محدد وإجراءات تجارب مكتوبة؟'),
            ('Le personnel du laboratoire est-il qualifié et les résultats sont-ils vérifiés (essais interlaboratoires, par exemple) ?', 'هل مستخدمو المختبر مؤهلون وهل يتم التحقق من النتائج (التجارب بين المختبرات مثلا)؟'),
        ],
        '7.1.5.3.2': [
            ('Les laboratoires externes sont-ils accrédités selon ISO/IEC 17025 pour les essais confiés, ou acceptés par le client ?', 'هل المختبرات الخارجية معتمدة وفق ISO/IEC 17025 بالنسبة للتجارب المسندة إليها، أو مقبولة من طرف الزبون؟'),
            ("Les certificats d'accréditation sont-ils vérifiés et leur date de validité suivie ?", 'هل يتم التحقق من شهادات الاعتماد وتتبع مدة صلاحيتها؟'),
        ],
        '7.1.6': [
            ("Les savoir-faire critiques (procédés, réglages, retours d'expérience) sont-ils formalisés ?", 'هل المعارف الحرجة (طرق التصنيع، الإعدادات، الدروس المستخلصة) مضبوطة كتابيا؟'),
            ("Comment les connaissances sont-elles transmises lors du départ d'un expert ?", 'كيف يتم نقل المعارف عند مغادرة أحد الخبراء؟'),
        ],
        '7.2': [
            ('Les compétences requises pour chaque poste sont-elles définies ?', 'هل الكفاءات المطلوبة لكل منصب محددة؟'),
            ('Un plan de formation existe-t-il et son efficacité est-elle évaluée ?', 'هل توجد خطة للتكوين ويتم تقييم فعاليتها؟'),
            ('Les preuves de compétence (diplômes, attestations, évaluations) sont-elles conservées ?', 'هل يُحتفظ بأدلة الكفاءة (الشهادات، الإفادات، التقييمات)؟'),
        ],
        '7.2.1': [
            ("Les besoins de formation sont-ils identifiés pour tout le personnel dont l'activité touche la qualité, y compris les fonctions support ?", 'هل يتم تحديد الحاجيات من التكوين لجميع المستخدمين الذين يؤثر نشاطهم في الجودة، بما في ذلك وظائف الدعم؟'),
            ('Les exigences spécifiques des clients en matière de formation sont-elles intégrées dans le plan de formation ?', 'هل المتطلبات الخاصة بالزبناء في مجال التكوين مدمجة في خطة التكوين؟'),
        ],
        '7.2.2': [
            ('Les nouveaux opérateurs et les intérimaires reçoivent-ils une formation au poste avant de travailler seuls ?', 'هل يتلقى المشغلون الجدد والعمال المؤقتون تكوينا في موقع العمل قبل أن يعملوا بمفردهم؟'),
            ("Le personnel est-il informé des conséquences d'une non-conformité pour le client ?", 'هل يتم إخبار المستخدمين بعواقب عدم المطابقة بالنسبة للزبون؟'),
            ('Une matrice de polyvalence est-elle tenue à jour dans chaque atelier ?', 'هل توجد في كل ورشة مصفوفة محينة لتعدد كفاءات المستخدمين؟'),
        ],
        '7.2.3': [
            ('Les critères de compétence des auditeurs internes (système, processus, produit) sont-ils définis par écrit ?', 'هل معايير كفاءة المدققين الداخليين (النظام، العمليات، المنتوج) محددة كتابيا؟'),
            ("Les auditeurs connaissent-ils l'approche processus, les outils de base de l'automobile et les exigences spécifiques des clients ?", 'هل يعرف المدققون مقاربة العمليات والأدوات الأساسية لقطاع السيارات والمتطلبات الخاصة بالزبناء؟'),
            ("Le maintien de leur compétence est-il démontré (nombre d'audits par an, formations de mise à jour) ?", 'هل يتم إثبات الحفاظ على كفاءتهم (عدد عمليات التدقيق في السنة، دورات تكوين لتحيين المعارف)؟'),
        ],
        '7.2.4': [
            ('Les auditeurs qui évaluent les fournisseurs ont-ils une qualification démontrée ?', 'هل للمدققين الذين يقيّمون الموردين تأهيل مثبت؟'),
            ("Leur compétence couvre-t-elle l'audit de processus de fabrication et les exigences spécifiques des clients ?", 'هل تشمل كفاءتهم تدقيق عمليات التصنيع والمتطلبات الخاصة بالزبناء؟'),
        ],
        '7.3': [
            ('Le personnel interrogé connaît-il la politique et les objectifs qualité qui le concernent ?', 'هل يعرف المستخدمون المستجوبون سياسة الجودة وأهدافها التي تعنيهم؟'),
            ("Le personnel sait-il quelles sont les conséquences d'un travail non conforme ?", 'هل يعرف المستخدمون عواقب العمل غير المطابق؟'),
            ("Des actions de sensibilisation ont-elles été menées au cours de l'année ?", 'هل نُظمت أنشطة للتوعية خلال السنة؟'),
        ],
        '7.3.1': [
            ("Les opérateurs connaissent-ils les caractéristiques spéciales et l'effet de leur travail sur le produit final ?", 'هل يعرف المشغلون الخصائص الخاصة وأثر عملهم على المنتوج النهائي؟'),
            ('Des preuves de sensibilisation (émargements, quiz, supports) sont-elles conservées ?', 'هل يتم الاحتفاظ بأدلة التوعية (أوراق الحضور، استبيانات، وسائط)؟'),
        ],
        '7.3.2': [
            ("Un dispositif de suggestions ou d'idées d'amélioration du personnel est-il actif ?", 'هل توجد آلية فعالة لاقتراحات المستخدمين أو أفكارهم من أجل التحسين؟'),
            ('Les contributions du personnel sont-elles reconnues et leur suivi est-il visible ?', 'هل يتم الاعتراف بمساهمات المستخدمين وهل تتبعها واضح؟'),
        ],
        '7.4': [
            ('Un plan de communication (quoi, quand, à qui, comment, par qui) existe-t-il ?', 'هل توجد خطة للتواصل (ماذا، متى، لمن، كيف، ومن طرف من)؟'),
            ('Les résultats qualité sont-ils communiqués au personnel (réunions, affichage, intranet) ?', 'هل يتم إطلاع المستخدمين على نتائج الجودة (اجتماعات، تعليق، شبكة داخلية)؟'),
        ],
        '7.5': [
            ('Les documents en usage sont-ils identifiés, datés, approuvés et dans leur version en vigueur ?', 'هل الوثائق المستعملة معرّفة ومؤرخة ومصادق عليها وفي نسختها السارية؟'),
            ('Les enregistrements sont-ils protégés, accessibles et conservés selon une durée définie ?', 'هل السجلات محمية ويسهل الوصول إليها ويُحتفظ بها وفق مدة محددة؟'),
            ("Les documents d'origine externe (lois, normes, documents clients) sont-ils identifiés et maîtrisés ?", 'هل الوثائق ذات المصدر الخارجي (القوانين، المعايير، وثائق الزبناء) معرّفة ومتحكم فيها؟'),
        ],
        '7.5.1': [
            ('La documentation nécessaire au système qualité est-elle identifiée et accessible aux utilisateurs ?', 'هل الوثائق الضرورية لنظام الجودة محددة ومتاحة لمستعمليها؟'),
            ('Le volume de documentation est-il proportionné à la taille et à la complexité du site ?', 'هل حجم الوثائق متناسب مع حجم الموقع ومدى تعقيده؟'),
        ],
        '7.5.1.1': [
            ("Le manuel qualité montre-t-il la correspondance entre les exigences applicables et les processus de l'organisme ?", 'هل يبين دليل الجودة التطابق بين المتطلبات المطبقة وعمليات المؤسسة؟'),
            ('Les exigences spécifiques des clients y sont-elles rattachées à des processus précis ?', 'هل المتطلبات الخاصة بالزبناء مرتبطة فيه بعمليات محددة؟'),
        ],
        '7.5.2': [
            ('Les documents sont-ils rédigés selon un format homogène avec identification, date et approbation ?', 'هل تُحرر الوثائق وفق نموذج موحد يتضمن التعريف والتاريخ والمصادقة؟'),
            ('Qui approuve les nouvelles versions, et cette approbation est-elle tracée ?', 'من يصادق على النسخ الجديدة، وهل هذه المصادقة موثقة؟'),
        ],
        '7.5.3': [
            ('Les versions périmées sont-elles retirées des postes de travail ?', 'هل يتم سحب النسخ المتجاوزة من مواقع العمل؟'),
            ("Les données informatiques sont-elles sauvegardées et protégées contre la perte ou l'altération ?", 'هل يتم حفظ البيانات المعلوماتية احتياطيا وحمايتها من الضياع أو التلف؟'),
        ],
        '7.5.3.2.1': [
            ('Les durées de conservation des enregistrements sont-elles définies, en tenant compte des exigences des clients et de la réglementation ?', 'هل مدد الاحتفاظ بالسجلات محددة، مع مراعاة متطلبات الزبناء والتنظيمات الجاري بها العمل؟'),
            ("Les dossiers d'homologation, d'outillage et de conception sont-ils conservés pendant la vie du produit en série et du service après-vente, plus une année ?", 'هل يُحتفظ بملفات المصادقة والأدوات والتصميم طوال مدة حياة المنتوج في الإنتاج المتسلسل وخدمة ما بعد البيع، مع سنة إضافية؟'),
        ],
        '7.5.3.2.2': [
            ('Les nouvelles normes et spécifications techniques des clients sont-elles revues dans un délai défini (par exemple dix jours ouvrables) ?', 'هل تتم مراجعة المعايير والمواصفات التقنية الجديدة للزبناء داخل أجل محدد (عشرة أيام عمل مثلا)؟'),
            ('La date de mise en application de chaque modification en production est-elle enregistrée ?', 'هل يتم تسجيل تاريخ تطبيق كل تعديل في الإنتاج؟'),
        ],
        '8': [
            ('Les activités de réalisation, de la commande à la livraison, sont-elles décrites et maîtrisées ?', 'هل أنشطة الإنجاز، من الطلبية إلى التسليم، موصوفة ومتحكم فيها؟'),
            ('Les dysfonctionnements opérationnels sont-ils enregistrés et analysés ?', 'هل يتم تسجيل الاختلالات التشغيلية وتحليلها؟'),
        ],
        '8.1': [
            ("Les critères d'acceptation des produits et services sont-ils définis et connus des opérateurs ?", 'هل معايير قبول المنتجات والخدمات محددة ومعروفة لدى المنفذين؟'),
            ('Les activités sous-traitées sont-elles identifiées et maîtrisées ?', 'هل الأنشطة المسندة إلى جهات خارجية معرّفة ومتحكم فيها؟'),
            ('Les plannings de réalisation tiennent-ils compte des ressources disponibles ?', 'هل تأخذ برامج الإنجاز بعين الاعتبار الموارد المتاحة؟'),
        ],
        '8.1.1': [
            ('La planification de la réalisation couvre-t-elle les exigences des clients, les caractéristiques spéciales et les besoins logistiques ?', 'هل يشمل تخطيط الإنجاز متطلبات الزبناء والخصائص الخاصة والحاجيات اللوجستية؟'),
            ("Les objectifs de faisabilité et de capacité sont-ils vérifiés lors du lancement d'un nouveau produit ?", 'هل يتم التحقق من أهداف الجدوى والطاقة الإنتاجية عند إطلاق منتوج جديد؟'),
        ],
        '8.1.2': [
            ('Les informations confidentielles des clients (plans, projets, prix) sont-elles protégées physiquement et informatiquement ?', 'هل المعلومات السرية الخاصة بالزبناء (التصاميم، المشاريع، الأثمنة) محمية ماديا ومعلوماتيا؟'),
            ('Le personnel et les sous-traitants ont-ils signé un engagement de confidentialité ?', 'هل وقّع المستخدمون والمقاولون من الباطن التزاما بالسرية؟'),
        ],
        '8.2': [
            ("Les exigences du client ou de l'usager sont-elles recueillies et revues avant tout engagement ?", 'هل يتم جمع متطلبات الزبون أو المرتفق ومراجعتها قبل أي التزام؟'),
            ('Les exigences légales et réglementaires applicables aux produits ou services sont-elles identifiées ?', 'هل المتطلبات القانونية والتنظيمية المطبقة على المنتجات أو الخدمات محددة؟'),
            ('Les réclamations et demandes des clients sont-elles enregistrées et traitées dans un délai défini ?', 'هل تُسجل شكايات وطلبات الزبناء وتُعالج في أجل محدد؟'),
        ],
        '8.2.1': [
            ('Les canaux de communication avec chaque client sont-ils identifiés (interlocuteurs, portails, réunions) ?', 'هل قنوات التواصل مع كل زبون محددة (المخاطَبون، البوابات، الاجتماعات)؟'),
            ('Les retours des clients, y compris les réclamations, sont-ils enregistrés et transmis aux services concernés ?', 'هل يتم تسجيل ملاحظات الزبناء، بما فيها الشكايات، وإحالتها على المصالح المعنية؟'),
        ],
        '8.2.1.1': [
            ("L'organisme sait-il échanger les informations dans la langue et le format demandés par le client (échanges de données informatisés, portails) ?", 'هل تستطيع المؤسسة تبادل المعلومات باللغة والصيغة اللتين يطلبهما الزبون (التبادل الإلكتروني للبيانات، البوابات)؟'),
            ('Les échanges de données informatisés sont-ils surveillés pour détecter les erreurs de transmission ?', 'هل تتم مراقبة التبادل الإلكتروني للبيانات لرصد أخطاء الإرسال؟'),
        ],
        '8.2.2': [
            ('Les exigences clients, légales et implicites sont-elles recueillies pour chaque nouvelle offre ou commande ?', 'هل يتم جمع متطلبات الزبناء والمتطلبات القانونية والضمنية بالنسبة لكل عرض أو طلبية جديدة؟'),
            ("L'organisme vérifie-t-il qu'il peut tenir les engagements annoncés avant de les proposer ?", 'هل تتحقق المؤسسة من قدرتها على الوفاء بالالتزامات المعلنة قبل اقتراحها؟'),
        ],
        '8.2.2.1': [
            ("Les exigences de recyclage, d'impact environnemental et de matériaux réglementés sont-elles prises en compte ?", 'هل تؤخذ بعين الاعتبار متطلبات إعادة التدوير والأثر البيئي والمواد الخاضعة للتنظيم؟'),
            ("Les exigences issues de la connaissance du produit et du procédé par l'organisme sont-elles ajoutées à celles du client ?", 'هل تضاف المتطلبات الناتجة عن معرفة المؤسسة بالمنتوج وبعملية التصنيع إلى متطلبات الزبون؟'),
        ],
        '8.2.3': [
            ('Chaque commande ou contrat est-il revu avant acceptation, avec une trace de cette revue ?', 'هل تتم مراجعة كل طلبية أو عقد قبل قبوله، مع أثر مكتوب لهذه المراجعة؟'),
            ("Les écarts entre l'offre et la commande sont-ils résolus avant engagement ?", 'هل تتم تسوية الفوارق بين العرض والطلبية قبل الالتزام؟'),
        ],
        '8.2.3.1.1': [
            ('Si le client accepte une dérogation à la revue formelle des exigences, cette autorisation est-elle conservée ?', 'إذا قبل الزبون استثناء من المراجعة الرسمية للمتطلبات، هل يُحتفظ بهذا الترخيص؟'),
            ('La revue des exigences est-elle répétée lorsque le client modifie sa commande ?', 'هل تتكرر مراجعة المتطلبات عندما يعدل الزبون طلبيته؟'),
        ],
        '8.2.3.1.2': [
            ('Les caractéristiques spéciales désignées par le client sont-elles reprises avec ses symboles dans les plans, AMDEC et plans de surveillance ?', 'هل الخصائص الخاصة التي يحددها الزبون مدرجة برموزها في التصاميم وتحاليل AMDEC ومخططات المراقبة؟'),
            ('Leurs exigences de maîtrise (capabilité, contrôle de toutes les pièces, etc.) sont-elles respectées ?', 'هل يتم احترام متطلبات التحكم فيها (القدرة الإحصائية، المراقبة الشاملة، وغيرهما)؟'),
        ],
        '8.2.3.1.3': [
            ('Une étude de faisabilité pluridisciplinaire est-elle réalisée pour chaque nouveau produit ou procédé ?', 'هل تُنجز دراسة جدوى متعددة التخصصات لكل منتوج أو عملية تصنيع جديدة؟'),
            ('Cette étude est-elle refaite quand un changement de procédé ou de produit est envisagé ?', 'هل تُعاد هذه الدراسة عند التفكير في تغيير عملية التصنيع أو المنتوج؟'),
            ('Les essais de production ou les capacités démontrées sont-ils utilisés pour confirmer la faisabilité ?', 'هل تُستعمل تجارب الإنتاج أو القدرات المثبتة لتأكيد الجدوى؟'),
        ],
        '8.2.4': [
            ('Les modifications de commande sont-elles communiquées aux services concernés et aux documents mis à jour ?', 'هل يتم تبليغ تعديلات الطلبيات إلى المصالح المعنية وتحيين الوثائق؟'),
            ('Les anciennes versions des exigences sont-elles retirées des postes de travail ?', 'هل تُسحب النسخ القديمة من المتطلبات من مواقع العمل؟'),
        ],
        '8.3': [
            ("L'organisme conçoit-il des produits ou services, et si oui, les étapes de conception sont-elles planifiées ?", 'هل تقوم المؤسسة بتصميم منتجات أو خدمات، وإذا كان الأمر كذلك، هل مراحل التصميم مخطط لها؟'),
            ('Des revues, vérifications et validations de conception sont-elles enregistrées ?', 'هل تُسجل مراجعات التصميم والتحقق منه والمصادقة عليه؟'),
            ('Si la conception est exclue, cette exclusion est-elle justifiée ?', 'إذا تم استثناء التصميم، هل هذا الاستثناء مبرر؟'),
        ],
        '8.3.1': [
            ('Un processus de conception et développement écrit existe-t-il, avec des étapes et des jalons définis ?', 'هل توجد عملية مكتوبة للتصميم والتطوير، بمراحل ومحطات محددة؟'),
            ('Les rôles des équipes de conception sont-ils clairement répartis ?', 'هل أدوار فرق التصميم موزعة بوضوح؟'),
        ],
        '8.3.1.1': [
            ('Le processus de conception couvre-t-il à la fois le produit et le procédé de fabrication ?', 'هل تغطي عملية التصميم كلا من المنتوج وعملية التصنيع؟'),
            ('La prévention des défauts est-elle privilégiée par rapport à leur détection ?', 'هل تُعطى الأولوية للوقاية من العيوب على حساب كشفها؟'),
        ],
        '8.3.2': [
            ('Un planning de projet avec revues, vérifications et validations existe-t-il pour chaque développement ?', 'هل يوجد برنامج للمشروع يتضمن المراجعات والتحقق والمصادقة بالنسبة لكل تطوير؟'),
            ('Les ressources internes et externes nécessaires au projet sont-elles identifiées ?', 'هل الموارد الداخلية والخارجية اللازمة للمشروع محددة؟'),
        ],
        '8.3.2.1': [
            ('Les équipes projet sont-elles pluridisciplinaires (conception, production, qualité, achats, maintenance) ?', 'هل فرق المشروع متعددة التخصصات (التصميم، الإنتاج، الجودة، المشتريات، الصيانة)؟'),
            ('Les AMDEC produit et procédé sont-elles réalisées et revues par cette équipe ?', 'هل تُنجز تحاليل AMDEC الخاصة بالمنتوج وعملية التصنيع وتراجعها هذه الفرقة؟'),
        ],
        '8.3.2.2': [
            ('Les concepteurs maîtrisent-ils les outils de conception et de modélisation utilisés ?', 'هل يتقن المصممون أدوات التصميم والنمذجة المستعملة؟'),
            ('Les compétences en conception sont-elles évaluées et les besoins de formation identifiés ?', 'هل يتم تقييم كفاءات التصميم وتحديد حاجيات التكوين؟'),
        ],
        '8.3.2.3': [
            ("Si le produit comporte un logiciel embarqué, un processus d'assurance qualité logiciel est-il en place ?", 'إذا كان المنتوج يتضمن برمجيات مدمجة، هل توجد عملية لضمان جودة البرمجيات؟'),
            ("Une méthode d'évaluation des capacités de développement logiciel (par exemple Automotive SPICE) est-elle utilisée ?", 'هل تُستعمل طريقة لتقييم قدرات تطوير البرمجيات (Automotive SPICE مثلا)؟'),
        ],
        '8.3.3': [
            ("Les données d'entrée de conception (fonctions, performances, exigences légales, retours d'expérience) sont-elles enregistrées ?", 'هل يتم تسجيل مدخلات التصميم (الوظائف، الأداء، المتطلبات القانونية، الدروس المستخلصة)؟'),
            ("Les données d'entrée contradictoires ou incomplètes sont-elles résolues ?", 'هل تتم معالجة المدخلات المتناقضة أو الناقصة؟'),
        ],
        '8.3.3.1': [
            ("Les données d'entrée du produit incluent-elles les objectifs de fiabilité, de sécurité, de poids et de coût ?", 'هل تتضمن مدخلات المنتوج أهداف الموثوقية والسلامة والوزن والتكلفة؟'),
            ("Les retours terrain et les problèmes des projets précédents sont-ils utilisés comme données d'entrée ?", 'هل تُستعمل معلومات الاستعمال الميداني ومشاكل المشاريع السابقة كمدخلات؟'),
        ],
        '8.3.3.2': [
            ("Les données d'entrée du procédé incluent-elles les cadences, les objectifs de capabilité et les coûts ?", 'هل تتضمن مدخلات عملية التصنيع الوتيرة وأهداف القدرة الإحصائية والتكاليف؟'),
            ('Des méthodes de détrompage sont-elles prévues dès la conception du procédé ?', 'هل يتم التخطيط لطرق منع الأخطاء منذ تصميم عملية التصنيع؟'),
        ],
        '8.3.3.3': [
            ('Une méthode pluridisciplinaire est-elle utilisée pour identifier les caractéristiques spéciales ?', 'هل تُستعمل طريقة متعددة التخصصات لتحديد الخصائص الخاصة؟'),
            ("Les caractéristiques spéciales sont-elles repérées dans tous les documents, des plans jusqu'aux instructions de travail ?", 'هل الخصائص الخاصة مبرزة في جميع الوثائق، من التصاميم إلى تعليمات العمل؟'),
            ('Les stratégies de maîtrise de ces caractéristiques sont-elles définies et suivies ?', 'هل استراتيجيات التحكم في هذه الخصائص محددة ويتم تتبعها؟'),
        ],
        '8.3.4': [
            ('Les revues de conception sont-elles tenues aux jalons prévus avec compte rendu ?', 'هل تُعقد مراجعات التصميم في المحطات المقررة مع محضر؟'),
            ("Les actions issues des revues sont-elles suivies jusqu'à leur clôture ?", 'هل يتم تتبع الإجراءات الناتجة عن المراجعات إلى حين إغلاقها؟'),
        ],
        '8.3.4.1': [
            ('Des indicateurs de conception (risques qualité, coûts, délais) sont-ils suivis aux étapes définies ?', 'هل تُتتبع مؤشرات التصميم (مخاطر الجودة، التكاليف، الآجال) في المراحل المحددة؟'),
            ('Ces indicateurs sont-ils présentés à la direction ?', 'هل تُعرض هذه المؤشرات على الإدارة؟'),
        ],
        '8.3.4.2': [
            ('La validation tient-elle compte des exigences du client et des normes applicables ?', 'هل تأخذ المصادقة بعين الاعتبار متطلبات الزبون والمعايير المطبقة؟'),
            ('Le calendrier de validation est-il aligné sur celui du client ?', 'هل جدولة المصادقة متوافقة مع جدولة الزبون؟'),
        ],
        '8.3.4.3': [
            ('Un programme de prototypes est-il mené lorsque le client le demande ?', 'هل يتم تنفيذ برنامج للنماذج الأولية عندما يطلبه الزبون؟'),
            ("Les essais sur prototypes sont-ils suivis, y compris lorsqu'ils sont sous-traités ?", 'هل يتم تتبع التجارب على النماذج الأولية، بما في ذلك عند إسنادها لجهات خارجية؟'),
        ],
        '8.3.4.4': [
            ("Un processus d'homologation du produit (PPAP ou équivalent) conforme aux exigences du client existe-t-il ?", 'هل توجد عملية للمصادقة على المنتوج (PPAP أو ما يعادلها) مطابقة لمتطلبات الزبون؟'),
            ('Les produits fournis par des sous-traitants sont-ils homologués avant leur utilisation ?', 'هل تتم المصادقة على المنتجات التي يوفرها المقاولون من الباطن قبل استعمالها؟'),
            ("Les dossiers d'homologation en vigueur peuvent-ils être présentés pour les pièces en production ?", 'هل يمكن تقديم ملفات المصادقة السارية بالنسبة للقطع قيد الإنتاج؟'),
        ],
        '8.3.5': [
            ("Les éléments de sortie (plans, spécifications, critères d'acceptation) sont-ils vérifiés par rapport aux données d'entrée ?", 'هل يتم التحقق من المخرجات (التصاميم، المواصفات، معايير القبول) مقارنة بالمدخلات؟'),
            ('Les éléments de sortie sont-ils approuvés avant leur diffusion ?', 'هل تتم المصادقة على المخرجات قبل نشرها؟'),
        ],
        '8.3.5.1': [
            ("Les éléments de sortie du produit comprennent-ils l'AMDEC, les résultats de fiabilité et les caractéristiques spéciales ?", 'هل تتضمن مخرجات المنتوج تحليل AMDEC ونتائج الموثوقية والخصائص الخاصة؟'),
            ('Les revues de conception des plans sont-elles documentées ?', 'هل مراجعات تصميم التصاميم الهندسية موثقة؟'),
        ],
        '8.3.5.2': [
            ("Les éléments de sortie du procédé comprennent-ils les synoptiques, l'implantation, l'AMDEC procédé et le plan de surveillance ?", 'هل تتضمن مخرجات عملية التصنيع مخططات التدفق وتنظيم الورشة وتحليل AMDEC للعملية ومخطط المراقبة؟'),
            ("Les instructions de travail et les critères d'acceptation du procédé sont-ils disponibles avant le démarrage série ?", 'هل تعليمات العمل ومعايير قبول العملية متاحة قبل انطلاق الإنتاج المتسلسل؟'),
        ],
        '8.3.6': [
            ('Les modifications de conception sont-elles identifiées, revues et approuvées avant leur mise en œuvre ?', 'هل يتم تحديد تعديلات التصميم ومراجعتها والمصادقة عليها قبل تنفيذها؟'),
            ("L'impact d'une modification sur les pièces déjà produites est-il évalué ?", 'هل يتم تقييم أثر التعديل على القطع المنتجة سلفا؟'),
        ],
        '8.3.6.1': [
            ("Le client a-t-il approuvé par écrit chaque modification de conception avant sa mise en production, lorsqu'il l'exige ?", 'هل صادق الزبون كتابيا على كل تعديل في التصميم قبل إدخاله في الإنتاج، عندما يشترط ذلك؟'),
            ('Les niveaux de révision des logiciels et du matériel sont-ils enregistrés ?', 'هل يتم تسجيل مستويات مراجعة البرمجيات والعتاد؟'),
        ],
        '8.4': [
            ('Les fournisseurs et prestataires sont-ils sélectionnés et évalués selon des critères écrits ?', 'هل يتم اختيار الموردين ومقدمي الخدمات وتقييمهم وفق معايير مكتوبة؟'),
            ('Une liste de fournisseurs approuvés existe-t-elle et est-elle à jour ?', 'هل توجد لائحة محينة للموردين المعتمدين؟'),
            ('Les achats sont-ils contrôlés à réception ?', 'هل تخضع المشتريات للمراقبة عند الاستلام؟'),
        ],
        '8.4.1': [
            ('Tous les achats qui influent sur le produit (matières, composants, traitements, étalonnage) sont-ils couverts par le processus achats ?', 'هل تشمل عملية الشراء جميع المشتريات التي تؤثر في المنتوج (المواد، المكونات، المعالجات، المعايرة)؟'),
            ("Les critères d'évaluation et de réévaluation des fournisseurs sont-ils écrits ?", 'هل معايير تقييم الموردين وإعادة تقييمهم مكتوبة؟'),
        ],
        '8.4.1.1': [
            ("Les sous-ensembles, le tri, la retouche et les services d'étalonnage achetés sont-ils inclus dans le périmètre des achats maîtrisés ?", 'هل المجموعات الفرعية والفرز وإعادة العمل وخدمات المعايرة المشتراة مدرجة في نطاق المشتريات المتحكم فيها؟'),
            ('Les fournisseurs fournis par les clients sont-ils également suivis ?', 'هل يتم كذلك تتبع الموردين الذين يفرضهم الزبناء؟'),
        ],
        '8.4.1.2': [
            ('Le processus de sélection tient-il compte du risque pour la conformité du produit, de la santé financière et de la performance qualité et livraison du fournisseur ?', 'هل تأخذ عملية الاختيار بعين الاعتبار المخاطر على مطابقة المنتوج والوضعية المالية للمورد وأداءه في الجودة والتسليم؟'),
            ('La décision de sélection est-elle prise par une équipe pluridisciplinaire et enregistrée ?', 'هل يتخذ قرار الاختيار فريق متعدد التخصصات ويتم تسجيله؟'),
        ],
        '8.4.1.3': [
            ('Les fournisseurs imposés par le client sont-ils identifiés dans la liste des fournisseurs ?', 'هل الموردون الذين يفرضهم الزبون محددون في لائحة الموردين؟'),
            ("L'organisme reste-t-il responsable de leur maîtrise et l'applique-t-il réellement ?", 'هل تظل المؤسسة مسؤولة عن التحكم فيهم وهل تمارسه فعلا؟'),
        ],
        '8.4.2': [
            ("Le niveau de contrôle appliqué à chaque fournisseur est-il proportionné au risque qu'il représente ?", 'هل مستوى التحكم المطبق على كل مورد متناسب مع المخاطر التي يمثلها؟'),
            ('Les processus externalisés sont-ils identifiés et leur maîtrise définie ?', 'هل العمليات المسندة إلى جهات خارجية محددة والتحكم فيها معرّف؟'),
        ],
        '8.4.2.1': [
            ('Un processus écrit décrit-il comment les processus externalisés sont identifiés et comment le niveau de contrôle est ajusté selon la performance du fournisseur ?', 'هل تصف عملية مكتوبة كيفية تحديد العمليات المسندة لجهات خارجية وكيفية تعديل مستوى التحكم حسب أداء المورد؟'),
            ("Les critères d'escalade (surveillance renforcée, audit, déréférencement) sont-ils définis ?", 'هل معايير التصعيد (الرصد المعزز، التدقيق، سحب الاعتماد) محددة؟'),
        ],
        '8.4.2.2': [
            ('Les exigences légales et réglementaires du pays de fabrication et des pays de destination sont-elles transmises aux fournisseurs ?', 'هل يتم تبليغ الموردين بالمتطلبات القانونية والتنظيمية لبلد التصنيع وبلدان الوجهة؟'),
            ('Les certificats de conformité réglementaire des fournisseurs sont-ils vérifiés ?', 'هل يتم التحقق من شهادات المطابقة التنظيمية للموردين؟'),
        ],
        '8.4.2.3': [
            ('Les fournisseurs de produits et services automobiles sont-ils au moins certifiés ISO 9001, avec un objectif de conformité à IATF 16949 ?', 'هل موردو منتجات وخدمات قطاع السيارات حاصلون على الأقل على شهادة ISO 9001، مع هدف المطابقة لمعيار IATF 16949؟'),
            ('Un plan de développement du système qualité des fournisseurs non certifiés existe-t-il ?', 'هل توجد خطة لتطوير نظام الجودة لدى الموردين غير الحاصلين على الشهادة؟'),
        ],
        '8.4.2.3.1': [
            ("Les fournisseurs de logiciels automobiles ou de produits à logiciel embarqué disposent-ils d'un processus d'assurance qualité logiciel ?", 'هل يتوفر موردو برمجيات السيارات أو المنتجات ذات البرمجيات المدمجة على عملية لضمان جودة البرمجيات؟'),
            ("L'organisme a-t-il évalué les capacités de développement logiciel de ces fournisseurs ?", 'هل قيّمت المؤسسة قدرات تطوير البرمجيات لدى هؤلاء الموردين؟'),
        ],
        '8.4.2.4': [
            ('Les indicateurs fournisseurs (qualité livrée, délais, incidents chez le client, arrêts de ligne) sont-ils suivis ?', 'هل تُتتبع مؤشرات الموردين (جودة التسليم، الآجال، الحوادث لدى الزبون، توقف خطوط الإنتاج)؟'),
            ("Les résultats sont-ils communiqués aux fournisseurs avec demande d'actions si nécessaire ?", 'هل تُبلغ النتائج إلى الموردين مع طلب إجراءات عند الحاجة؟'),
        ],
        '8.4.2.4.1': [
            ('Les audits de fournisseurs sont-ils planifiés en fonction du risque et de la performance ?', 'هل يتم التخطيط لتدقيق الموردين حسب المخاطر والأداء؟'),
            ("Les rapports d'audit seconde partie sont-ils conservés et les écarts suivis ?", 'هل يُحتفظ بتقارير تدقيق الطرف الثاني ويتم تتبع الانحرافات؟'),
        ],
        '8.4.2.5': [
            ('Les fournisseurs prioritaires pour le développement sont-ils identifiés ?', 'هل الموردون ذوو الأولوية في التطوير محددون؟'),
            ('Des actions de développement sont-elles menées avec eux et leurs résultats mesurés ?', 'هل يتم تنفيذ إجراءات تطوير معهم وقياس نتائجها؟'),
        ],
        '8.4.3': [
            ("Les bons de commande précisent-ils clairement le produit, la révision, les exigences d'homologation et de compétence ?", 'هل تحدد سندات الطلب بوضوح المنتوج ومستوى المراجعة ومتطلبات المصادقة والكفاءة؟'),
            ("Les documents d'achat sont-ils vérifiés avant envoi ?", 'هل يتم التحقق من وثائق الشراء قبل إرسالها؟'),
        ],
        '8.4.3.1': [
            ('Les exigences légales, les caractéristiques spéciales et les exigences spécifiques des clients sont-elles transmises aux fournisseurs ?', 'هل يتم تبليغ الموردين بالمتطلبات القانونية والخصائص الخاصة والمتطلبات الخاصة بالزبناء؟'),
            ('Les fournisseurs sont-ils tenus de répercuter ces exigences à leurs propres fournisseurs ?', 'هل يُلزم الموردون بنقل هذه المتطلبات إلى مورديهم؟'),
        ],
        '8.5': [
            ('Des instructions de travail sont-elles disponibles aux postes où leur absence pourrait nuire à la qualité ?', 'هل تتوفر تعليمات العمل في المناصب التي قد يضر غيابها بالجودة؟'),
            ('Les produits ou dossiers sont-ils identifiés et traçables tout au long de la réalisation ?', 'هل المنتجات أو الملفات معرّفة وقابلة للتتبع طوال مراحل الإنجاز؟'),
            ('Les biens appartenant aux clients ou aux usagers (documents, matériel, données) sont-ils protégés ?', 'هل الممتلكات العائدة للزبناء أو المرتفقين (الوثائق، المعدات، البيانات) محمية؟'),
        ],
        '8.5.1': [
            ("Les opérateurs disposent-ils des documents, moyens de mesure et critères d'acceptation nécessaires à leur poste ?", 'هل يتوفر المشغلون على الوثائق ووسائل القياس ومعايير القبول الضرورية لمناصبهم؟'),
            ('Les procédés dont le résultat ne peut pas être vérifié après coup sont-ils validés ?', 'هل تتم المصادقة على العمليات التي لا يمكن التحقق من نتائجها لاحقا؟'),
        ],
        '8.5.1.1': [
            ('Un plan de surveillance existe-t-il pour chaque produit ou famille, aux phases prototype, présérie et série si nécessaire ?', 'هل يوجد مخطط للمراقبة لكل منتوج أو عائلة منتجات، في مراحل النموذج الأولي وما قبل الإنتاج المتسلسل والإنتاج المتسلسل عند الاقتضاء؟'),
            ('Le plan de surveillance est-il mis à jour après un incident qualité, une modification ou une réclamation ?', 'هل يُحين مخطط المراقبة بعد أي حادث جودة أو تعديل أو شكاية؟'),
            ('Les réactions prévues en cas de dérive sont-elles connues des opérateurs ?', 'هل الإجراءات المتوقعة في حالة الانحراف معروفة لدى المشغلين؟'),
        ],
        '8.5.1.2': [
            ("Les instructions de travail sont-elles affichées au poste, lisibles et dans une langue comprise par l'opérateur ?", 'هل تعليمات العمل معلقة في موقع العمل ومقروءة وبلغة يفهمها المشغل؟'),
            ('Les règles de sécurité des opérateurs figurent-elles dans le travail standardisé ?', 'هل قواعد سلامة المشغلين مدرجة في العمل الموحد؟'),
        ],
        '8.5.1.3': [
            ('Une validation du premier et du dernier produit est-elle faite à chaque réglage ou changement de série ?', 'هل تتم المصادقة على المنتوج الأول والأخير عند كل إعداد أو تغيير للسلسلة؟'),
            ('Les enregistrements de ces vérifications sont-ils conservés ?', 'هل يُحتفظ بسجلات عمليات التحقق هذه؟'),
        ],
        '8.5.1.4': [
            ('Après un arrêt de production planifié ou non, des vérifications sont-elles faites avant de relancer ?', 'بعد توقف الإنتاج المخطط له أو غير المخطط له، هل تُنجز عمليات تحقق قبل الاستئناف؟'),
            ('Ces vérifications sont-elles définies par écrit et enregistrées ?', 'هل عمليات التحقق هذه محددة كتابيا ومسجلة؟'),
        ],
        '8.5.1.5': [
            ('Un plan de maintenance préventive et prédictive couvre-t-il les équipements clés ?', 'هل يشمل مخطط للصيانة الوقائية والتنبؤية التجهيزات الرئيسية؟'),
            ('Les pièces de rechange critiques sont-elles disponibles ?', 'هل قطع الغيار الحرجة متوفرة؟'),
            ('Des indicateurs de maintenance (disponibilité, taux de rendement synthétique, temps moyen entre pannes) sont-ils suivis et atteignent-ils leurs objectifs ?', 'هل تُتتبع مؤشرات الصيانة (الجاهزية، المردود الإجمالي للتجهيزات، متوسط الوقت بين الأعطال) وهل تبلغ أهدافها؟'),
        ],
        '8.5.1.6': [
            ('Les outillages sont-ils identifiés, y compris ceux appartenant aux clients, avec leur état et leur propriétaire ?', 'هل الأدوات معرّفة، بما فيها تلك المملوكة للزبناء، مع حالتها ومالكها؟'),
            ("Un système de gestion de l'outillage (maintenance, réparation, stockage, modifications) est-il en place ?", 'هل يوجد نظام لتدبير الأدوات (الصيانة، الإصلاح، التخزين، التعديلات)؟'),
        ],
        '8.5.1.7': [
            ('La production est-elle ordonnancée pour répondre aux commandes clients, y compris en flux tiré ou en juste-à-temps ?', 'هل تتم جدولة الإنتاج لتلبية طلبيات الزبناء، بما في ذلك وفق التدفق المسحوب أو الإنتاج في الوقت المحدد؟'),
            ('Les informations clés (commandes, stocks, capacité) sont-elles accessibles au moment de la planification ?', 'هل المعلومات الأساسية (الطلبيات، المخزون، الطاقة الإنتاجية) متاحة عند التخطيط؟'),
        ],
        '8.5.2': [
            ('Les produits sont-ils identifiés à chaque étape, y compris leur statut de contrôle ?', 'هل المنتجات معرّفة في كل مرحلة، بما في ذلك وضعيتها من حيث المراقبة؟'),
            ("Peut-on retrouver, à partir d'un lot livré, les matières et les opérations utilisées ?", 'هل يمكن، انطلاقا من دفعة مسلمة، تتبع المواد والعمليات المستعملة؟'),
        ],
        '8.5.2.1': [
            ('Une analyse de traçabilité a-t-elle été faite pour chaque produit, surtout pour les caractéristiques de sécurité ?', 'هل أُنجز تحليل للتتبع لكل منتوج، خاصة بالنسبة لخصائص السلامة؟'),
            ("Un exercice de traçabilité a-t-il été réalisé pour vérifier la délimitation rapide d'un lot suspect ?", 'هل أُجري تمرين للتتبع للتحقق من سرعة حصر دفعة مشكوك فيها؟'),
        ],
        '8.5.3': [
            ('Les biens des clients (outillages, emballages, données) sont-ils identifiés et protégés ?', 'هل ممتلكات الزبناء (الأدوات، أغلفة التعبئة، البيانات) معرّفة ومحمية؟'),
            ('En cas de perte ou de détérioration, le propriétaire est-il informé ?', 'في حالة الضياع أو التلف، هل يتم إخبار المالك؟'),
        ],
        '8.5.4': [
            ('Les conditions de stockage et de manutention protègent-elles les produits contre les dommages ?', 'هل تحمي ظروف التخزين والمناولة المنتجات من الأضرار؟'),
            ('Les emballages sont-ils conformes aux exigences du client ?', 'هل أغلفة التعبئة مطابقة لمتطلبات الزبون؟'),
        ],
        '8.5.4.1': [
            ('La règle du premier entré, premier sorti est-elle appliquée et les stocks périmés identifiés ?', 'هل تُطبق قاعدة الوارد أولا يُصرف أولا ويتم تحديد المخزون منتهي الصلاحية؟'),
            ("L'état des stocks et des zones de stockage est-il évalué à intervalles définis ?", 'هل يتم تقييم حالة المخزون ومناطق التخزين على فترات محددة؟'),
        ],
        '8.5.5': [
            ('Les obligations après livraison (garantie, pièces de rechange, assistance) sont-elles identifiées ?', 'هل الالتزامات بعد التسليم (الضمان، قطع الغيار، المساعدة) محددة؟'),
            ("Les retours d'expérience après livraison sont-ils recueillis ?", 'هل يتم جمع الدروس المستخلصة بعد التسليم؟'),
        ],
        '8.5.5.1': [
            ("Les informations du service après-vente sont-elles communiquées à la production, à l'ingénierie et à la conception ?", 'هل يتم تبليغ معلومات خدمة ما بعد البيع إلى الإنتاج والهندسة والتصميم؟'),
            ('Ces informations donnent-elles lieu à des actions enregistrées ?', 'هل تفضي هذه المعلومات إلى إجراءات مسجلة؟'),
        ],
        '8.5.5.2': [
            ('Si un accord de service existe avec le client, ses engagements sont-ils suivis ?', 'إذا وُجد اتفاق خدمة مع الزبون، هل يتم تتبع التزاماته؟'),
            ('Les centres de service concernés disposent-ils des moyens et outils nécessaires ?', 'هل تتوفر مراكز الخدمة المعنية على الوسائل والأدوات اللازمة؟'),
        ],
        '8.5.6': [
            ('Les modifications de production sont-elles revues et autorisées avant leur mise en œuvre ?', 'هل تتم مراجعة تعديلات الإنتاج والترخيص بها قبل تنفيذها؟'),
            ('Les résultats de la revue des modifications sont-ils enregistrés ?', 'هل يتم تسجيل نتائج مراجعة التعديلات؟'),
        ],
        '8.5.6.1': [
            ('Un processus écrit maîtrise-t-il les modifications de procédé, y compris celles des fournisseurs ?', 'هل تتحكم عملية مكتوبة في تعديلات عمليات التصنيع، بما فيها تلك الصادرة عن الموردين؟'),
            ("Le client est-il informé et son approbation obtenue avant les modifications qu'il exige de valider ?", 'هل يتم إخبار الزبون والحصول على موافقته قبل التعديلات التي يشترط المصادقة عليها؟'),
            ('Les modifications sont-elles validées (essais, nouvelle homologation) avant la production série ?', 'هل تتم المصادقة على التعديلات (تجارب، مصادقة جديدة) قبل الإنتاج المتسلسل؟'),
        ],
        '8.5.6.1.1': [
            ('Une liste des moyens de maîtrise alternatifs approuvés existe-t-elle, reliée au plan de surveillance ?', 'هل توجد لائحة بوسائل التحكم البديلة المصادق عليها، مرتبطة بمخطط المراقبة؟'),
            ("L'utilisation d'un moyen alternatif est-elle tracée et limitée dans le temps, avec retour vérifié à la méthode normale ?", 'هل استعمال وسيلة بديلة موثق ومحدود في الزمن، مع التحقق من العودة إلى الطريقة العادية؟'),
        ],
        '8.6': [
            ('Les contrôles avant livraison ou avant délivrance du service sont-ils définis et enregistrés ?', 'هل عمليات المراقبة قبل التسليم أو قبل تقديم الخدمة محددة ومسجلة؟'),
            ('La personne qui autorise la libération est-elle identifiée dans les enregistrements ?', 'هل الشخص الذي يأذن بالإفراج محدد في السجلات؟'),
        ],
        '8.6.1': [
            ('Les contrôles planifiés sont-ils tous réalisés avant la libération des produits ?', 'هل تُنجز جميع عمليات المراقبة المخطط لها قبل الإفراج عن المنتجات؟'),
            ('Les libérations sont-elles conformes au plan de surveillance ?', 'هل عمليات الإفراج مطابقة لمخطط المراقبة؟'),
        ],
        '8.6.2': [
            ('Un contrôle dimensionnel complet et des essais fonctionnels sont-ils réalisés selon la fréquence fixée par le client ?', 'هل يُنجز فحص بعدي شامل واختبارات وظيفية وفق الوتيرة التي يحددها الزبون؟'),
            ('Les résultats sont-ils disponibles pour revue par le client ?', 'هل النتائج متاحة لمراجعتها من طرف الزبون؟'),
        ],
        '8.6.3': [
            ("Pour les pièces d'aspect, l'éclairage des zones de contrôle est-il adapté ?", 'بالنسبة للقطع ذات المظهر، هل إنارة مناطق الفحص ملائمة؟'),
            ('Des échantillons de référence (couleur, grain, brillance) sont-ils disponibles et maintenus ?', 'هل تتوفر عينات مرجعية (اللون، الملمس، اللمعان) ويتم الحفاظ عليها؟'),
            ("Les contrôleurs d'aspect sont-ils qualifiés ?", 'هل مراقبو المظهر مؤهلون؟'),
        ],
        '8.6.4': [
            ('La conformité des achats est-elle vérifiée par une méthode définie (contrôle réception, certificats, audits) ?', 'هل يتم التحقق من مطابقة المشتريات بطريقة محددة (مراقبة الاستلام، الشهادات، التدقيق)؟'),
            ('Les certificats fournisseurs sont-ils comparés aux spécifications ?', 'هل تُقارن شهادات الموردين بالمواصفات؟'),
        ],
        '8.6.5': [
            ("Avant la libération, l'organisme confirme-t-il que les produits achetés respectent la réglementation des pays de fabrication et de destination ?", 'قبل الإفراج، هل تتأكد المؤسسة من أن المنتجات المشتراة تحترم تنظيمات بلدان التصنيع والوجهة؟'),
            ('Les preuves de cette conformité sont-elles conservées ?', 'هل يُحتفظ بأدلة هذه المطابقة؟'),
        ],
        '8.6.6': [
            ("Les critères d'acceptation sont-ils définis et approuvés par le client lorsque requis ?", 'هل معايير القبول محددة ومصادق عليها من طرف الزبون عند الاقتضاء؟'),
            ("Pour les contrôles par attributs, le plan d'échantillonnage vise-t-il zéro défaut ?", 'بالنسبة للمراقبة بالسمات، هل يهدف مخطط المعاينة إلى صفر عيب؟'),
        ],
        '8.7': [
            ('Les produits ou services non conformes sont-ils identifiés et isolés pour éviter leur utilisation ?', 'هل يتم التعرف على المنتجات أو الخدمات غير المطابقة وعزلها لتفادي استعمالها؟'),
            ('Les décisions prises sur les non-conformités (reprise, rebut, dérogation) sont-elles enregistrées ?', 'هل تُسجل القرارات المتخذة بشأن حالات عدم المطابقة (إعادة العمل، الإتلاف، الاستثناء)؟'),
        ],
        '8.7.1.1': [
            ('Une autorisation écrite du client est-elle obtenue avant toute livraison de produit non conforme ou modifié ?', 'هل يتم الحصول على ترخيص كتابي من الزبون قبل أي تسليم لمنتوج غير مطابق أو معدل؟'),
            ('Les livraisons sous dérogation sont-elles identifiées sur les emballages et leur durée ou quantité respectée ?', 'هل التسليمات في إطار الاستثناء معرّفة على أغلفة التعبئة وهل تُحترم مدتها أو كميتها؟'),
        ],
        '8.7.1.2': [
            ('Les règles du client pour la maîtrise des produits non conformes sont-elles connues et appliquées ?', 'هل قواعد الزبون المتعلقة بالتحكم في المنتجات غير المطابقة معروفة ومطبقة؟'),
            ('Le personnel concerné sait-il où trouver ces règles ?', 'هل يعرف المستخدمون المعنيون أين يجدون هذه القواعد؟'),
        ],
        '8.7.1.3': [
            ('Les produits suspects ou non identifiés sont-ils traités comme non conformes ?', 'هل تُعامل المنتجات المشكوك فيها أو غير المعرّفة معاملة المنتجات غير المطابقة؟'),
            ('Le personnel de production sait-il isoler un produit suspect ?', 'هل يعرف مستخدمو الإنتاج كيفية عزل منتوج مشكوك فيه؟'),
        ],
        '8.7.1.4': [
            ('Une analyse des risques est-elle faite avant toute retouche, et une instruction de retouche est-elle disponible ?', 'هل يُنجز تحليل للمخاطر قبل أي إعادة عمل، وهل تتوفر تعليمات لإعادة العمل؟'),
            ('Les produits retouchés sont-ils contrôlés à nouveau et leur quantité enregistrée ?', 'هل تُراقب المنتجات الخاضعة لإعادة العمل من جديد وتُسجل كميتها؟'),
        ],
        '8.7.1.5': [
            ("L'accord écrit du client est-il obtenu avant de livrer un produit réparé ?", 'هل يتم الحصول على موافقة كتابية من الزبون قبل تسليم منتوج مصلح؟'),
            ('Les réparations suivent-elles une instruction approuvée et sont-elles tracées ?', 'هل تتبع عمليات الإصلاح تعليمات مصادقا عليها وهل هي موثقة؟'),
        ],
        '8.7.1.6': [
            ("Le client est-il informé rapidement en cas d'expédition de produit non conforme ?", 'هل يتم إخبار الزبون بسرعة في حالة شحن منتوج غير مطابق؟'),
            ('Les informations transmises sont-elles documentées ?', 'هل المعلومات المرسلة موثقة؟'),
        ],
        '8.7.1.7': [
            ('Un processus écrit définit-il le devenir des produits non conformes (retouche, réparation, rebut) ?', 'هل تحدد عملية مكتوبة مآل المنتجات غير المطابقة (إعادة العمل، الإصلاح، الإتلاف)؟'),
            ('Les produits mis au rebut sont-ils rendus inutilisables avant leur élimination ?', 'هل تُجعل المنتجات المتلفة غير صالحة للاستعمال قبل التخلص منها؟'),
        ],
        '9': [
            ("L'organisme mesure-t-il régulièrement la performance de son système qualité (indicateurs, audits, revue) ?", 'هل تقيس المؤسسة بانتظام أداء نظام الجودة لديها (المؤشرات، التدقيق، المراجعة)؟'),
            ('Les résultats de ces mesures donnent-ils lieu à des décisions enregistrées ?', 'هل تفضي نتائج هذه القياسات إلى قرارات مسجلة؟'),
        ],
        '9.1': [
            ('Les données à surveiller et les méthodes de mesure sont-elles définies pour chaque processus ?', 'هل البيانات الواجب رصدها وطرق قياسها محددة لكل عملية؟'),
            ('La satisfaction des clients ou des usagers est-elle mesurée (enquête, réclamations, retours) ?', 'هل يتم قياس رضا الزبناء أو المرتفقين (استطلاع، شكايات، ملاحظات)؟'),
            ('Les résultats sont-ils analysés et présentés sous forme de tendances ?', 'هل تُحلل النتائج وتُعرض في شكل منحنيات تطور؟'),
        ],
        '9.1.1': [
            ('Les indicateurs de performance des processus sont-ils définis, mesurés et analysés ?', 'هل مؤشرات أداء العمليات محددة ومقيسة ومحللة؟'),
            ('Les résultats de surveillance sont-ils enregistrés ?', 'هل يتم تسجيل نتائج الرصد؟'),
        ],
        '9.1.1.1': [
            ('Des études de capabilité sont-elles réalisées sur tous les nouveaux procédés de fabrication ?', 'هل تُنجز دراسات القدرة الإحصائية على جميع عمليات التصنيع الجديدة؟'),
            ('Les capabilités sont-elles maintenues conformes aux exigences du client, et un plan de réaction existe-t-il en cas de dérive ?', 'هل يتم الحفاظ على القدرات الإحصائية مطابقة لمتطلبات الزبون، وهل يوجد مخطط للتدخل في حالة الانحراف؟'),
            ("Les événements importants du procédé (changements d'outils, réparations) sont-ils notés ?", 'هل يتم تدوين الأحداث المهمة في عملية التصنيع (تغيير الأدوات، الإصلاحات)؟'),
        ],
        '9.1.1.2': [
            ('Les outils statistiques appropriés sont-ils identifiés pour chaque procédé lors de la planification ?', 'هل يتم تحديد الأدوات الإحصائية المناسبة لكل عملية عند التخطيط؟'),
            ("Ces outils figurent-ils dans l'AMDEC et le plan de surveillance ?", 'هل تظهر هذه الأدوات في تحليل AMDEC وفي مخطط المراقبة؟'),
        ],
        '9.1.1.3': [
            ('Les personnes qui recueillent et analysent les données statistiques comprennent-elles les notions de variation, de maîtrise et de capabilité ?', 'هل يفهم الأشخاص الذين يجمعون البيانات الإحصائية ويحللونها مفاهيم التغير والتحكم والقدرة الإحصائية؟'),
            ('Les cartes de contrôle sont-elles interprétées correctement au poste ?', 'هل يتم تفسير بطاقات المراقبة بشكل صحيح في موقع العمل؟'),
        ],
        '9.1.2': [
            ('La satisfaction des clients est-elle mesurée de façon régulière ?', 'هل يتم قياس رضا الزبناء بانتظام؟'),
            ("Les résultats sont-ils analysés et suivis d'actions ?", 'هل تُحلل النتائج وتُتبع بإجراءات؟'),
        ],
        '9.1.2.1': [
            ('Les indicateurs suivis incluent-ils la qualité livrée, les arrêts de ligne client, les retours terrain et les délais de livraison ?', 'هل تتضمن المؤشرات المتتبعة جودة التسليم وتوقف خطوط الزبون ومرتجعات الاستعمال الميداني وآجال التسليم؟'),
            ('Les tableaux de bord et statuts particuliers communiqués par les clients sont-ils connus et exploités ?', 'هل لوحات القيادة والوضعيات الخاصة التي يبلغها الزبناء معروفة ومستغلة؟'),
        ],
        '9.1.3': [
            ('Les données collectées sont-elles analysées pour évaluer la performance des processus et des fournisseurs ?', 'هل تُحلل البيانات المجمعة لتقييم أداء العمليات والموردين؟'),
            ('Les analyses sont-elles utilisées pour décider des améliorations ?', 'هل تُستعمل التحاليل لاتخاذ قرارات التحسين؟'),
        ],
        '9.1.3.1': [
            ("Les tendances de qualité et de performance sont-elles comparées aux objectifs pour établir des priorités d'action ?", 'هل تُقارن منحنيات تطور الجودة والأداء بالأهداف لتحديد أولويات التدخل؟'),
            ('Les actions prioritaires visent-elles la satisfaction du client ?', 'هل تستهدف الإجراءات ذات الأولوية رضا الزبون؟'),
        ],
        '9.2': [
            ("Un programme d'audit interne couvrant tous les processus existe-t-il ?", 'هل يوجد برنامج للتدقيق الداخلي يشمل جميع العمليات؟'),
            ("Les auditeurs internes sont-ils formés et indépendants de l'activité auditée ?", 'هل المدققون الداخليون مكوَّنون ومستقلون عن النشاط الخاضع للتدقيق؟'),
            ("Les constats d'audit donnent-ils lieu à des actions suivies jusqu'à leur clôture ?", 'هل تفضي ملاحظات التدقيق إلى إجراءات يتم تتبعها إلى حين إغلاقها؟'),
        ],
        '9.2.2.1': [
            ("Le programme d'audit couvre-t-il système, processus de fabrication et produits sur un cycle de trois ans ?", 'هل يغطي برنامج التدقيق النظام وعمليات التصنيع والمنتجات على دورة مدتها ثلاث سنوات؟'),
            ('La fréquence des audits est-elle ajustée selon les risques, les incidents et les réclamations ?', 'هل يتم تعديل وتيرة التدقيق حسب المخاطر والحوادث والشكايات؟'),
        ],
        '9.2.2.2': [
            ("L'audit du système qualité couvre-t-il tous les processus, y compris les exigences spécifiques des clients ?", 'هل يشمل تدقيق نظام الجودة جميع العمليات، بما فيها المتطلبات الخاصة بالزبناء؟'),
            ('Cet audit suit-il une approche processus ?', 'هل يتبع هذا التدقيق مقاربة العمليات؟'),
        ],
        '9.2.2.3': [
            ('Chaque procédé de fabrication est-il audité sur toutes les équipes de travail ?', 'هل يتم تدقيق كل عملية تصنيع في جميع فرق العمل؟'),
            ("L'audit vérifie-t-il l'application de l'AMDEC procédé, du plan de surveillance et des documents associés ?", 'هل يتحقق التدقيق من تطبيق تحليل AMDEC للعملية ومخطط المراقبة والوثائق المرتبطة بهما؟'),
        ],
        '9.2.2.4': [
            ('Des audits produits sont-ils réalisés aux étapes appropriées de la production et de la livraison ?', 'هل تُنجز عمليات تدقيق المنتوج في المراحل المناسبة من الإنتاج والتسليم؟'),
            ('Les audits produits vérifient-ils la conformité à toutes les exigences (dimensions, fonction, emballage, étiquetage) ?', 'هل تتحقق عمليات تدقيق المنتوج من المطابقة لجميع المتطلبات (الأبعاد، الوظيفة، التعبئة، الملصقات)؟'),
        ],
        '9.3': [
            ('Une revue de direction a-t-elle eu lieu au cours des douze derniers mois, avec un compte rendu ?', 'هل عُقدت مراجعة للإدارة خلال الاثني عشر شهرا الأخيرة، مع محضر؟'),
            ("Tous les éléments d'entrée prévus (audits, indicateurs, satisfaction, fournisseurs, risques) ont-ils été examinés ?", 'هل تم فحص جميع المدخلات المتوقعة (التدقيق، المؤشرات، الرضا، الموردون، المخاطر)؟'),
            ('Les décisions de la revue sont-elles suivies et mises en œuvre ?', 'هل يتم تتبع قرارات المراجعة وتنفيذها؟'),
        ],
        '9.3.1': [
            ('La revue de direction est-elle planifiée à intervalles définis ?', 'هل يتم التخطيط لمراجعة الإدارة على فترات محددة؟'),
            ('La direction générale y participe-t-elle ?', 'هل تشارك فيها الإدارة العامة؟'),
        ],
        '9.3.1.1': [
            ('Une revue de direction a-t-elle lieu au moins une fois par an ?', 'هل تُعقد مراجعة للإدارة مرة واحدة على الأقل في السنة؟'),
            ('La fréquence des revues est-elle augmentée quand les exigences des clients ne sont pas atteintes ?', 'هل يتم رفع وتيرة المراجعات عندما لا يتم بلوغ متطلبات الزبناء؟'),
        ],
        '9.3.2': [
            ("Les données d'entrée prévues sont-elles toutes présentées lors de la revue ?", 'هل تُعرض جميع المدخلات المقررة أثناء المراجعة؟'),
            ("Les données d'entrée sont-elles préparées et analysées avant la réunion ?", 'هل يتم إعداد المدخلات وتحليلها قبل الاجتماع؟'),
        ],
        '9.3.2.1': [
            ("La revue examine-t-elle le coût de la non-qualité, l'efficacité des processus et la faisabilité de fabrication ?", 'هل تفحص المراجعة تكلفة اللاجودة وفعالية العمليات وجدوى التصنيع؟'),
            ('Les données de garantie, les indicateurs clients et les défaillances terrain sont-ils examinés ?', 'هل يتم فحص بيانات الضمان ومؤشرات الزبناء وأعطال الاستعمال الميداني؟'),
        ],
        '9.3.3': [
            ('Les décisions de la revue sont-elles enregistrées avec responsables et délais ?', 'هل تُسجل قرارات المراجعة مع المسؤولين والآجال؟'),
            ('Les ressources décidées lors de la revue ont-elles été effectivement allouées ?', 'هل تم فعلا تخصيص الموارد التي تقررت أثناء المراجعة؟'),
        ],
        '9.3.3.1': [
            ("Lorsque les objectifs clients ne sont pas atteints, un plan d'action est-il établi et suivi ?", 'عندما لا تُبلغ أهداف الزبناء، هل توضع خطة عمل ويتم تتبعها؟'),
            ("Ce plan d'action est-il documenté ?", 'هل خطة العمل هذه موثقة؟'),
        ],
        '10': [
            ("L'organisme dispose-t-il d'un dispositif unique pour traiter les non-conformités et les pistes d'amélioration ?", 'هل تتوفر المؤسسة على آلية موحدة لمعالجة حالات عدم المطابقة وفرص التحسين؟'),
            ("Des améliorations concrètes peuvent-elles être montrées pour l'année écoulée ?", 'هل يمكن إبراز تحسينات ملموسة خلال السنة المنصرمة؟'),
        ],
        '10.1': [
            ("Les opportunités d'amélioration sont-elles identifiées et sélectionnées de façon organisée ?", 'هل يتم تحديد فرص التحسين واختيارها بطريقة منظمة؟'),
            ('Les suggestions du personnel et des usagers sont-elles recueillies ?', 'هل يتم جمع مقترحات المستخدمين والمرتفقين؟'),
        ],
        '10.2': [
            ('Les non-conformités et réclamations sont-elles enregistrées avec une analyse de leurs causes ?', 'هل تُسجل حالات عدم المطابقة والشكايات مع تحليل لأسبابها؟'),
            ("Les actions correctives ont-elles un responsable, une échéance et une vérification d'efficacité ?", 'هل للإجراءات التصحيحية مسؤول وأجل وتحقق من الفعالية؟'),
            ('Le taux de clôture des actions correctives dans les délais est-il suivi ?', 'هل تُتتبع نسبة إغلاق الإجراءات التصحيحية داخل الآجال؟'),
        ],
        '10.2.3': [
            ('Un processus de résolution de problèmes structuré (8D ou équivalent) est-il utilisé ?', 'هل تُستعمل عملية منظمة لحل المشكلات (8D أو ما يعادلها)؟'),
            ("Les causes racines sont-elles identifiées et l'efficacité des actions vérifiée ?", 'هل يتم تحديد الأسباب الجذرية والتحقق من فعالية الإجراءات؟'),
            ('Les enseignements sont-ils répercutés dans les AMDEC et les plans de surveillance ?', 'هل يتم نقل الدروس المستخلصة إلى تحاليل AMDEC ومخططات المراقبة؟'),
        ],
        '10.2.4': [
            ("Des dispositifs de détrompage sont-ils utilisés et inscrits dans l'AMDEC et le plan de surveillance ?", 'هل تُستعمل أجهزة لمنع الأخطاء وهل هي مدرجة في تحليل AMDEC ومخطط المراقبة؟'),
            ('Les détrompeurs sont-ils testés régulièrement, par exemple à chaque démarrage ?', 'هل يتم اختبار أجهزة منع الأخطاء بانتظام، عند كل انطلاق مثلا؟'),
        ],
        '10.2.5': [
            ("Si l'organisme doit une garantie, un processus de gestion des garanties existe-t-il ?", 'إذا كانت المؤسسة ملزمة بتقديم ضمان، هل توجد عملية لتدبير الضمانات؟'),
            ('Les pièces retournées sous garantie sont-elles analysées, y compris les cas « aucun défaut trouvé » ?', 'هل يتم تحليل القطع المرجعة في إطار الضمان، بما في ذلك حالات « لم يُعثر على عيب »؟'),
        ],
        '10.2.6': [
            ('Les réclamations clients et défaillances terrain sont-elles analysées, y compris les pièces retournées ?', 'هل يتم تحليل شكايات الزبناء وأعطال الاستعمال الميداني، بما في ذلك القطع المرجعة؟'),
            ("Les résultats de ces analyses sont-ils communiqués au client et au sein de l'organisme ?", 'هل يتم تبليغ نتائج هذه التحاليل إلى الزبون وداخل المؤسسة؟'),
        ],
        '10.3': [
            ("Les résultats des indicateurs montrent-ils une progression d'une année sur l'autre ?", 'هل تُظهر نتائج المؤشرات تقدما من سنة إلى أخرى؟'),
            ("Un plan d'amélioration est-il tenu à jour et revu par la direction ?", 'هل توجد خطة للتحسين محينة وتراجعها الإدارة؟'),
        ],
        '10.3.1': [
            ("Un processus d'amélioration continue écrit existe-t-il, avec méthodologie et objectifs ?", 'هل توجد عملية مكتوبة للتحسين المستمر، مع منهجية وأهداف؟'),
            ("Des plans d'action d'amélioration sont-ils suivis, y compris sur les procédés stables ?", 'هل يتم تتبع خطط عمل التحسين، بما في ذلك بالنسبة للعمليات المستقرة؟'),
            ('Les résultats des améliorations sont-ils mesurés ?', 'هل يتم قياس نتائج التحسينات؟'),
        ],
    },
}
