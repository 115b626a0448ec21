"""The machinery of the access rows every domain keeps in ``tests/<domain>/test_access.py``.

Each domain writes its rows as a dict ``ROWS = {(endpoint, method): Case(path, expect, data)}``
with literal statuses per audience (never derived from the policy they test), and checks them
with the ``access`` fixture::

    @pytest.mark.parametrize("audience", AUDIENCES)
    @pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
    def test_access(access, route, audience):
        access.check(ROWS, route, audience)

The world is built once per test module (a user of every audience and, for each, objects of
its own and of others: see ``World``) inside a transaction that is rolled back at the end of
the module; each test runs inside a SAVEPOINT rolled back at its end, and each request inside
one rolled back after it, so it sees the world as built whatever the requests before it did.
``all_rows()`` gathers every domain's rows for the checks that every route is listed
(tests/test_routes.py) and for the probes that walk every route (integer bounds).

Registered as a pytest plugin by tests/conftest.py (``pytest_plugins``).
"""

from __future__ import annotations

import importlib
import io
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, select

from portal.extensions import db as _db
from portal.extensions import limiter
from portal.models import (
    Accreditation,
    AccreditationStandard,
    CaseStage,
    DocumentKind,
    LoginSession,
    MembershipStatus,
    OrganisationKind,
    Rating,
    Role,
    SessionStatus,
    User,
)
from tests.factories import (
    CertificateFactory,
    CommitmentFactory,
    ComplaintFactory,
    ConventionFactory,
    ConventionPartyFactory,
    DiagnosticFactory,
    EcosystemFactory,
    EnrolmentFactory,
    IndicatorFactory,
    InfrastructureNeedFactory,
    MembershipFactory,
    MilestoneFactory,
    NonconformityFactory,
    OrganisationFactory,
    QualityAuditFactory,
    ServiceRequestFactory,
    SupportCaseFactory,
    TrainingNeedFactory,
    TrainingOfferFactory,
    TrainingSessionFactory,
    certification_body,
    make_user,
    offer_service,
    standard,
    testing_lab,
    training_topic,
)

ANONYMOUS = "anonymous"
AUDIENCES = [ANONYMOUS, *(role.value for role in Role)]
SIGNED_IN = [role.value for role in Role]
TESTS = Path(__file__).resolve().parent
PDF = b"%PDF-1.4\n%%EOF\n"


def everyone(status: int) -> dict[str, int]:
    """The same status for every audience, anonymous included."""
    return dict.fromkeys(AUDIENCES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    """``status`` for every signed-in role; anonymous visitors get ``anonymous`` (the login
    page by default)."""
    return {ANONYMOUS: anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(roles: list[Role], status: int = 200, others: int = 403) -> dict[str, int]:
    """``status`` for the roles listed, ``others`` for the other roles, the login page for
    anonymous visitors."""
    expected = signed_in(others)
    expected.update({role.value: status for role in roles})
    return expected


@dataclass
class World:
    """Objects the paths of a case may point at: "own" ones belong to (or are led by) the
    signed-in user's organisation where its role allows, "other" ones never do. The fields of
    a part of the world (``PARTS``) are None when that part was not built."""

    own_organisation_id: int | None
    other_organisation_id: int
    own_ecosystem: str
    other_ecosystem: str
    own_membership_id: int
    userless_member_id: int
    public_member_id: int
    own_accreditation_id: int
    colleague_id: int
    own_convention_id: int | None = None
    own_party_id: int | None = None
    own_commitment_id: int | None = None
    own_milestone_id: int | None = None
    own_document_id: int | None = None
    other_convention_id: int | None = None
    other_indicator_id: int | None = None
    other_measurement_id: int | None = None
    own_plan_case_id: int | None = None
    own_diagnostic_number: int | None = None
    own_draft_number: int | None = None
    own_evidence_id: int | None = None
    own_action_item_id: int | None = None
    own_objective_id: int | None = None
    own_request_id: int | None = None
    own_quoted_request_id: int | None = None
    own_in_progress_request_id: int | None = None
    own_delivered_request_id: int | None = None
    other_request_id: int | None = None
    other_request_attachment_id: int | None = None
    catalogue_body_id: int | None = None
    own_catalogue_entry_id: int | None = None
    other_catalogue_entry_id: int | None = None
    own_infrastructure_need_id: int | None = None
    other_infrastructure_need_id: int | None = None
    own_case_id: int | None = None
    own_audit_id: int | None = None
    own_nonconformity_id: int | None = None
    own_certificate_id: int | None = None
    training_topic_id: int | None = None
    own_need_id: int | None = None
    other_need_id: int | None = None
    own_offer_id: int | None = None
    own_session_id: int | None = None
    own_enrolment_id: int | None = None
    held_session_id: int | None = None
    training_ecosystem_id: int | None = None
    own_complaint_id: int | None = None
    own_answered_complaint_id: int | None = None
    other_complaint_id: int | None = None
    other_complaint_attachment_id: int | None = None
    own_survey_id: int | None = None
    own_question_id: int | None = None
    other_survey_id: int | None = None
    own_invitation_id: int | None = None
    other_invitation_id: int | None = None
    standard_id: int | None = None
    draft_clause_id: int | None = None
    draft_question_id: int | None = None


# The parts of a world beyond its organisations, ecosystems and memberships, and the fields
# each part fills: a module builds only the parts its rows' paths read (``parts_read``).
PARTS: dict[str, tuple[str, ...]] = {
    "conventions": (
        "own_convention_id",
        "own_party_id",
        "own_commitment_id",
        "own_milestone_id",
        "own_document_id",
        "other_convention_id",
        "other_indicator_id",
        "other_measurement_id",
    ),
    "diagnostics": (
        "own_plan_case_id",
        "own_diagnostic_number",
        "own_draft_number",
        "own_evidence_id",
        "own_action_item_id",
        "own_objective_id",
    ),
    "service_requests": (
        "own_request_id",
        "own_quoted_request_id",
        "own_in_progress_request_id",
        "own_delivered_request_id",
        "other_request_id",
        "other_request_attachment_id",
        "catalogue_body_id",
        "own_catalogue_entry_id",
        "other_catalogue_entry_id",
        "own_infrastructure_need_id",
        "other_infrastructure_need_id",
    ),
    "surveys": (
        "own_survey_id",
        "own_question_id",
        "other_survey_id",
        "own_invitation_id",
        "other_invitation_id",
    ),
    "complaints": (
        "own_complaint_id",
        "own_answered_complaint_id",
        "other_complaint_id",
        "other_complaint_attachment_id",
    ),
    "standards": ("standard_id", "draft_clause_id", "draft_question_id"),
    "support": ("own_case_id", "own_audit_id", "own_nonconformity_id", "own_certificate_id"),
    "training": ("training_topic_id", "own_need_id", "other_need_id"),
    "training_sessions": (
        "own_offer_id",
        "own_session_id",
        "own_enrolment_id",
        "held_session_id",
        "training_ecosystem_id",
    ),
}


@dataclass
class Case:
    """One route's row: the path (or how to build it from the world), the status each
    audience gets, the form data of a POST."""

    path: str | Callable[[World], str]
    expect: dict[str, int]
    data: dict = field(default_factory=dict)

    def path_in(self, world: World) -> str:
        return self.path(world) if callable(self.path) else self.path


Rows = dict[tuple[str, str], Case]


def route_id(route: tuple[str, str]) -> str:
    """The test id of a row: ``endpoint:METHOD``."""
    return f"{route[0]}:{route[1]}"


# --- the registry: every domain's rows --------------------------------------------------------


def domain_modules() -> list[str]:
    """The modules that hold a domain's rows: ``tests/<domain>/test_access.py``."""
    return sorted(
        f"tests.{path.parent.name}.test_access" for path in TESTS.glob("*/test_access.py")
    )


def rows_by_domain() -> dict[str, Rows]:
    """Each domain module's rows, by module name."""
    return {name: importlib.import_module(name).ROWS for name in domain_modules()}


class _FieldsRead:
    """Stands for a world while a row's path is built, to record the fields it reads."""

    def __init__(self) -> None:
        self.fields: set[str] = set()

    def __getattr__(self, name: str) -> int:
        self.fields.add(name)
        return 1


def parts_read(rows: Rows | None) -> set[str]:
    """The parts of the world the rows' paths read (every part when no rows are given)."""
    if rows is None:
        return set(PARTS)
    reader = _FieldsRead()
    for case in rows.values():
        case.path_in(reader)  # type: ignore[arg-type]
    return {part for part, fields in PARTS.items() if reader.fields & set(fields)}


def all_rows() -> Rows:
    """The union of every domain's rows (a route listed twice is caught by tests/test_routes)."""
    union: Rows = {}
    for rows in rows_by_domain().values():
        union.update(rows)
    return union


# --- the world --------------------------------------------------------------------------------


def build_conventions(user: User | None, federation) -> dict[str, int]:
    """OWN: the user's organisation is a party (with the ministry and an institute whose party
    row has no commitment, so it can be removed), with a document; OTHER: the user's is not."""
    from portal.services.conventions import store_document

    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    institute = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    ecosystem = EcosystemFactory(lead_federation=federation)
    ids: dict[str, int] = {}
    for key, members in (
        ("own", [ministry, user.organisation if user else federation, institute]),
        ("other", [ministry, federation]),
    ):
        convention = ConventionFactory(ecosystem_id=ecosystem.id)
        parties = [
            ConventionPartyFactory(convention_id=convention.id, organisation_id=organisation.id)
            for organisation in dict.fromkeys(members)
        ]
        milestone = MilestoneFactory(convention_id=convention.id)
        indicator = IndicatorFactory(convention_id=convention.id)
        commitment = CommitmentFactory(convention_id=convention.id, party_id=parties[0].id)
        ids[f"{key}_convention_id"] = convention.id
        if key == "other":
            from portal.models import Measurement

            ids["other_indicator_id"] = indicator.id
            computed = Measurement(
                indicator_id=indicator.id, measured_on=date(2025, 1, 6), value=12, computed=True
            )
            _db.session.add(computed)
            _db.session.flush()
            ids["other_measurement_id"] = computed.id
            continue
        ids["own_party_id"] = parties[-1].id
        ids["own_commitment_id"] = commitment.id
        ids["own_milestone_id"] = milestone.id
        ids["own_document_id"] = store_document(
            convention,
            kind=DocumentKind.SIGNED_CONVENTION,
            title="Convention signée",
            filename="c.pdf",
            stream=io.BytesIO(PDF),
            uploader=None,
        ).id
    return ids


def firm_assignment(user: User | None) -> dict:
    """The fields of a support case of the user's own for a consultant: the consultant's
    firm is assigned to it and the federation lets it contribute; none for other users."""
    if user is not None and user.role == Role.CONSULTANT:
        return {"consulting_firm_id": user.organisation_id, "expert_may_contribute": True}
    return {}


def build_diagnostics(user: User | None, own_ecosystem) -> dict[str, int]:
    """A support case of the user's own (an SME's: its organisation's; federation staff's: in
    the ecosystem it leads; a consultant's: its firm is assigned to it) at the action-plan
    stage, with a completed diagnostic (number 1) whose answer keeps an evidence file, a
    draft diagnostic (number 2), an action item and a quality objective of the SME."""
    from datetime import date

    from portal.models import ActionItem, DiagnosticAnswer, QualityObjective, StandardClause
    from portal.services.file_store import EVIDENCE

    sme = (
        user.organisation
        if user is not None and user.role == Role.SME_USER
        else OrganisationFactory(kind=OrganisationKind.SME)
    )
    iso_9001 = standard()
    clause = _db.session.execute(
        select(StandardClause).where(
            StandardClause.standard_id == iso_9001.id, StandardClause.number == "4.1"
        )
    ).scalar_one()
    case = SupportCaseFactory(
        organisation_id=sme.id,
        ecosystem_id=own_ecosystem.id,
        stage=CaseStage.ACTION_PLAN,
        **firm_assignment(user),
    )
    completed = DiagnosticFactory(case_id=case.id, number=1, completed_on=date(2025, 1, 15))
    draft = DiagnosticFactory(case_id=case.id, number=2)
    stored = EVIDENCE.save(PDF)
    answer = DiagnosticAnswer(
        diagnostic_id=completed.id,
        clause_id=clause.id,
        rating=Rating.PARTIAL,
        evidence_file=stored,
        evidence_filename="preuve.pdf",
    )
    item = ActionItem(case_id=case.id, clause_id=clause.id, title="Action")
    objective = QualityObjective(
        organisation_id=sme.id,
        title_fr="Livraisons à l'heure",
        title_ar="التسليم في الوقت",
        baseline=80,
        baseline_date=date(2025, 1, 1),
        target=98,
        target_date=date(2026, 1, 1),
        owner="Responsable logistique",
    )
    _db.session.add_all([answer, item, objective])
    _db.session.flush()
    return {
        "own_plan_case_id": case.id,
        "own_diagnostic_number": completed.number,
        "own_draft_number": draft.number,
        "own_evidence_id": answer.id,
        "own_action_item_id": item.id,
        "own_objective_id": objective.id,
    }


def build_standards() -> dict[str, int]:
    """A draft of ISO 14001's outline (version 2), with a guidance question under 4.1."""
    from portal.models import ClauseQuestion, StandardClause
    from portal.services.certification.outlines import prepare_draft

    iso_14001 = standard("iso_14001")
    draft = prepare_draft(iso_14001)
    clause = _db.session.execute(
        select(StandardClause).where(
            StandardClause.outline_id == draft.id, StandardClause.number == "4.1"
        )
    ).scalar_one()
    question = ClauseQuestion(
        clause_id=clause.id, position=1, text_fr="Question ?", text_ar="سؤال؟"
    )
    _db.session.add(question)
    _db.session.flush()
    return {
        "standard_id": iso_14001.id,
        "draft_clause_id": clause.id,
        "draft_question_id": question.id,
    }


def build_service_requests(user: User | None, own_ecosystem) -> dict[str, int]:
    """OWN: a submitted request from the user's SME (else a member of the user's led ecosystem)
    to the user's body (else a testing lab), and three more at later steps (quoted, in
    progress, delivered); OTHER: unrelated SME and body, with a PDF on disk."""
    from portal.models import (
        QuoteStatus,
        RequestAttachment,
        ServiceQuote,
        ServiceRequestStatus,
    )
    from portal.services.file_store import REQUEST_ATTACHMENTS

    role = user.role if user is not None else None
    own_sme = (
        user.organisation
        if role == Role.SME_USER
        else MembershipFactory(ecosystem=own_ecosystem).organisation
    )
    own_body = user.organisation if role == Role.INFRASTRUCTURE_USER else testing_lab()
    own = ServiceRequestFactory(organisation_id=own_sme.id, body_id=own_body.id)
    later = {
        status: ServiceRequestFactory(
            organisation_id=own_sme.id,
            body_id=own_body.id,
            status=status,
            answered_on=date(2025, 1, 10),
        )
        for status in (
            ServiceRequestStatus.QUOTED,
            ServiceRequestStatus.IN_PROGRESS,
            ServiceRequestStatus.DELIVERED,
        )
    }
    _db.session.add(
        ServiceQuote(
            request_id=later[ServiceRequestStatus.QUOTED].id,
            number=1,
            amount_mad=1000,
            lead_time_days=10,
            valid_until=date(2099, 1, 1),
            issued_on=date(2025, 1, 10),
            status=QuoteStatus.PENDING,
        )
    )
    other = ServiceRequestFactory()
    stored_name = REQUEST_ATTACHMENTS.save(PDF)
    attachment = RequestAttachment(
        request_id=other.id, original_filename="o.pdf", stored_name=stored_name, size_bytes=15
    )
    _db.session.add(attachment)
    _db.session.flush()
    # Who offers what: the user's body's catalogue entry (else a testing lab's), another
    # body's; the user's company's infrastructure need (else a led member's), a stranger's.
    own_entry = offer_service(own_body, "testing_mechanical", "MA-06", accredited=True)
    other_entry = offer_service(testing_lab(), "calibration_mass", "MA-01")
    own_need = InfrastructureNeedFactory(organisation_id=own_sme.id)
    other_need = InfrastructureNeedFactory()
    return {
        "own_request_id": own.id,
        "own_quoted_request_id": later[ServiceRequestStatus.QUOTED].id,
        "own_in_progress_request_id": later[ServiceRequestStatus.IN_PROGRESS].id,
        "own_delivered_request_id": later[ServiceRequestStatus.DELIVERED].id,
        "other_request_id": other.id,
        "other_request_attachment_id": attachment.id,
        "catalogue_body_id": other_entry.body_id,
        "own_catalogue_entry_id": own_entry.id,
        "other_catalogue_entry_id": other_entry.id,
        "own_infrastructure_need_id": own_need.id,
        "other_infrastructure_need_id": other_need.id,
    }


def build_complaints(user: User | None) -> dict[str, int]:
    """OWN: an open complaint the user's organisation answers (administrators: about the
    portal; a company's user: one the user wrote to an institute), and an answered one the
    user wrote to the same organisation (answered today: it may be reopened and rated);
    OTHER: a complaint between strangers, with a PDF attached."""
    from datetime import date

    from portal.models import ComplaintAttachment, ComplaintStatus
    from portal.services.file_store import COMPLAINT_ATTACHMENTS

    role = user.role if user is not None else None
    if role in (None, Role.SME_USER):
        handler_id = OrganisationFactory(kind=OrganisationKind.INSTITUTE).id
    elif role == Role.ADMIN:
        handler_id = None
    else:
        handler_id = user.organisation_id
    requester = {"requester_id": user.id} if role == Role.SME_USER else {}
    own = ComplaintFactory(handler_id=handler_id, target_id=handler_id, **requester)
    today = date.today()
    answered = ComplaintFactory(
        handler_id=handler_id,
        target_id=handler_id,
        requester_id=user.id if user is not None else None,
        status=ComplaintStatus.ANSWERED,
        answered_on=today,
        answer_days=3,
    )
    other = ComplaintFactory()
    attachment = ComplaintAttachment(
        complaint_id=other.id,
        original_filename="o.pdf",
        stored_name=COMPLAINT_ATTACHMENTS.save(PDF),
        size_bytes=15,
    )
    _db.session.add(attachment)
    _db.session.flush()
    return {
        "own_complaint_id": own.id,
        "own_answered_complaint_id": answered.id,
        "other_complaint_id": other.id,
        "other_complaint_attachment_id": attachment.id,
    }


def build_surveys(user: User | None, own_ecosystem, other_ecosystem) -> dict[str, int]:
    """OWN: a survey of the user's own ecosystem (led by the user's federation for its
    staff) with one rating question, and an invitation of the user's organisation to it;
    OTHER: a survey of another federation's ecosystem, and another organisation's
    invitation."""
    from datetime import date

    from portal.models import QuestionKind, SurveyOccasion
    from portal.services import surveys

    own = surveys.create_survey(
        occasion=SurveyOccasion.SERVICE_REQUEST,
        ecosystem_id=own_ecosystem.id,
        title_fr="Enquête",
        title_ar="استطلاع",
        owner_id=None,
    )
    question = surveys.add_question(
        own, kind=QuestionKind.RATING, label_fr="Délai", label_ar="الأجل", required=True
    )
    other = surveys.create_survey(
        occasion=SurveyOccasion.SERVICE_REQUEST,
        ecosystem_id=other_ecosystem.id,
        title_fr="Autre",
        title_ar="آخر",
        owner_id=None,
    )
    today = date.today()
    respondent = user.organisation_id if user is not None else OrganisationFactory().id
    mine = surveys.invite(
        own,
        subject_id=1,
        organisation_id=respondent,
        service_id=None,
        ecosystem_id=own_ecosystem.id,
        today=today,
    )
    theirs = surveys.invite(
        own,
        subject_id=1,
        organisation_id=OrganisationFactory().id,
        service_id=None,
        ecosystem_id=own_ecosystem.id,
        today=today,
    )
    return {
        "own_survey_id": own.id,
        "own_question_id": question.id,
        "other_survey_id": other.id,
        "own_invitation_id": mine.id,
        "other_invitation_id": theirs.id,
    }


def build_support(user: User | None, own_ecosystem) -> dict[str, int]:
    """A case of the ecosystem the user's federation leads (of the user's own company for an
    SME; the consultant's firm is assigned to it), at the certification audit stage, with an
    audit, an open nonconformity (its corrective action written) and a certificate.
    Infrastructure users belong to a certification body, which issued the certificate."""
    from portal.models import InfrastructureType

    if user is not None and user.organisation.kind == OrganisationKind.INFRASTRUCTURE:
        user.organisation.infrastructure_type = InfrastructureType.CERTIFICATION_BODY
        body = user.organisation
    else:
        body = certification_body()
    company = (
        user.organisation
        if user is not None and user.role == Role.SME_USER
        else OrganisationFactory(kind=OrganisationKind.SME)
    )
    MembershipFactory(ecosystem=own_ecosystem, organisation=company)
    case = SupportCaseFactory(
        organisation_id=company.id,
        ecosystem_id=own_ecosystem.id,
        stage=CaseStage.CERTIFICATION_AUDIT,
        **firm_assignment(user),
    )
    audit = QualityAuditFactory(case_id=case.id)
    finding = NonconformityFactory(audit_id=audit.id, corrective_action="Action")
    certificate = CertificateFactory(organisation_id=company.id, issuing_body_id=body.id)
    return {
        "own_case_id": case.id,
        "own_audit_id": audit.id,
        "own_nonconformity_id": finding.id,
        "own_certificate_id": certificate.id,
    }


def build_training(user: User | None, own_ecosystem, other_ecosystem) -> dict[str, int]:
    """OWN: a submitted need of the user's SME (else of a member of the ecosystem the user's
    federation leads); OTHER: another SME's, in an ecosystem the user's federation does not
    lead; and a topic of the catalogue."""
    topic = training_topic()
    own_sme = (
        user.organisation
        if user is not None and user.role == Role.SME_USER
        else MembershipFactory(ecosystem=own_ecosystem).organisation
    )
    own = TrainingNeedFactory(
        organisation_id=own_sme.id, ecosystem_id=own_ecosystem.id, topic_id=topic.id
    )
    other = TrainingNeedFactory(ecosystem_id=other_ecosystem.id, topic_id=topic.id)
    return {"training_topic_id": topic.id, "own_need_id": own.id, "other_need_id": other.id}


def build_training_sessions(user: User | None, led_by_user) -> dict[str, int]:
    """An offer of the user's institute (else another's); in an ecosystem the user's federation
    leads (else another's), a planned and a held session of it, each with a participant of the
    user's company (else a member company), who attended the held one."""
    role = user.role if user is not None else None
    ecosystem = EcosystemFactory(lead_federation=led_by_user)
    company = (
        user.organisation
        if role == Role.SME_USER
        else OrganisationFactory(kind=OrganisationKind.SME)
    )
    MembershipFactory(ecosystem=ecosystem, organisation=company)
    institute = (
        user.organisation
        if role == Role.INSTITUTE_USER
        else OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    )
    offer = TrainingOfferFactory(institute_id=institute.id, topic_id=training_topic().id)
    ids = {"own_offer_id": offer.id, "training_ecosystem_id": ecosystem.id}
    for key, status in (
        ("own_session_id", SessionStatus.PLANNED),
        ("held_session_id", SessionStatus.HELD),
    ):
        session = TrainingSessionFactory(offer=offer, ecosystem_id=ecosystem.id, status=status)
        enrolment = EnrolmentFactory(
            session_id=session.id,
            organisation_id=company.id,
            attended=True if status == SessionStatus.HELD else None,
        )
        ids[key] = session.id
        if status == SessionStatus.PLANNED:
            ids["own_enrolment_id"] = enrolment.id
    return ids


def build_world(user: User | None, parts: set[str] | None = None) -> World:
    """The objects the rows of every domain point at, seen from ``user`` (None: anonymous):
    its organisations, ecosystems and memberships, and the ``parts`` asked (all by default)."""
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    led_by_user = (
        user.organisation if user is not None and user.role == Role.FEDERATION_STAFF else federation
    )
    own_ecosystem = EcosystemFactory(lead_federation=led_by_user)
    other_ecosystem = EcosystemFactory(lead_federation=federation)
    requested = MembershipFactory(ecosystem=own_ecosystem, status=MembershipStatus.REQUESTED)
    public_member = MembershipFactory(ecosystem=other_ecosystem).organisation
    userless_member = MembershipFactory(ecosystem=own_ecosystem).organisation  # no account
    other = OrganisationFactory(kind=OrganisationKind.SME)
    accreditation_id = 999_999
    colleague_id = 999_999
    if user is not None:
        if user.organisation.kind == OrganisationKind.INFRASTRUCTURE:
            accreditation = Accreditation(
                organisation_id=user.organisation_id,
                standard=AccreditationStandard.ISO_IEC_17025,
                certificate_number="17025-01",
            )
            _db.session.add(accreditation)
            _db.session.flush()
            accreditation_id = accreditation.id
        colleague_id = make_user(user.role, organisation=user.organisation).id
    builders = {
        "conventions": lambda: build_conventions(user, federation),
        "diagnostics": lambda: build_diagnostics(user, own_ecosystem),
        "service_requests": lambda: build_service_requests(user, own_ecosystem),
        "complaints": lambda: build_complaints(user),
        "surveys": lambda: build_surveys(user, own_ecosystem, other_ecosystem),
        "support": lambda: build_support(user, own_ecosystem),
        "standards": build_standards,
        "training": lambda: build_training(user, own_ecosystem, other_ecosystem),
        "training_sessions": lambda: build_training_sessions(user, led_by_user),
    }
    ids: dict[str, int] = {}
    for part in PARTS if parts is None else parts:
        ids.update(builders[part]())
    return World(
        **ids,
        own_organisation_id=user.organisation_id if user else None,
        other_organisation_id=other.id,
        own_ecosystem=own_ecosystem.slug,
        other_ecosystem=other_ecosystem.slug,
        own_membership_id=requested.id,
        userless_member_id=userless_member.id,
        public_member_id=public_member.id,
        own_accreditation_id=accreditation_id,
        colleague_id=colleague_id,
    )


# --- the fixtures -----------------------------------------------------------------------------


@dataclass
class Audience:
    """A user of one audience (None: anonymous), the world seen from it, and the session
    cookie of a client signed in as it that has opened a page (so it holds a CSRF token)."""

    name: str
    user_id: int | None
    world: World
    session_cookie: str = ""
    csrf_token: str = ""


class Worlds:
    """The worlds of every audience, built on one connection inside a transaction that the
    module's end rolls back; ``request`` runs each request inside a SAVEPOINT of it."""

    def __init__(self, app: Flask, connection: Connection) -> None:
        self.app = app
        self.connection = connection
        self.audiences: dict[str, Audience] = {}

    def bind_session(self):
        """Point ``db.session`` at this connection: commits release SAVEPOINTs only."""
        from tests.conftest import bind_session

        return bind_session(self.connection)

    def build(self, parts: set[str]) -> None:
        """A user of every role, its world (and the anonymous one) with the ``parts`` asked, a
        login session each."""
        from tests.conftest import CSRF_INPUT, IsolatedClient

        tokens: dict[str, str] = {}
        for name in AUDIENCES:
            user = None if name == ANONYMOUS else make_user(name)
            if user is not None:
                tokens[name] = secrets.token_urlsafe(32)
                _db.session.add(
                    LoginSession(token_hash=LoginSession.hash_token(tokens[name]), user_id=user.id)
                )
            world = build_world(user, parts)
            self.audiences[name] = Audience(name, user.id if user else None, world)
        _db.session.flush()
        _db.session.commit()  # releases the builders' SAVEPOINT: the outer transaction keeps it
        self.app.test_client_class = IsolatedClient
        for name, audience in self.audiences.items():
            client = self.app.test_client()
            if name in tokens:
                with client.session_transaction() as session:
                    session["sid"] = tokens[name]
            with self.savepoint():
                page = client.get("/").get_data(as_text=True)
            audience.csrf_token = CSRF_INPUT.search(page).group(1)
            cookie = client.get_cookie(self.app.config["SESSION_COOKIE_NAME"])
            audience.session_cookie = cookie.value

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Everything inside (the requests' commits included) is undone at its end."""
        savepoint = self.connection.begin_nested()
        try:
            yield
        finally:
            if savepoint.is_active:
                savepoint.rollback()

    def client(self, audience: str) -> FlaskClient:
        """A client with the audience's session (signed in, CSRF token issued)."""
        client = self.app.test_client()
        cookie = self.app.config["SESSION_COOKIE_NAME"]
        client.set_cookie(cookie, self.audiences[audience].session_cookie)
        return client

    def request(
        self, audience: str, method: str, path: str, data: dict | None = None
    ) -> tuple[FlaskClient, object]:
        """One request as the audience, inside a SAVEPOINT rolled back after it; a POST carries
        the session's CSRF token, as a browser's form would."""
        client = self.client(audience)
        with self.savepoint():
            if method == "GET":
                response = client.get(path)
            else:
                payload = {"csrf_token": self.audiences[audience].csrf_token, **(data or {})}
                response = client.post(path, data=payload)
        return client, response


@pytest.fixture(scope="module")
def access_worlds(app: Flask, request: pytest.FixtureRequest) -> Iterator[Worlds]:
    """The worlds of every audience, built once for the test module (once per xdist worker
    that runs some of its tests) and rolled back at its end: the parts the module's ``ROWS``
    read, or every part for a module without rows of its own."""
    from tests.conftest import module_database

    with module_database(app) as connection:
        worlds = Worlds(app, connection)
        limiter.reset()
        app.extensions["mail_outbox"] = []
        worlds.build(parts_read(getattr(request.module, "ROWS", None)))
        _db.session.remove()
        yield worlds


class Access:
    """What a domain's ``test_access`` calls: one row, one audience, one request."""

    def __init__(self, worlds: Worlds) -> None:
        self.worlds = worlds

    def world(self, audience: str) -> World:
        return self.worlds.audiences[audience].world

    def status(self, audience: str, method: str, path: str, data: dict | None = None) -> int:
        """The status of one request as the audience (the world unchanged after it)."""
        limiter.reset()
        self.worlds.app.extensions["mail_outbox"] = []
        _client, response = self.worlds.request(audience, method, path, data)
        return response.status_code

    def check(self, rows: Rows, route: tuple[str, str], audience: str) -> None:
        """The route answers the audience what its row says."""
        case = rows[route]
        _endpoint, method = route
        path = case.path_in(self.world(audience))
        status = self.status(audience, method, path, case.data)
        assert status == case.expect[audience], f"{method} {path} as {audience}: {status}"


@pytest.fixture
def access(app: Flask, access_worlds: Worlds) -> Iterator[Access]:
    """Requests as any audience on the module's worlds, each rolled back after it (and the
    whole test inside a SAVEPOINT rolled back at its end); the rate limits and the mail outbox
    start empty, ``db.session`` is on the module's connection."""
    with app.app_context(), access_worlds.savepoint():
        access_worlds.bind_session()
        limiter.reset()
        app.extensions["mail_outbox"] = []
        try:
            yield Access(access_worlds)
        finally:
            _db.session.remove()
