"""The demo's whole journey of a public body (issue 14, item 7), as the source documents tell
it: the urban agency of Tangier decided to certify its quality system to ISO 9001, hired a
consulting firm for twelve months under a steering committee, ran a diagnostic, wrote its
quality policy and objectives, acted, audited itself, held its management review, was
certified, and had its first surveillance audit a year later.

Everything is dated back from today, so the story reads the same whenever the demo is seeded:
the plan started 26 months ago, the certificate was issued 13 months ago and the first
surveillance audit was held a month ago."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from portal import clock
from portal.demo.files import demo_pdf
from portal.demo.seed_certification import _diagnostics, _midday, add_objective
from portal.extensions import db
from portal.models import (
    ActionItem,
    ActionStatus,
    AuditKind,
    AuditResult,
    CaseKind,
    CasePhase,
    CaseStage,
    CaseTransition,
    Certificate,
    CertificateAudit,
    InfrastructureType,
    ManagementReview,
    Membership,
    Nonconformity,
    Organisation,
    OrganisationKind,
    QualityAudit,
    QualityPolicy,
    Standard,
    SteeringMeeting,
    SupportCase,
    add_months,
)
from portal.services.file_store import STEERING_MINUTES

CERTIFICATE_NUMBER = "NC-9001-2025-0318"
PLAN_MONTHS = 12
STARTED_MONTHS_AGO = 26

# The stages the case went through, with the month of the plan each was reached in.
STAGES = (
    (CaseStage.REQUESTED, -1),
    (CaseStage.ACCEPTED, 0),
    (CaseStage.DIAGNOSTIC, 0),
    (CaseStage.ACTION_PLAN, 2),
    (CaseStage.IMPLEMENTATION, 3),
    (CaseStage.INTERNAL_AUDIT, 10),
    (CaseStage.CERTIFICATION_AUDIT, 11),
    (CaseStage.CERTIFIED, 13),
)

# (French, Arabic, first month, last month) — every phase was completed on time.
PHASES = (
    ("Cadrage et diagnostic", "التأطير والتشخيص", 0, 2),
    (
        "Politique, objectifs et cartographie des processus",
        "السياسة والأهداف وخريطة العمليات",
        2,
        5,
    ),
    ("Mise en œuvre et documentation", "التنفيذ والتوثيق", 5, 10),
    ("Audit interne et revue de direction", "التدقيق الداخلي ومراجعة الإدارة", 10, 12),
)

# (month, attendees, decisions, the minutes' lines)
STEERING = (
    (
        1,
        "Directeur de l'agence, responsable qualité, chefs de division, Qualitas Conseil, AMICA",
        "Périmètre retenu : instruction des demandes d'autorisation de construire et de lotir. "
        "Comité de pilotage tous les trois mois.",
        ["Comité de pilotage n° 1", "Lancement du projet de certification ISO 9001"],
    ),
    (
        4,
        "Directeur de l'agence, responsable qualité, pilotes de processus, Qualitas Conseil",
        "Politique qualité approuvée ; quatre objectifs mesurables retenus.",
        ["Comité de pilotage n° 2", "Politique et objectifs qualité"],
    ),
    (
        8,
        "Directeur de l'agence, responsable qualité, pilotes de processus, Qualitas Conseil",
        "Plan d'action réalisé à 80 % ; audit interne programmé au dixième mois.",
        ["Comité de pilotage n° 3", "Avancement du plan d'action"],
    ),
    (
        11,
        "Directeur de l'agence, responsable qualité, Qualitas Conseil, AMICA",
        "Non-conformité majeure de l'audit interne levée ; audit de certification confirmé.",
        ["Comité de pilotage n° 4", "Préparation de l'audit de certification"],
    ),
)

POLICY_FR = (
    "L'Agence urbaine de Tanger s'engage à instruire les demandes des usagers dans les délais "
    "annoncés, à les informer à chaque étape et à améliorer continuellement ses services, "
    "dans le respect des exigences légales et réglementaires."
)
POLICY_AR = (
    "تلتزم الوكالة الحضرية لطنجة بدراسة طلبات المرتفقين داخل الآجال المعلنة، وبإخبارهم في كل "
    "مرحلة، وبالتحسين المستمر لخدماتها، مع احترام المتطلبات القانونية والتنظيمية."
)

# (French, Arabic, unit fr, unit ar, baseline, target, owner, a value each quarter)
OBJECTIVES = (
    (
        "Délai moyen d'instruction d'une demande d'autorisation de construire",
        "متوسط أجل دراسة طلب رخصة البناء",
        "jours",
        "يوما",
        45,
        20,
        "Chef de la division de la gestion urbaine",
        (41, 36, 30, 26, 22, 21),
    ),
    (
        "Usagers satisfaits de l'accueil et de l'information",
        "المرتفقون الراضون عن الاستقبال والإخبار",
        "% des usagers interrogés",
        "% من المرتفقين المستجوبين",
        62,
        85,
        "Responsable de l'accueil",
        (66, 71, 75, 79, 83, 86),
    ),
)

ACTIONS = (
    ("Cartographier les processus d'instruction", "Responsable qualité"),
    ("Rédiger les procédures d'accueil et d'information des usagers", "Responsable de l'accueil"),
    ("Mettre en place le tableau de bord des délais d'instruction", "Chef de division"),
    ("Former six auditeurs internes", "Qualitas Conseil"),
)


def seed_agency_journey(created: Counter) -> None:
    """The urban agency's certified case with its consulting firm, unless it already has one
    (or the demo has no public body, consulting firm or certification body)."""
    agency = _first(Organisation.kind == OrganisationKind.PUBLIC_BODY)
    firm = _first(Organisation.kind == OrganisationKind.CONSULTING_FIRM)
    certifier = _first(Organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY)
    membership = (
        db.session.execute(
            select(Membership).where(Membership.organisation_id == agency.id).limit(1)
        ).scalar()
        if agency is not None
        else None
    )
    standard = db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar()
    if None in (agency, firm, certifier, membership, standard):
        return
    ecosystem_id = membership.ecosystem_id
    if db.session.execute(
        select(SupportCase.id).where(SupportCase.organisation_id == agency.id)
    ).first():
        return
    today = clock.today()
    start = add_months(today, -STARTED_MONTHS_AGO)

    def month(number: int) -> date:
        return add_months(start, number)

    case = SupportCase(
        organisation_id=agency.id,
        ecosystem_id=ecosystem_id,
        standard_id=standard.id,
        kind=CaseKind.INITIAL,
        stage=CaseStage.CERTIFIED,
        motivation="Engagement de la direction envers les usagers : des délais tenus et annoncés",
        consulting_firm_id=firm.id,
        expert_may_contribute=True,
        funding_programme="Programme Imtiaz-Qualité",
        cofinancing_rate=50,
        planned_start=start,
        planned_months=PLAN_MONTHS,
    )
    db.session.add(case)
    db.session.flush()
    created["support cases"] += 1
    previous = None
    for stage, at in STAGES:
        db.session.add(
            CaseTransition(
                case_id=case.id, from_stage=previous, to_stage=stage, at=_midday(month(at))
            )
        )
        previous = stage
    for name_fr, name_ar, first, last in PHASES:
        db.session.add(
            CasePhase(
                case_id=case.id,
                name_fr=name_fr,
                name_ar=name_ar,
                starts_on=month(first),
                ends_on=month(last),
                completed_on=month(last) - timedelta(days=4),
            )
        )
        created["case phases"] += 1
    for meeting, (number, attendees, decisions, lines) in enumerate(STEERING, start=1):
        db.session.add(
            SteeringMeeting(
                case_id=case.id,
                held_on=month(number),
                attendees=attendees,
                decisions=decisions,
                minutes_name=f"comite-pilotage-{meeting}.pdf",
                minutes_stored=STEERING_MINUTES.save(demo_pdf([*lines, decisions[:90]])),
            )
        )
        created["steering meetings"] += 1
    _diagnostics(case, standard, 1, month(0))
    _quality_system(agency, month, created)
    for title, owner in ACTIONS:
        db.session.add(
            ActionItem(
                case_id=case.id,
                title=title,
                owner=owner,
                due_date=month(8),
                status=ActionStatus.DONE,
            )
        )
    internal = QualityAudit(
        case_id=case.id,
        kind=AuditKind.INTERNAL,
        held_on=month(10),
        result=AuditResult.CONFORM_WITH_FINDINGS,
        summary="Audit interne de tous les processus par les auditeurs formés.",
    )
    certification = QualityAudit(
        case_id=case.id,
        kind=AuditKind.STAGE_2,
        held_on=add_months(today, -13) - timedelta(days=20),
        auditing_body_id=certifier.id,
        result=AuditResult.CONFORM,
        summary="Système conforme ; deux pistes d'amélioration.",
    )
    db.session.add_all([internal, certification])
    db.session.flush()
    db.session.add(
        Nonconformity(
            audit_id=internal.id,
            major=True,
            description="Les délais d'instruction ne sont pas suivis pour les demandes de lotir.",
            corrective_action="Tableau de bord étendu aux demandes de lotir.",
            closed_on=month(11) - timedelta(days=10),
        )
    )
    certificate = Certificate(
        number=CERTIFICATE_NUMBER,
        organisation_id=agency.id,
        standard_id=standard.id,
        issuing_body_id=certifier.id,
        case_id=case.id,
        scope_fr="Instruction des demandes d'autorisation de construire et de lotir",
        scope_ar="دراسة طلبات رخص البناء والتجزيء",
        issued_on=add_months(today, -13),
    )
    db.session.add(certificate)
    db.session.flush()
    created["certificates"] += 1
    db.session.add(
        CertificateAudit(
            certificate_id=certificate.id,
            kind=AuditKind.SURVEILLANCE,
            held_on=add_months(today, -1),
            result=AuditResult.CONFORM_WITH_FINDINGS,
            major_findings=0,
            minor_findings=2,
            findings="Deux écarts mineurs sur la maîtrise des informations documentées.",
        )
    )


def _first(condition) -> Organisation | None:
    return db.session.execute(
        select(Organisation).where(condition).order_by(Organisation.id).limit(1)
    ).scalar()


def _quality_system(agency, month, created: Counter) -> None:
    """The agency's quality policy, its objectives measured each quarter, and its management
    review before the certification audit."""
    db.session.add(
        QualityPolicy(
            organisation_id=agency.id,
            version=1,
            text_fr=POLICY_FR,
            text_ar=POLICY_AR,
            approved_by="Directeur de l'Agence urbaine de Tanger",
            approved_on=month(4),
        )
    )
    for objective in OBJECTIVES:
        add_objective(agency.id, objective, month(4), month(28))
        created["quality objectives"] += 1
    db.session.add(
        ManagementReview(
            organisation_id=agency.id,
            held_on=month(11) - timedelta(days=5),
            inputs="a,b,c,d,e,f",
            decisions=(
                "Objectifs maintenus ; un agent d'accueil de plus ; enquête de satisfaction "
                "des usagers chaque semestre."
            ),
        )
    )
