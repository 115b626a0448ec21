"""National-scale data of who offers what (issue 15), written by ``flask demo generate`` after
the other tables: each generated body's service catalogue (two to five entries in the kinds
of its type, its region and a few others), the accreditations of 40 % of them (covering most
of their entries, some expired), and the infrastructure needs of the active member companies
(100,000 at scale 1, mostly in their own region). Bulk inserts, like the rest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from portal.demo import generate_words as words
from portal.models import InfrastructureType, Organisation, OrganisationKind, ServiceField

NEEDS_AT_SCALE_ONE = 100_000
ACCREDITED_SHARE = 0.4

# The kinds of service each type of body offers, and the standard it is accredited against.
KINDS_OF_TYPE = {
    InfrastructureType.TESTING_LAB.value: (("testing", "testing", "calibration"), "iso_iec_17025"),
    InfrastructureType.CALIBRATION_LAB.value: (("calibration", "metrology"), "iso_iec_17025"),
    InfrastructureType.INSPECTION_BODY.value: (("inspection",), "iso_iec_17020"),
    InfrastructureType.CERTIFICATION_BODY.value: (("certification",), "iso_iec_17021_1"),
    InfrastructureType.STANDARDIZATION_BODY.value: (("standards_information",), None),
    InfrastructureType.ACCREDITATION_BODY.value: (("accreditation",), None),
}
# How often companies need each kind of service.
NEED_KINDS = {
    "calibration": 30,
    "testing": 30,
    "certification": 15,
    "inspection": 10,
    "metrology": 8,
    "standards_information": 4,
    "research_development": 3,
}
NEED_WORDS = {
    "calibration": ("Étalonnage d'instruments de mesure", "معايرة أدوات القياس"),
    "testing": ("Essais sur produits et matériaux", "اختبارات على المنتجات والمواد"),
    "certification": ("Audit de certification", "تدقيق الإشهاد"),
    "inspection": ("Inspection périodique des équipements", "التفتيش الدوري للمعدات"),
    "metrology": ("Vérification d'instruments réglementés", "التحقق من الأدوات الخاضعة للتنظيم"),
    "standards_information": ("Veille et achat de normes", "اليقظة وشراء المواصفات"),
    "research_development": ("Projet de développement de produit", "مشروع تطوير منتج"),
}
REGIONS = tuple(f"MA-{n:02d}" for n in range(1, 13))
AUDITED = ("created_at", "updated_at", "deleted_at", "version")
ACCREDITATION_COLUMNS = (
    "id",
    "organisation_id",
    "standard",
    "certificate_number",
    "scope_fr",
    "scope_ar",
    "valid_from",
    "valid_until",
    "accrediting_body_id",
    "accrediting_body_name",
)
OFFER_COLUMNS = (
    "id",
    "body_id",
    "kind",
    "field_id",
    "coverage",
    "regions",
    "lead_time_days",
    "accreditation_id",
)
NEED_COLUMNS = (
    "id",
    "organisation_id",
    "kind",
    "field_id",
    "description",
    "quantity_per_year",
    "region",
    "quarter",
)
# Quarters the needs are wanted by: from two quarters ago to five ahead.
QUARTERS_BACK, QUARTERS_AHEAD = 2, 5


def _ts(moment: Any) -> str:
    """A naive-UTC timestamp as the generator writes them (whole seconds)."""
    return f"{moment.isoformat(' ', 'seconds')[:19]}.000000"


def _quarters(today: Any) -> list[str]:
    current = today.year * 4 + (today.month - 1) // 3
    return [
        f"{q // 4}-Q{q % 4 + 1}"
        for q in range(current - QUARTERS_BACK, current + QUARTERS_AHEAD + 1)
    ]


def write(ctx: Any, marker_domain: str) -> None:
    """The catalogues, accreditations and needs (after every other table); the generated
    bodies are those whose address is at ``marker_domain``."""
    rng = ctx.rng
    connection = ctx.writer.connection
    fields: dict[str, list[int]] = {}
    for field_id, kind in connection.execute(
        select(ServiceField.id, ServiceField.kind).order_by(ServiceField.id)
    ):
        fields.setdefault(getattr(kind, "value", kind), []).append(field_id)
    bodies = list(
        connection.execute(
            select(Organisation.id, Organisation.infrastructure_type, Organisation.region)
            .where(
                Organisation.kind == OrganisationKind.INFRASTRUCTURE,
                Organisation.email.like(f"%@%.{marker_domain}"),
            )
            .order_by(Organisation.id)
        )
    )
    accreditor = connection.execute(
        select(Organisation.id)
        .where(Organisation.infrastructure_type == InfrastructureType.ACCREDITATION_BODY)
        .order_by(Organisation.id)
        .limit(1)
    ).scalar()
    first_accreditation = ctx.writer.next_id("accreditations")
    first_offer = ctx.writer.next_id("service_offers")
    accreditations: list[tuple] = []
    offers: list[tuple] = []
    stamp = _ts(ctx.moment_on(ctx.today - timedelta(days=400)))
    for body_id, body_type, region in bodies:
        kinds, standard = KINDS_OF_TYPE[getattr(body_type, "value", body_type)]
        accreditation_id = None
        if standard and rng.random() < ACCREDITED_SHARE:
            accreditation_id = first_accreditation + len(accreditations)
            valid_from = ctx.today - timedelta(days=int(rng.random() * 5 * 365))
            accreditations.append(
                (
                    accreditation_id,
                    body_id,
                    standard,
                    f"SEMAC-{accreditation_id:05d}",
                    "Portée selon l'annexe technique",
                    "النطاق حسب الملحق التقني",
                    str(valid_from),  # ISO dates, as the other generated rows
                    str(valid_from + timedelta(days=5 * 365)),
                    accreditor,
                    "",
                    stamp,
                    stamp,
                    None,
                    1,
                )
            )
        served = {region or "MA-06"} | set(rng.sample(REGIONS, int(rng.random() * 4)))
        regions = " ".join(code for code in REGIONS if code in served)
        chosen: set[int] = set()
        for _ in range(2 + int(rng.random() * 4)):
            kind = rng.choice(kinds)
            field_id = rng.choice(fields[kind])
            if field_id in chosen:
                continue
            chosen.add(field_id)
            covered = accreditation_id if accreditation_id and rng.random() < 0.75 else None
            offers.append(
                (
                    first_offer + len(offers),
                    body_id,
                    kind,
                    field_id,
                    "",
                    regions,
                    5 + int(rng.random() * 40),
                    covered,
                    stamp,
                    stamp,
                    None,
                    1,
                )
            )
    ctx.writer.insert(
        "accreditations",
        (
            *[
                "id",
                "organisation_id",
                "standard",
                "certificate_number",
                "scope_fr",
                "scope_ar",
                "valid_from",
                "valid_until",
                "accrediting_body_id",
                "accrediting_body_name",
            ],
            *AUDITED,
        ),
        accreditations,
    )
    ctx.writer.insert(
        "service_offers",
        (
            *[
                "id",
                "body_id",
                "kind",
                "field_id",
                "coverage",
                "regions",
                "lead_time_days",
                "accreditation_id",
            ],
            *AUDITED,
        ),
        offers,
    )
    _needs(ctx, fields)


def _needs(ctx: Any, fields: dict[str, list[int]]) -> None:
    rng = ctx.rng
    companies = [member for members in ctx.active_smes.values() for member in members]
    if not companies:
        return
    kinds, kind_weights = list(NEED_KINDS), list(NEED_KINDS.values())
    regions, region_weights = list(words.REGION_WEIGHTS), list(words.REGION_WEIGHTS.values())
    quarters = _quarters(ctx.today)
    first = ctx.writer.next_id("infrastructure_needs")
    count = max(1, round(NEEDS_AT_SCALE_ONE * ctx.scale))

    def rows() -> Iterator[tuple]:
        for index in range(count):
            oid, home = companies[int(rng.random() * len(companies))]
            chosen = rng.choices(kinds, kind_weights)[0]
            quarter = quarters[int(rng.random() * len(quarters))]
            created = ctx.moment_on(
                min(ctx.today, date(int(quarter[:4]), 3 * int(quarter[-1]) - 2, 1))
                - timedelta(days=10 + int(rng.random() * 150))
            )
            stamp = _ts(created)
            yield (
                first + index,
                oid,
                chosen,
                fields[chosen][int(rng.random() * len(fields[chosen]))],
                NEED_WORDS[chosen][0],
                min(500, 1 + int(rng.expovariate(1 / 20))),
                home if home and rng.random() < 0.85 else rng.choices(regions, region_weights)[0],
                quarter,
                stamp,
                stamp,
                stamp if rng.random() < 0.03 else None,
                1,
            )

    ctx.writer.insert(
        "infrastructure_needs",
        (
            *[
                "id",
                "organisation_id",
                "kind",
                "field_id",
                "description",
                "quantity_per_year",
                "region",
                "quarter",
            ],
            *AUDITED,
        ),
        rows(),
    )
