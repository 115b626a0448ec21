"""Demo data of who offers what (issue 15): each body's service catalogue (fields, what it
covers, regions served, lead time), tied to its accreditations, and the infrastructure needs
demo companies declared, so that the demand page shows cells covered by an accredited body
and gaps (torque calibration in Tangier, EMC testing in Casablanca)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Accreditation,
    InfrastructureNeed,
    InfrastructureType,
    Organisation,
    OrganisationKind,
    ServiceField,
    ServiceOffer,
)
from portal.models.training import quarter_of

ALL_REGIONS = " ".join(f"MA-{n:02d}" for n in range(1, 13))

# (body type, field code, what it covers, regions served, lead time in days, accreditation
# number covering it or None).
CATALOGUE = [
    (
        InfrastructureType.TESTING_LAB,
        "testing_mechanical",
        "Traction, compression, dureté (NM ISO 6892-1, NM ISO 6506-1)",
        "MA-01 MA-04 MA-06",
        10,
        "SEMAC-L-0117",
    ),
    (
        InfrastructureType.TESTING_LAB,
        "testing_construction",
        "Bétons, ciments, granulats, aciers pour béton armé",
        "MA-03 MA-04 MA-06",
        15,
        "SEMAC-L-0117",
    ),
    (
        InfrastructureType.TESTING_LAB,
        "testing_chemical",
        "Composés organiques volatils, métaux lourds, analyses de peintures",
        "MA-04 MA-06",
        12,
        None,
    ),
    (
        InfrastructureType.TESTING_LAB,
        "testing_corrosion",
        "Brouillard salin (NM ISO 9227), chaleur humide",
        "MA-06",
        21,
        None,
    ),
    (
        InfrastructureType.TESTING_LAB,
        "calibration_dimensional",
        "Pieds à coulisse, micromètres, comparateurs",
        "MA-06",
        7,
        None,
    ),
    (
        InfrastructureType.CALIBRATION_LAB,
        "calibration_dimensional",
        "Cales étalons, pieds à coulisse, micromètres, bagues et tampons",
        "MA-01 MA-02 MA-03",
        5,
        "SEMAC-E-0042",
    ),
    (
        InfrastructureType.CALIBRATION_LAB,
        "calibration_mass",
        "Masses de 1 mg à 20 kg (classes E2 à M1), balances",
        "MA-01 MA-02 MA-03",
        5,
        "SEMAC-E-0042",
    ),
    (
        InfrastructureType.CALIBRATION_LAB,
        "calibration_pressure",
        "Manomètres et capteurs de 0 à 700 bar",
        "MA-01 MA-03",
        7,
        "SEMAC-E-0042",
    ),
    (
        InfrastructureType.CALIBRATION_LAB,
        "calibration_torque_force",
        "Clés dynamométriques de 1 à 1 000 N·m",
        "MA-01",
        10,
        None,
    ),
    (
        InfrastructureType.INSPECTION_BODY,
        "inspection_pressure_equipment",
        "Épreuves et requalification des équipements sous pression",
        "MA-04 MA-06",
        10,
        "SEMAC-I-0009",
    ),
    (
        InfrastructureType.INSPECTION_BODY,
        "inspection_lifting",
        "Vérifications périodiques des appareils de levage",
        "MA-06",
        7,
        "SEMAC-I-0009",
    ),
    (
        InfrastructureType.CERTIFICATION_BODY,
        "certification_qms",
        "ISO 9001:2015, IATF 16949:2016",
        ALL_REGIONS,
        30,
        "SEMAC-C-0015",
    ),
    (
        InfrastructureType.CERTIFICATION_BODY,
        "certification_environment",
        "ISO 14001:2015",
        ALL_REGIONS,
        30,
        "SEMAC-C-0015",
    ),
    (
        InfrastructureType.CERTIFICATION_BODY,
        "certification_ohs",
        "ISO 45001:2018",
        ALL_REGIONS,
        30,
        "SEMAC-C-0015",
    ),
    (
        InfrastructureType.STANDARDIZATION_BODY,
        "standardization_information",
        "Normes marocaines (NM) et internationales, veille normative",
        ALL_REGIONS,
        3,
        None,
    ),
    (
        InfrastructureType.STANDARDIZATION_BODY,
        "standardization_training",
        "Formation à l'application des normes de management",
        ALL_REGIONS,
        20,
        None,
    ),
    (
        InfrastructureType.ACCREDITATION_BODY,
        "accreditation_laboratories",
        "ISO/IEC 17025, ISO 15189",
        ALL_REGIONS,
        120,
        None,
    ),
    (
        InfrastructureType.ACCREDITATION_BODY,
        "accreditation_certification",
        "ISO/IEC 17021-1, ISO/IEC 17065",
        ALL_REGIONS,
        150,
        None,
    ),
]

# (company index, field code, description, quantity a year, region or None for the
# company's, quarters from today).
NEEDS = [
    (0, "calibration_torque_force", "Étalonnage de clés dynamométriques 5-200 N·m", 40, "MA-01", 1),
    (0, "testing_emc", "Essais CEM de faisceaux et calculateurs", 12, None, 2),
    (1, "calibration_dimensional", "Pieds à coulisse et micromètres", 300, "MA-01", 1),
    (2, "calibration_torque_force", "Clés dynamométriques de montage", 60, "MA-01", 1),
    (3, "testing_mechanical", "Essais de traction sur tôles embouties", 80, None, 1),
    (4, "certification_qms", "Audit de certification IATF 16949", 1, None, 3),
    (5, "testing_chemical", "Analyses de COV sur peintures et vernis", 24, None, 2),
    (6, "calibration_temperature", "Étalonnage de sondes de four", 30, None, 2),
    (7, "inspection_pressure_equipment", "Requalification de compresseurs", 6, None, 1),
    (8, "testing_electrical_safety", "Essais de sécurité électrique", 20, None, 2),
]  # fmt: skip


# A research and innovation centre (issue 15): a kind of organisation that offers services
# like the bodies; its catalogue is added with theirs.
RESEARCH_CENTRE = {
    "name_fr": "Centre de Recherche et d'Innovation Automobile",
    "name_ar": "مركز البحث والابتكار في صناعة السيارات",
    "acronym": "CRIA",
    "region": "MA-01",
    "city": "Tanger",
    "email": "contact@cria.example.org",
}
RESEARCH_CATALOGUE = [
    ("research_materials", "Composites et alliages légers pour l'allègement", "MA-01 MA-06", 60),
    ("research_product_design", "Prototypage rapide, fabrication additive", "MA-01", 45),
    ("testing_mechanical", "Essais de fatigue et de crash sur composants", "MA-01", 20),
]


def _research_centre(created: Counter) -> Organisation:
    centre = db.session.execute(
        select(Organisation)
        .where(Organisation.kind == OrganisationKind.RESEARCH_CENTRE)
        .order_by(Organisation.id)
        .execution_options(include_deleted=True)
    ).scalar()
    if centre is None:
        centre = Organisation(kind=OrganisationKind.RESEARCH_CENTRE, **RESEARCH_CENTRE)
        db.session.add(centre)
        db.session.flush()
        created["organisations"] += 1
    return centre


def _quarter_after(today: date, steps: int) -> str:
    month = today.month - 1 + 3 * steps
    return quarter_of(date(today.year + month // 12, month % 12 + 1, 1))


def seed_catalogue(smes: list[Organisation], today: date, created: Counter) -> None:
    """Give every demo body its catalogue and the demo companies their needs, if missing."""
    fields = {f.code: f for f in db.session.execute(select(ServiceField)).scalars()}
    centre = _research_centre(created)
    if db.session.execute(select(ServiceOffer.id)).first() is None:
        for code, coverage, regions, lead_time in RESEARCH_CATALOGUE:
            db.session.add(
                ServiceOffer(
                    body_id=centre.id,
                    kind=fields[code].kind,
                    field_id=fields[code].id,
                    coverage=coverage,
                    regions=regions,
                    lead_time_days=lead_time,
                )
            )
            created["catalogue entries"] += 1
        bodies = {
            b.infrastructure_type: b
            for b in db.session.execute(
                select(Organisation).where(Organisation.infrastructure_type.is_not(None))
            ).scalars()
        }
        accreditations = {
            a.certificate_number: a for a in db.session.execute(select(Accreditation)).scalars()
        }
        for body_type, code, coverage, regions, lead_time, number in CATALOGUE:
            body = bodies.get(body_type)
            if body is None:
                continue
            accreditation = accreditations.get(number) if number else None
            db.session.add(
                ServiceOffer(
                    body_id=body.id,
                    kind=fields[code].kind,
                    field_id=fields[code].id,
                    coverage=coverage,
                    regions=regions,
                    lead_time_days=lead_time,
                    accreditation_id=accreditation.id if accreditation else None,
                )
            )
            created["catalogue entries"] += 1
    if db.session.execute(select(InfrastructureNeed.id)).first() is None:
        for index, code, description, quantity, region, steps in NEEDS:
            if index >= len(smes):
                continue
            db.session.add(
                InfrastructureNeed(
                    organisation_id=smes[index].id,
                    kind=fields[code].kind,
                    field_id=fields[code].id,
                    description=description,
                    quantity_per_year=quantity,
                    region=region or smes[index].region or "MA-06",
                    quarter=_quarter_after(today, steps),
                )
            )
            created["infrastructure needs"] += 1
    db.session.flush()
