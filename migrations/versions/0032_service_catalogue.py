"""Who offers what, and the demand as a whole (issue 15, items 1 and 3): three more kinds of
service (accreditation, metrology, research and development; the kind "standards_information"
is kept, shown as standardization), the reference fields of each kind (loaded here, in three
languages), research and innovation centres as a kind of organisation, the service
catalogue of bodies and centres (``service_offers``), an accreditation's start date and the
accrediting body's name when it is not on the portal, the infrastructure needs companies
declare (``infrastructure_needs``), and the field, region and quarter of a service request
(region and quarter filled for existing requests from the company's region and the day the
request was filed).

On SQLite the batch rebuild of ``organisations`` drops the triggers of its search index
(revision 0015): they are created again here.

Revision ID: 0032_service_catalogue
Revises: 0031_standard_outlines
Create Date: 2026-11-29 05:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0032_service_catalogue"
down_revision = "0031_standard_outlines"
branch_labels = None
depends_on = None

# Frozen here: the values of each CHECK constraint before and after.
ORGANISATION_KINDS_BEFORE = (
    "ministry",
    "federation",
    "sme",
    "institute",
    "infrastructure",
    "public_body",
    "consulting_firm",
)
ORGANISATION_KINDS_AFTER = (*ORGANISATION_KINDS_BEFORE, "research_centre")
SERVICE_KINDS_BEFORE = (
    "testing",
    "calibration",
    "inspection",
    "certification",
    "standards_information",
)
SERVICE_KINDS_AFTER = (
    *SERVICE_KINDS_BEFORE,
    "accreditation",
    "metrology",
    "research_development",
)

# The reference fields of each kind of service: (kind, code, French, Arabic, English).
FIELDS = [
    ("testing", "testing_mechanical", "Essais mécaniques", "الاختبارات الميكانيكية", "Mechanical testing"),
    ("testing", "testing_chemical", "Analyses chimiques", "التحاليل الكيميائية", "Chemical analysis"),
    ("testing", "testing_electrical_safety", "Sécurité électrique", "السلامة الكهربائية", "Electrical safety"),
    ("testing", "testing_emc", "Compatibilité électromagnétique (CEM)", "التوافق الكهرومغناطيسي", "Electromagnetic compatibility (EMC)"),
    ("testing", "testing_textile", "Textile et habillement", "النسيج والألبسة", "Textiles and clothing"),
    ("testing", "testing_food", "Agroalimentaire", "الصناعات الغذائية", "Food and agri-food"),
    ("testing", "testing_construction", "Matériaux de construction", "مواد البناء", "Construction materials"),
    ("testing", "testing_plastics", "Plastiques et caoutchoucs", "البلاستيك والمطاط", "Plastics and rubber"),
    ("testing", "testing_corrosion", "Corrosion et vieillissement climatique", "التآكل والتقادم المناخي", "Corrosion and climatic ageing"),
    ("testing", "testing_microbiology", "Microbiologie", "علم الأحياء الدقيقة", "Microbiology"),
    ("calibration", "calibration_dimensional", "Dimensionnel", "القياسات البعدية", "Dimensional"),
    ("calibration", "calibration_mass", "Masse et pesage", "الكتلة والوزن", "Mass and weighing"),
    ("calibration", "calibration_temperature", "Température et humidité", "الحرارة والرطوبة", "Temperature and humidity"),
    ("calibration", "calibration_pressure", "Pression", "الضغط", "Pressure"),
    ("calibration", "calibration_torque_force", "Couple et force", "عزم الدوران والقوة", "Torque and force"),
    ("calibration", "calibration_electrical", "Électricité", "الكهرباء", "Electrical quantities"),
    ("calibration", "calibration_time_frequency", "Temps et fréquence", "الزمن والتردد", "Time and frequency"),
    ("calibration", "calibration_volume_flow", "Volume et débit", "الحجم والتدفق", "Volume and flow"),
    ("metrology", "metrology_legal_instruments", "Vérification des instruments réglementés", "التحقق من أدوات القياس الخاضعة للتنظيم", "Verification of regulated instruments"),
    ("metrology", "metrology_weighing", "Instruments de pesage", "أدوات الوزن", "Weighing instruments"),
    ("metrology", "metrology_fuel_dispensers", "Distributeurs de carburant", "موزعات الوقود", "Fuel dispensers"),
    ("metrology", "metrology_meters", "Compteurs d'eau, de gaz et d'électricité", "عدادات الماء والغاز والكهرباء", "Water, gas and electricity meters"),
    ("metrology", "metrology_reference_standards", "Étalons de référence", "المعايير المرجعية", "Reference standards"),
    ("inspection", "inspection_pressure_equipment", "Équipements sous pression", "المعدات تحت الضغط", "Pressure equipment"),
    ("inspection", "inspection_lifting", "Appareils de levage", "أجهزة الرفع", "Lifting equipment"),
    ("inspection", "inspection_electrical_installations", "Installations électriques", "المنشآت الكهربائية", "Electrical installations"),
    ("inspection", "inspection_products", "Inspection de produits et conformité à l'import", "فحص المنتجات ومطابقة الواردات", "Product and import conformity inspection"),
    ("inspection", "inspection_vehicles", "Véhicules", "المركبات", "Vehicles"),
    ("certification", "certification_qms", "Systèmes de management de la qualité (ISO 9001, IATF 16949)", "أنظمة إدارة الجودة", "Quality management systems (ISO 9001, IATF 16949)"),
    ("certification", "certification_environment", "Environnement et énergie (ISO 14001, ISO 50001)", "البيئة والطاقة", "Environment and energy (ISO 14001, ISO 50001)"),
    ("certification", "certification_ohs", "Santé et sécurité au travail (ISO 45001)", "الصحة والسلامة المهنية", "Occupational health and safety (ISO 45001)"),
    ("certification", "certification_food_safety", "Sécurité des aliments (ISO 22000, FSSC 22000)", "سلامة الأغذية", "Food safety (ISO 22000, FSSC 22000)"),
    ("certification", "certification_product", "Certification de produits (marque NM)", "إشهاد المنتجات", "Product certification (NM mark)"),
    ("certification", "certification_persons", "Certification de personnes", "إشهاد الأشخاص", "Certification of persons"),
    ("standards_information", "standardization_information", "Information et vente de normes", "الإعلام وبيع المواصفات", "Standards information and sales"),
    ("standards_information", "standardization_committees", "Participation aux comités techniques", "المشاركة في اللجان التقنية", "Technical committee participation"),
    ("standards_information", "standardization_training", "Formation à l'application des normes", "التكوين في تطبيق المواصفات", "Training in applying standards"),
    ("accreditation", "accreditation_laboratories", "Laboratoires d'essais et d'étalonnage (ISO/IEC 17025)", "مختبرات الاختبار والمعايرة", "Testing and calibration laboratories (ISO/IEC 17025)"),
    ("accreditation", "accreditation_inspection", "Organismes d'inspection (ISO/IEC 17020)", "هيئات التفتيش", "Inspection bodies (ISO/IEC 17020)"),
    ("accreditation", "accreditation_certification", "Organismes de certification (ISO/IEC 17021-1, 17065)", "هيئات الإشهاد", "Certification bodies (ISO/IEC 17021-1, 17065)"),
    ("research_development", "research_materials", "Matériaux et procédés", "المواد والأساليب", "Materials and processes"),
    ("research_development", "research_product_design", "Conception et prototypage de produits", "تصميم المنتجات والنماذج الأولية", "Product design and prototyping"),
    ("research_development", "research_energy", "Énergie et efficacité énergétique", "الطاقة والنجاعة الطاقية", "Energy and energy efficiency"),
    ("research_development", "research_digital", "Numérique et industrie 4.0", "الرقمنة والصناعة 4.0", "Digital and industry 4.0"),
    ("research_development", "research_chemistry", "Chimie et formulation", "الكيمياء والتركيب", "Chemistry and formulation"),
]  # fmt: skip

# The search index's triggers (revision 0015), dropped by a rebuild of the table on SQLite.
TRIGGERS = {
    "organisations_search_insert": """
        CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations BEGIN
            INSERT INTO organisations_search (rowid, search_text)
            VALUES (new.id, new.search_text);
        END""",
    "organisations_search_delete": """
        CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations BEGIN
            INSERT INTO organisations_search (organisations_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "organisations_search_update": """
        CREATE TRIGGER organisations_search_update AFTER UPDATE OF search_text ON organisations
        BEGIN
            INSERT INTO organisations_search (organisations_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO organisations_search (rowid, search_text)
            VALUES (new.id, new.search_text);
        END""",
}


def _check(column, values):
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _set_organisation_kinds(kinds):
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_organisations_kind"), type_="check")
        batch_op.create_check_constraint("kind", _check("kind", kinds))
    if sqlite:
        for statement in TRIGGERS.values():
            op.execute(statement)
        op.execute("INSERT INTO organisations_search (organisations_search) VALUES ('rebuild')")


def _audit_columns():
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade():
    _set_organisation_kinds(ORGANISATION_KINDS_AFTER)
    with op.batch_alter_table("accreditations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "accrediting_body_name", sa.String(length=200), nullable=False, server_default=""
            )
        )
    with op.batch_alter_table("accreditations", schema=None) as batch_op:
        batch_op.alter_column("accrediting_body_name", server_default=None)

    service_fields = op.create_table(
        "service_fields",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name_fr", sa.String(length=200), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            _check("kind", SERVICE_KINDS_AFTER),
            name=op.f("ck_service_fields_service_field_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_fields")),
        sa.UniqueConstraint("code", name=op.f("uq_service_fields_code")),
    )
    op.create_index(
        "ix_service_fields_kind_position", "service_fields", ["kind", "position", "id"]
    )
    op.bulk_insert(
        service_fields,
        [
            {
                "id": index,
                "kind": kind,
                "code": code,
                "name_fr": name_fr,
                "name_ar": name_ar,
                "name_en": name_en,
                "position": index,
            }
            for index, (kind, code, name_fr, name_ar, name_en) in enumerate(FIELDS, start=1)
        ],
    )

    op.create_table(
        "service_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("coverage", sa.Text(), nullable=False),
        sa.Column("regions", sa.String(length=100), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=True),
        sa.Column("accreditation_id", sa.Integer(), nullable=True),
        *_audit_columns(),
        sa.CheckConstraint(
            "lead_time_days IS NULL OR lead_time_days >= 0",
            name=op.f("ck_service_offers_lead_time"),
        ),
        sa.CheckConstraint(
            _check("kind", SERVICE_KINDS_AFTER),
            name=op.f("ck_service_offers_service_offer_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["accreditation_id"],
            ["accreditations.id"],
            name=op.f("fk_service_offers_accreditation_id_accreditations"),
        ),
        sa.ForeignKeyConstraint(
            ["body_id"], ["organisations.id"], name=op.f("fk_service_offers_body_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["field_id"],
            ["service_fields.id"],
            name=op.f("fk_service_offers_field_id_service_fields"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_offers")),
    )
    op.create_index(
        "ix_service_offers_body",
        "service_offers",
        ["body_id", "kind", "field_id", "id", "deleted_at"],
    )
    op.create_index(
        "ix_service_offers_kind_field",
        "service_offers",
        ["kind", "field_id", "body_id", "deleted_at"],
    )
    op.create_index(
        op.f("ix_service_offers_accreditation_id"), "service_offers", ["accreditation_id"]
    )

    op.create_table(
        "infrastructure_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quantity_per_year", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=5), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        *_audit_columns(),
        sa.CheckConstraint(
            "quantity_per_year > 0", name=op.f("ck_infrastructure_needs_quantity_positive")
        ),
        sa.CheckConstraint(
            _check("kind", SERVICE_KINDS_AFTER),
            name=op.f("ck_infrastructure_needs_infrastructure_need_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["field_id"],
            ["service_fields.id"],
            name=op.f("fk_infrastructure_needs_field_id_service_fields"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_infrastructure_needs_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_infrastructure_needs")),
    )
    op.create_index(
        "ix_infrastructure_needs_organisation_created",
        "infrastructure_needs",
        ["organisation_id", "created_at", "id", "deleted_at"],
    )
    op.create_index(
        "ix_infrastructure_needs_created",
        "infrastructure_needs",
        ["created_at", "id", "deleted_at"],
    )
    op.create_index(
        "ix_infrastructure_needs_cell",
        "infrastructure_needs",
        ["kind", "field_id", "region", "quarter", "created_at", "id", "deleted_at"],
    )

    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_requests_service_kind"), type_="check")
        batch_op.create_check_constraint("service_kind", _check("kind", SERVICE_KINDS_AFTER))
        batch_op.add_column(sa.Column("field_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("region", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("quarter", sa.String(length=7), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_service_requests_field_id_service_fields"),
            "service_fields",
            ["field_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_service_requests_demand_cell", ["kind", "field_id", "region", "quarter"]
        )
    # Existing requests: the company's region, the quarter they were filed in.
    op.execute(
        "UPDATE service_requests SET region = (SELECT organisations.region FROM organisations "
        "WHERE organisations.id = service_requests.organisation_id)"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE service_requests SET quarter = "
            "to_char(submitted_on, 'YYYY') || '-Q' || to_char(submitted_on, 'Q')"
        )
    else:
        op.execute(
            "UPDATE service_requests SET quarter = strftime('%Y', submitted_on) || '-Q' || "
            "((CAST(strftime('%m', submitted_on) AS INTEGER) + 2) / 3)"
        )


def downgrade():
    # The older schema has no place for the new kinds of service or research centres:
    # refuse rather than turn them into something they are not.
    bind = op.get_bind()
    new_kinds = ", ".join(f"'{kind}'" for kind in SERVICE_KINDS_AFTER[len(SERVICE_KINDS_BEFORE) :])
    left = bind.execute(
        sa.text(
            "SELECT (SELECT COUNT(*) FROM organisations WHERE kind = 'research_centre') + "
            f"(SELECT COUNT(*) FROM service_requests WHERE kind IN ({new_kinds}))"
        )
    ).scalar()
    if left:
        raise RuntimeError(
            "Research centres or requests for accreditation, metrology or R&D exist: the "
            "schema before 0032_service_catalogue cannot hold them. Remove them first."
        )
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_service_requests_demand_cell")
        batch_op.drop_constraint(
            batch_op.f("fk_service_requests_field_id_service_fields"), type_="foreignkey"
        )
        batch_op.drop_column("quarter")
        batch_op.drop_column("region")
        batch_op.drop_column("field_id")
        batch_op.drop_constraint(op.f("ck_service_requests_service_kind"), type_="check")
        batch_op.create_check_constraint("service_kind", _check("kind", SERVICE_KINDS_BEFORE))
    op.drop_index("ix_infrastructure_needs_cell", table_name="infrastructure_needs")
    op.drop_index("ix_infrastructure_needs_created", table_name="infrastructure_needs")
    op.drop_index("ix_infrastructure_needs_organisation_created", table_name="infrastructure_needs")
    op.drop_table("infrastructure_needs")
    op.drop_index(op.f("ix_service_offers_accreditation_id"), table_name="service_offers")
    op.drop_index("ix_service_offers_kind_field", table_name="service_offers")
    op.drop_index("ix_service_offers_body", table_name="service_offers")
    op.drop_table("service_offers")
    op.drop_index("ix_service_fields_kind_position", table_name="service_fields")
    op.drop_table("service_fields")
    with op.batch_alter_table("accreditations", schema=None) as batch_op:
        batch_op.drop_column("accrediting_body_name")
        batch_op.drop_column("valid_from")
    _set_organisation_kinds(ORGANISATION_KINDS_BEFORE)
