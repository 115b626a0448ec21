"""Demo certification support: cases at every stage with diagnostics, certificates valid,
expiring, expired and suspended (with the reasons of its status history), and service
requests answered in time or overdue. Dates are relative to today so that "expiring" and
"overdue" stay true whenever the demo is loaded."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from portal import clock
from portal.demo.files import demo_pdf
from portal.extensions import db
from portal.models import (
    ActionItem,
    CaseKind,
    CasePhase,
    CaseStage,
    CaseTransition,
    Certificate,
    CertificateStatus,
    CertificateStatusChange,
    Diagnostic,
    DiagnosticAnswer,
    Ecosystem,
    InfrastructureType,
    ObjectiveMeasurement,
    Organisation,
    QualityExpert,
    QualityObjective,
    Rating,
    RequestAttachment,
    ServiceField,
    ServiceKind,
    ServiceRequest,
    ServiceRequestStatus,
    Standard,
    SteeringMeeting,
    SupportCase,
    User,
    add_months,
)
from portal.services.certification import (
    ORDER,
)
from portal.services.certification.diagnostics import clauses_of, published_outline
from portal.services.certification.outlines import draft_outline, prepare_draft
from portal.services.file_store import EVIDENCE, REQUEST_ATTACHMENTS, STEERING_MINUTES
from portal.services.service_requests import RESPONSE_DAYS

# (SME index, ecosystem slug, standard code, stage) — one case per stage and a closed one.
CASES = [
    (0, "automobile", "iatf_16949", CaseStage.REQUESTED),
    (1, "automobile", "iso_9001", CaseStage.ACCEPTED),
    (2, "automobile", "iso_9001", CaseStage.DIAGNOSTIC),
    (3, "automobile", "iatf_16949", CaseStage.ACTION_PLAN),
    (4, "automobile", "iso_9001", CaseStage.IMPLEMENTATION),
    (22, "chimie-parachimie", "iso_9001", CaseStage.INTERNAL_AUDIT),
    (23, "chimie-parachimie", "iso_14001", CaseStage.CERTIFICATION_AUDIT),
    (24, "chimie-parachimie", "iso_9001", CaseStage.CERTIFIED),
    (25, "chimie-parachimie", "iso_45001", CaseStage.CLOSED),
]
# The expert of the demo SME's case (and of the IATF case at the action-plan stage, where the
# federation lets her contribute): a demo account, so the expert's view can be tried.
DEMO_EXPERT = "h.chraibi@example.org"
DEMO_EXPERT_CASES = {0: False, 3: True}  # SME index -> the expert may contribute
EARLIER_CASE_CLOSING = "L'entreprise a poursuivi avec son propre consultant et a été certifiée"
RATINGS = [Rating.FULLY, Rating.LARGELY, Rating.PARTIAL, Rating.LARGELY, Rating.NOT_STARTED]

# The status history of the suspended certificate: (days ago, from, to, reason).
SUSPENSION_HISTORY = [
    (
        240,
        CertificateStatus.VALID,
        CertificateStatus.SUSPENDED,
        "Non-conformité majeure non levée dans les 90 jours suivant l'audit de surveillance",
    ),
    (
        200,
        CertificateStatus.SUSPENDED,
        CertificateStatus.VALID,
        "Actions correctives vérifiées lors de l'audit complémentaire du 12 du mois",
    ),
    (
        20,
        CertificateStatus.VALID,
        CertificateStatus.SUSPENDED,
        "Audit de surveillance de deuxième année non réalisé dans les délais",
    ),
]

# (SME index, certificate number, standard code, months since issue, status)
CERTIFICATES = [
    (0, "NC-9001-2025-0988", "iso_9001", 11, CertificateStatus.VALID),  # surveillance soon
    (5, "NC-9001-2025-0117", "iso_9001", 10, CertificateStatus.VALID),
    (6, "NC-16949-2023-0042", "iatf_16949", 34, CertificateStatus.VALID),  # expiring soon
    (26, "NC-14001-2022-0009", "iso_14001", 40, CertificateStatus.VALID),  # expired
    (27, "NC-9001-2024-0301", "iso_9001", 20, CertificateStatus.SUSPENDED),
]

# (SME index, body type, kind, subject, days ago, status)
REQUESTS = [
    (
        0,
        InfrastructureType.TESTING_LAB,
        ServiceKind.TESTING,
        "Essais de corrosion au brouillard salin sur connecteurs",
        12,
        ServiceRequestStatus.SUBMITTED,
    ),
    (
        1,
        InfrastructureType.TESTING_LAB,
        ServiceKind.TESTING,
        "Essais de traction sur pièces embouties",
        5,
        ServiceRequestStatus.SUBMITTED,
    ),
    (
        3,
        InfrastructureType.CALIBRATION_LAB,
        ServiceKind.CALIBRATION,
        "Étalonnage de 12 pieds à coulisse et 4 micromètres",
        22,
        ServiceRequestStatus.ACCEPTED,
    ),
    (
        23,
        InfrastructureType.TESTING_LAB,
        ServiceKind.TESTING,
        "Analyse de la teneur en COV d'une peinture",
        30,
        ServiceRequestStatus.ANSWERED,
    ),
    (
        24,
        InfrastructureType.STANDARDIZATION_BODY,
        ServiceKind.STANDARDIZATION,
        "Normes applicables à l'étiquetage des détergents",
        19,
        ServiceRequestStatus.SUBMITTED,
    ),
]


# The field of service of each request above (issue 15: the demand's cells).
REQUEST_FIELDS = [
    "testing_corrosion",
    "testing_mechanical",
    "calibration_dimensional",
    "testing_chemical",
    "standardization_information",
]


# The company whose case the demo consulting firm is assigned to, beside its expert: the ISO
# 9001 case under way (two diagnostics, an action plan being carried out). The federation has
# not let them contribute: the consultant reads the case until it does.
DEMO_FIRM_CASE = 4


def assign_demo_firm(smes: list[Organisation], firms: list[Organisation]) -> None:
    """Assign the demo consulting firm to its case, unless the case already has a firm."""
    if not firms:
        return
    case = db.session.execute(
        select(SupportCase)
        .where(SupportCase.organisation_id == smes[DEMO_FIRM_CASE].id)
        .order_by(SupportCase.id)
    ).scalar()
    if case is not None and case.consulting_firm_id is None:
        case.consulting_firm_id = firms[0].id


def seed_certification(smes: list[Organisation], created: Counter) -> None:
    """Create the demo cases, diagnostics, certificates and requests if missing."""
    today = clock.today()
    standards = {s.code: s for s in db.session.execute(select(Standard)).scalars()}
    bodies = {
        b.infrastructure_type: b
        for b in db.session.execute(
            select(Organisation).where(Organisation.infrastructure_type.is_not(None))
        ).scalars()
    }
    ecosystems = {e.slug: e for e in db.session.execute(select(Ecosystem)).scalars()}
    experts = list(db.session.execute(select(QualityExpert).order_by(QualityExpert.id)).scalars())
    demo_expert = next((e for e in experts if e.user.email == DEMO_EXPERT), None)
    certifier = bodies[InfrastructureType.CERTIFICATION_BODY]
    if db.session.execute(select(SupportCase.id)).first() is None:
        for index, (sme, slug, code, stage) in enumerate(CASES):
            chosen = experts[smes[sme].id % len(experts)] if experts else None
            if sme in DEMO_EXPERT_CASES and demo_expert is not None:
                chosen = demo_expert
            _case(
                smes[sme],
                ecosystems[slug],
                standards[code],
                stage,
                chosen,
                DEMO_EXPERT_CASES.get(sme, False),
                certifier,
                today - timedelta(days=400 - 30 * index),
                created,
            )
        # The demo SME's first journey: a diagnostic, then it went on with its own consultant
        # and was certified (its ISO 9001 certificate below); the case keeps that history.
        _case(
            smes[0],
            ecosystems["automobile"],
            standards["iso_9001"],
            CaseStage.CLOSED,
            None,
            False,
            certifier,
            today - timedelta(days=560),
            created,
            closing_reason=EARLIER_CASE_CLOSING,
        )
    if (
        db.session.execute(select(Certificate.id).where(Certificate.case_id.is_(None))).first()
        is None
    ):
        for sme, number, code, months, status in CERTIFICATES:
            certificate = Certificate(
                number=number,
                organisation_id=smes[sme].id,
                standard_id=standards[code].id,
                issuing_body_id=certifier.id,
                scope_fr="Conception et fabrication de composants",
                scope_ar="تصميم وتصنيع المكونات",
                issued_on=add_months(today, -months),
                status=status,
            )
            db.session.add(certificate)
            created["certificates"] += 1
            if status == CertificateStatus.SUSPENDED:
                db.session.flush()
                for days_ago, old, new, reason in SUSPENSION_HISTORY:
                    db.session.add(
                        CertificateStatusChange(
                            certificate_id=certificate.id,
                            from_status=old,
                            to_status=new,
                            changed_at=_midday(today - timedelta(days=days_ago)),
                            reason=reason,
                        )
                    )
    if (
        db.session.execute(
            select(Certificate.id).where(Certificate.recorded_by_organisation_id.is_not(None))
        ).first()
        is None
    ):
        _federation_certificates(
            smes[0], ecosystems["automobile"], standards, certifier, today, created
        )
    if db.session.execute(select(CasePhase.id)).first() is None:
        _plan_and_steering(today, created)
    if db.session.execute(select(QualityObjective.id)).first() is None:
        _quality_objectives(smes, today, created)
    if draft_outline(standards["iso_14001"]) is None:
        # An administrator is preparing version 2 of ISO 14001's outline (a draft).
        prepare_draft(standards["iso_14001"])
        created["outline drafts"] += 1
    if db.session.execute(select(ServiceRequest.id)).first() is None:
        fields = {
            f.code: f.id
            for f in db.session.execute(
                select(ServiceField).where(ServiceField.code.in_(REQUEST_FIELDS))
            ).scalars()
        }
        for index, (sme, body_type, kind, subject, days_ago, status) in enumerate(REQUESTS):
            submitted = today - timedelta(days=days_ago)
            answered = status == ServiceRequestStatus.ANSWERED
            request = ServiceRequest(
                organisation_id=smes[sme].id,
                body_id=bodies[body_type].id,
                kind=kind,
                field_id=fields.get(REQUEST_FIELDS[index]),
                region=smes[sme].region,
                subject=subject,
                description=subject,
                status=status,
                submitted_on=submitted,
                respond_by=submitted + timedelta(days=RESPONSE_DAYS),
                answer="Rapport d'essai n° 2026-118 joint." if answered else "",
                answered_on=submitted + timedelta(days=9) if answered else None,
            )
            db.session.add(request)
            created["service requests"] += 1
            if index == 0:
                db.session.flush()
                _attach(request, "cahier-des-charges.pdf", ["Cahier des charges", subject[:80]])
    db.session.flush()


def _case(
    sme,
    ecosystem,
    standard,
    stage,
    expert,
    contributes,
    certifier,
    opened,
    created,
    closing_reason="L'entreprise reporte son projet",
) -> None:
    case = SupportCase(
        organisation_id=sme.id,
        ecosystem_id=ecosystem.id,
        standard_id=standard.id,
        kind=CaseKind.INITIAL,
        stage=CaseStage.REQUESTED,
        motivation="Exigence de nos donneurs d'ordre",
        expert_id=expert.id if expert else None,
        expert_may_contribute=contributes,
        funding_programme="Programme Imtiaz-Qualité" if stage != CaseStage.REQUESTED else "",
        cofinancing_rate=60 if stage != CaseStage.REQUESTED else None,
    )
    db.session.add(case)
    db.session.flush()
    path = ORDER[: ORDER.index(stage) + 1] if stage != CaseStage.CLOSED else ORDER[:3]
    previous = None
    for step, reached in enumerate(path):
        db.session.add(
            CaseTransition(
                case_id=case.id,
                from_stage=previous,
                to_stage=reached,
                at=_midday(opened + timedelta(days=20 * step)),
                comment="",
            )
        )
        previous = reached
    if stage == CaseStage.CLOSED:
        db.session.add(
            CaseTransition(
                case_id=case.id,
                from_stage=previous,
                to_stage=CaseStage.CLOSED,
                at=_midday(opened + timedelta(days=70)),
                comment=closing_reason,
            )
        )
        case.closing_reason = closing_reason
    case.stage = stage
    created["support cases"] += 1
    if ORDER.index(stage if stage != CaseStage.CLOSED else CaseStage.DIAGNOSTIC) >= 2:
        _diagnostics(
            case,
            standard,
            2 if stage in (CaseStage.IMPLEMENTATION, CaseStage.CERTIFIED) else 1,
            opened,
        )
    if stage in (CaseStage.ACTION_PLAN, CaseStage.IMPLEMENTATION):
        db.session.add_all(
            [
                ActionItem(
                    case_id=case.id,
                    title="Formaliser la revue de direction",
                    owner="DG",
                    due_date=clock.today() - timedelta(days=10),
                ),
                ActionItem(
                    case_id=case.id,
                    title="Mettre à jour la cartographie des processus",
                    owner="Responsable qualité",
                    due_date=clock.today() + timedelta(days=45),
                ),
            ]
        )
    if stage == CaseStage.CERTIFIED:
        db.session.add(
            Certificate(
                number="NC-9001-2026-0502",
                organisation_id=sme.id,
                standard_id=standard.id,
                issuing_body_id=certifier.id,
                case_id=case.id,
                scope_fr="Formulation et conditionnement de détergents",
                scope_ar="تركيب وتعبئة المنظفات",
                issued_on=clock.today() - timedelta(days=60),
            )
        )
        created["certificates"] += 1


# Certificates AMICA recorded for the demo company: one its body confirmed, one it has not
# confirmed yet, one it rejected (number, standard, months since issue, status, the body's
# words).
FEDERATION_CERTIFICATES = (
    (
        "NC-16949-2026-0207",
        "iatf_16949",
        5,
        CertificateStatus.VALID,
        "Certificat délivré par notre organisme le jour indiqué.",
    ),
    ("NC-14001-2026-0611", "iso_14001", 2, CertificateStatus.AWAITING_CONFIRMATION, ""),
    (
        "NC-45001-2026-0097",
        "iso_45001",
        3,
        CertificateStatus.REJECTED,
        "Ce numéro ne correspond à aucun certificat délivré par notre organisme.",
    ),
)


def _federation_certificates(sme, ecosystem, standards, certifier, today, created) -> None:
    """Certificates the ecosystem's federation recorded for a member, named as issued by the
    demo body: confirmed by it, awaiting its confirmation, and rejected with its reason."""
    body_user = db.session.execute(
        select(User).where(User.organisation_id == certifier.id).order_by(User.id).limit(1)
    ).scalar()
    for number, code, months, status, reason in FEDERATION_CERTIFICATES:
        certificate = Certificate(
            number=number,
            organisation_id=sme.id,
            standard_id=standards[code].id,
            issuing_body_id=certifier.id,
            recorded_by_organisation_id=ecosystem.lead_federation_id,
            scope_fr="Fabrication de composants automobiles",
            scope_ar="صناعة مكونات السيارات",
            issued_on=add_months(today, -months),
            status=status,
        )
        db.session.add(certificate)
        db.session.flush()
        if status != CertificateStatus.AWAITING_CONFIRMATION:
            db.session.add(
                CertificateStatusChange(
                    certificate_id=certificate.id,
                    from_status=CertificateStatus.AWAITING_CONFIRMATION,
                    to_status=status,
                    actor_id=body_user.id if body_user is not None else None,
                    changed_at=_midday(today - timedelta(days=5)),
                    reason=reason,
                )
            )
        created["certificates"] += 1


# The demo plan of the case under way: twelve months in three phases, one done, one late.
PHASES = (
    ("Diagnostic et plan d'action", "التشخيص وخطة العمل", 0, 2, True),
    ("Documentation du système", "توثيق النظام", 2, 7, False),
    ("Audit interne et revue de direction", "التدقيق الداخلي ومراجعة الإدارة", 9, 11, False),
)


def _plan_and_steering(today, created: Counter) -> None:
    """The case under way (implementation) gets its twelve-month plan, its phases and a
    first steering committee with its minutes."""
    case = db.session.execute(
        select(SupportCase)
        .where(SupportCase.stage == CaseStage.IMPLEMENTATION)
        .order_by(SupportCase.id)
        .limit(1)
    ).scalar()
    if case is None:
        return
    start = add_months(today, -8)
    case.planned_start, case.planned_months = start, 12
    for name_fr, name_ar, first, last, done in PHASES:
        ends_on = add_months(start, last)
        db.session.add(
            CasePhase(
                case_id=case.id,
                name_fr=name_fr,
                name_ar=name_ar,
                starts_on=add_months(start, first),
                ends_on=ends_on,
                completed_on=ends_on - timedelta(days=3) if done else None,
            )
        )
        created["case phases"] += 1
    held_on = add_months(start, 3)
    minutes = demo_pdf(
        ["Comité de pilotage n° 1", f"Réunion du {held_on:%d/%m/%Y}", "Politique qualité validée"]
    )
    db.session.add(
        SteeringMeeting(
            case_id=case.id,
            held_on=held_on,
            attendees="Direction générale, responsable qualité, consultant, AMICA",
            decisions="Politique qualité validée ; audit interne programmé au onzième mois.",
            minutes_name="comite-pilotage-1.pdf",
            minutes_stored=STEERING_MINUTES.save(minutes),
        )
    )
    created["steering meetings"] += 1


# The demo objectives of each company with a support case: title, unit, baseline, target,
# owner, and the values measured each quarter since the baseline.
OBJECTIVES = (
    (
        "Livraisons à l'heure",
        "التسليم في الوقت المحدد",
        "% des livraisons",
        "% من التسليمات",
        82,
        97,
        "Responsable logistique",
        (85, 88, 91),
    ),
    (
        "Réclamations clients",
        "شكايات الزبناء",
        "par mois",
        "في الشهر",
        14,
        4,
        "Responsable qualité",
        (13, 12, 11),
    ),
)


def _quality_objectives(smes: list[Organisation], today, created: Counter) -> None:
    """Two measurable objectives for each demo company with a support case (not the
    companies ``flask demo generate`` adds), each measured every quarter since its baseline
    (one a year ago, due in a year)."""
    companies = db.session.execute(
        select(SupportCase.organisation_id)
        .where(SupportCase.organisation_id.in_([sme.id for sme in smes]))
        .distinct()
        .order_by(SupportCase.organisation_id)
    ).scalars()
    baseline_date = add_months(today, -12)
    for organisation_id in companies:
        for objective in OBJECTIVES:
            add_objective(organisation_id, objective, baseline_date, add_months(today, 12))
            created["quality objectives"] += 1


def add_objective(organisation_id: int, objective: tuple, baseline_date, target_date) -> None:
    """An objective (title, unit, baseline, target, owner and its values, as in
    ``OBJECTIVES``) measured every quarter since its baseline date."""
    title_fr, title_ar, unit_fr, unit_ar, baseline, target, owner, values = objective
    row = QualityObjective(
        organisation_id=organisation_id,
        title_fr=title_fr,
        title_ar=title_ar,
        unit_fr=unit_fr,
        unit_ar=unit_ar,
        baseline=baseline,
        baseline_date=baseline_date,
        target=target,
        target_date=target_date,
        owner=owner,
    )
    db.session.add(row)
    db.session.flush()
    for quarter, value in enumerate(values, start=1):
        db.session.add(
            ObjectiveMeasurement(
                objective_id=row.id,
                measured_on=add_months(baseline_date, 3 * quarter),
                value=value,
            )
        )


def _diagnostics(case, standard, count, opened) -> None:
    outline = published_outline(standard.id)
    clauses = clauses_of(outline.id if outline is not None else None)
    rated = [c for c in clauses if not c.is_group]
    for number in range(1, count + 1):
        diagnostic = Diagnostic(
            case_id=case.id,
            number=number,
            outline_id=outline.id,
            completed_on=opened + timedelta(days=45 * number),
        )
        db.session.add(diagnostic)
        db.session.flush()
        for position, clause in enumerate(rated):
            rating = (
                RATINGS[(position + 3 - number) % len(RATINGS)]
                if number == 1
                else (RATINGS[(position + 1) % 3])
            )
            answer = DiagnosticAnswer(
                diagnostic_id=diagnostic.id,
                clause_id=clause.id,
                rating=rating,
                evidence_note="",
            )
            if number == 1 and position == 0:
                # The first diagnostic keeps a piece of evidence for its first clause.
                answer.evidence_note = "Extrait du manuel qualité"
                answer.evidence_file = EVIDENCE.save(
                    demo_pdf(["Manuel qualité (extrait)", f"Exigence {clause.number}"])
                )
                answer.evidence_filename = "manuel-qualite-extrait.pdf"
            db.session.add(answer)


def _attach(request: ServiceRequest, filename: str, lines: list[str]) -> None:
    """A PDF attached to a demo request, stored where the request attachments are."""
    data = demo_pdf(lines)
    stored_name = REQUEST_ATTACHMENTS.save(data)
    db.session.add(
        RequestAttachment(
            request_id=request.id,
            original_filename=filename,
            stored_name=stored_name,
            size_bytes=len(data),
        )
    )


def _midday(day):
    from datetime import UTC, datetime

    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
