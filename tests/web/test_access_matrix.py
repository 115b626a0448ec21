"""Every route, for every audience, answers what this table says.

Adding a route without adding it here fails ``test_every_route_is_in_the_matrix``. For routes
on objects, ``World`` gives an object of the signed-in user's own organisation and one of
another organisation: out-of-scope objects must answer 404, not 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from portal.extensions import db as _db
from portal.models import (
    Accreditation,
    AccreditationStandard,
    MembershipStatus,
    OrganisationKind,
    Role,
)
from tests.conftest import post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

ANONYMOUS = "anonymous"
AUDIENCES = [ANONYMOUS, *(role.value for role in Role)]
SIGNED_IN = [role.value for role in Role]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(AUDIENCES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {ANONYMOUS: anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(roles: list[Role], status: int = 200, others: int = 403) -> dict[str, int]:
    expected = signed_in(others)
    expected.update({role.value: status for role in roles})
    return expected


@dataclass
class World:
    """Objects the paths of a case may point at: "own" ones belong to (or are led by) the
    signed-in user's organisation where its role allows, "other" ones never do."""

    own_organisation_id: int | None
    other_organisation_id: int
    own_ecosystem: str
    other_ecosystem: str
    own_membership_id: int
    userless_member_id: int
    public_member_id: int
    own_accreditation_id: int
    colleague_id: int
    own_convention_id: int
    own_party_id: int
    own_commitment_id: int
    own_milestone_id: int
    own_document_id: int
    other_convention_id: int
    other_indicator_id: int
    own_plan_case_id: int
    own_diagnostic_number: int
    own_draft_number: int
    own_evidence_id: int
    own_action_item_id: int
    own_request_id: int
    other_request_id: int
    other_request_attachment_id: int
    own_case_id: int
    own_audit_id: int
    own_nonconformity_id: int
    own_certificate_id: int
    training_topic_id: int
    own_need_id: int
    other_need_id: int
    own_offer_id: int
    own_session_id: int
    own_enrolment_id: int
    held_session_id: int
    training_ecosystem_id: int


def build_conventions(user, federation) -> dict[str, int]:
    """OWN-1: the user's organisation is a party (with the ministry and an institute whose
    party row has no commitment, so it can be removed); OTHER-1: the user's is not."""
    import io
    from datetime import date
    from decimal import Decimal

    from portal.models import (
        Commitment,
        Convention,
        ConventionParty,
        ConventionStatus,
        ConventionType,
        DocumentKind,
        Indicator,
        Milestone,
        PartyRole,
    )
    from portal.services.convention_files import store_document

    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    institute = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    ecosystem = EcosystemFactory(lead_federation=federation)
    ids: dict[str, int] = {}
    for reference, members in (
        ("OWN-1", [ministry, user.organisation if user else federation, institute]),
        ("OTHER-1", [ministry, federation]),
    ):
        convention = Convention(
            reference=reference,
            title_fr=reference,
            title_ar=reference,
            ecosystem_id=ecosystem.id,
            type=ConventionType.PARTNERSHIP,
            signed_on=date(2024, 1, 10),
            effective_from=date(2024, 1, 10),
            ends_on=date(2027, 12, 31),
            status=ConventionStatus.IN_PROGRESS,
        )
        _db.session.add(convention)
        _db.session.flush()
        parties = []
        for organisation in dict.fromkeys(members):
            party = ConventionParty(
                convention_id=convention.id,
                organisation_id=organisation.id,
                role=PartyRole.SIGNATORY,
            )
            _db.session.add(party)
            parties.append(party)
        milestone = Milestone(
            convention_id=convention.id,
            title_fr="Jalon",
            title_ar="مرحلة",
            due_date=date(2026, 6, 30),
        )
        indicator = Indicator(
            convention_id=convention.id,
            name_fr="PME",
            name_ar="مقاولات",
            baseline=Decimal(0),
            baseline_date=date(2024, 1, 10),
            target=Decimal(10),
            target_date=date(2027, 12, 31),
        )
        _db.session.add_all([milestone, indicator])
        _db.session.flush()
        commitment = Commitment(
            convention_id=convention.id,
            party_id=parties[0].id,
            description_fr="Engagement",
            description_ar="التزام",
        )
        _db.session.add(commitment)
        _db.session.flush()
        key = "own" if reference == "OWN-1" else "other"
        ids[f"{key}_convention_id"] = convention.id
        ids[f"{key}_indicator_id"] = indicator.id
        if key == "own":
            ids["own_party_id"] = parties[-1].id
            ids["own_commitment_id"] = commitment.id
            ids["own_milestone_id"] = milestone.id
            ids["own_document_id"] = store_document(
                convention,
                kind=DocumentKind.SIGNED_CONVENTION,
                title="Convention signée",
                filename="c.pdf",
                stream=io.BytesIO(b"%PDF-1.4\n%%EOF\n"),
                uploader=None,
            ).id
    ids.pop("own_indicator_id")
    return ids


def build_diagnostics(user, own_ecosystem) -> dict[str, int]:
    """A support case of the user's own (an SME's: its organisation's; federation staff's: in
    the ecosystem it leads) at the action-plan stage, with a completed diagnostic (number 1)
    whose answer keeps an evidence file, a draft diagnostic (number 2) and an action item."""
    import uuid
    from datetime import date
    from pathlib import Path

    from flask import current_app
    from sqlalchemy import select

    from portal.models import (
        ActionItem,
        CaseKind,
        CaseStage,
        Diagnostic,
        DiagnosticAnswer,
        Rating,
        Standard,
        StandardClause,
        SupportCase,
    )

    sme = (
        user.organisation
        if user is not None and user.role == Role.SME_USER
        else OrganisationFactory(kind=OrganisationKind.SME)
    )
    standard = _db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    clause = _db.session.execute(
        select(StandardClause).where(
            StandardClause.standard_id == standard.id, StandardClause.number == "4.1"
        )
    ).scalar_one()
    case = SupportCase(
        organisation_id=sme.id,
        ecosystem_id=own_ecosystem.id,
        standard_id=standard.id,
        kind=CaseKind.INITIAL,
        stage=CaseStage.ACTION_PLAN,
    )
    _db.session.add(case)
    _db.session.flush()
    completed = Diagnostic(case_id=case.id, number=1, completed_on=date(2025, 1, 15))
    draft = Diagnostic(case_id=case.id, number=2)
    _db.session.add_all([completed, draft])
    _db.session.flush()
    folder = Path(current_app.config["UPLOAD_DIR"]) / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    stored = uuid.uuid4().hex
    (folder / stored).write_bytes(b"%PDF-1.4\n%%EOF\n")
    answer = DiagnosticAnswer(
        diagnostic_id=completed.id,
        clause_id=clause.id,
        rating=Rating.PARTIAL,
        evidence_file=stored,
        evidence_filename="preuve.pdf",
    )
    item = ActionItem(case_id=case.id, clause_id=clause.id, title="Action")
    _db.session.add_all([answer, item])
    _db.session.flush()
    return {
        "own_plan_case_id": case.id,
        "own_diagnostic_number": completed.number,
        "own_draft_number": draft.number,
        "own_evidence_id": answer.id,
        "own_action_item_id": item.id,
    }


def build_service_requests(user, own_ecosystem) -> dict[str, int]:
    """OWN: a submitted request from the user's SME (else a member of the user's led ecosystem)
    to the user's body (else a testing lab); OTHER: unrelated SME and body, with a PDF on disk."""
    import uuid
    from datetime import date

    from portal.models import InfrastructureType, RequestAttachment, ServiceKind, ServiceRequest
    from portal.services.file_store import REQUEST_ATTACHMENTS

    def lab():
        return OrganisationFactory(
            kind=OrganisationKind.INFRASTRUCTURE, infrastructure_type=InfrastructureType.TESTING_LAB
        )

    role = user.role if user is not None else None
    own_sme = (
        user.organisation
        if role == Role.SME_USER
        else MembershipFactory(ecosystem=own_ecosystem).organisation
    )
    own_body = user.organisation if role == Role.INFRASTRUCTURE_USER else lab()
    ids: dict[str, int] = {}
    for key, sme, body in (
        ("own", own_sme, own_body),
        ("other", OrganisationFactory(kind=OrganisationKind.SME), lab()),
    ):
        request = ServiceRequest(
            organisation_id=sme.id,
            body_id=body.id,
            kind=ServiceKind.TESTING,
            subject=f"{key} request",
            submitted_on=date(2025, 1, 6),
            respond_by=date(2025, 1, 21),
        )
        _db.session.add(request)
        _db.session.flush()
        ids[f"{key}_request_id"] = request.id
    stored_name = uuid.uuid4().hex
    REQUEST_ATTACHMENTS.save_as(stored_name, b"%PDF-1.4\n%%EOF\n")
    attachment = RequestAttachment(
        request_id=ids["other_request_id"],
        original_filename="o.pdf",
        stored_name=stored_name,
        size_bytes=15,
    )
    _db.session.add(attachment)
    _db.session.flush()
    ids["other_request_attachment_id"] = attachment.id
    return ids


def build_support(user, own_ecosystem) -> dict[str, int]:
    """A case of the ecosystem the user's federation leads (of the user's own company for an
    SME), at the certification audit stage, with an audit, an open nonconformity (its
    corrective action written) and a certificate. Infrastructure users belong to a
    certification body, which issued the certificate."""
    from datetime import date

    from sqlalchemy import select

    from portal.models import (
        AuditKind,
        CaseKind,
        CaseStage,
        Certificate,
        InfrastructureType,
        Nonconformity,
        QualityAudit,
        Standard,
        SupportCase,
    )

    if user is not None and user.organisation.kind == OrganisationKind.INFRASTRUCTURE:
        user.organisation.infrastructure_type = InfrastructureType.CERTIFICATION_BODY
        body = user.organisation
    else:
        body = OrganisationFactory(
            kind=OrganisationKind.INFRASTRUCTURE,
            infrastructure_type=InfrastructureType.CERTIFICATION_BODY,
        )
    company = (
        user.organisation
        if user is not None and user.role == Role.SME_USER
        else OrganisationFactory(kind=OrganisationKind.SME)
    )
    MembershipFactory(ecosystem=own_ecosystem, organisation=company)
    standard = _db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    case = SupportCase(
        organisation_id=company.id,
        ecosystem_id=own_ecosystem.id,
        standard_id=standard.id,
        kind=CaseKind.INITIAL,
        stage=CaseStage.CERTIFICATION_AUDIT,
    )
    _db.session.add(case)
    _db.session.flush()
    audit = QualityAudit(case_id=case.id, kind=AuditKind.INTERNAL, held_on=date(2025, 1, 15))
    _db.session.add(audit)
    _db.session.flush()
    finding = Nonconformity(audit_id=audit.id, description="Constat", corrective_action="Action")
    certificate = Certificate(
        number=f"WORLD-{case.id}",
        organisation_id=company.id,
        standard_id=standard.id,
        issuing_body_id=body.id,
        issued_on=date(2024, 3, 1),
        scope_fr="Périmètre",
    )
    _db.session.add_all([finding, certificate])
    _db.session.flush()
    return {
        "own_case_id": case.id,
        "own_audit_id": audit.id,
        "own_nonconformity_id": finding.id,
        "own_certificate_id": certificate.id,
    }


def build_training(user, own_ecosystem, other_ecosystem) -> dict[str, int]:
    """OWN: a submitted need of the user's SME (else of a member of the ecosystem the user's
    federation leads); OTHER: another SME's, in an ecosystem the user's federation does not
    lead; and a topic of the catalogue."""
    from sqlalchemy import select

    from portal.models import (
        JobCategory,
        Level,
        Modality,
        NeedStatus,
        Priority,
        TrainingNeed,
        TrainingTopic,
    )

    topic = _db.session.execute(
        select(TrainingTopic).where(TrainingTopic.code == "iso_9001_requirements")
    ).scalar_one()
    own_sme = (
        user.organisation
        if user is not None and user.role == Role.SME_USER
        else MembershipFactory(ecosystem=own_ecosystem).organisation
    )
    ids = {"training_topic_id": topic.id}
    for key, sme, ecosystem in (
        ("own", own_sme, own_ecosystem),
        ("other", OrganisationFactory(kind=OrganisationKind.SME), other_ecosystem),
    ):
        need = TrainingNeed(
            organisation_id=sme.id,
            ecosystem_id=ecosystem.id,
            topic_id=topic.id,
            job_category=JobCategory.OPERATORS,
            people=3,
            level=Level.BEGINNER,
            priority=Priority.HIGH,
            quarter="2026-Q1",
            region="MA-06",
            modality=Modality.IN_PERSON,
            status=NeedStatus.SUBMITTED,
        )
        _db.session.add(need)
        _db.session.flush()
        ids[f"{key}_need_id"] = need.id
    return ids


def build_training_sessions(user, led_by_user) -> dict[str, int]:
    """An offer of the user's institute (else another's); in an ecosystem the user's federation
    leads (else another's), a planned and a held session of it, each with a participant of the
    user's company (else a member company), who attended the held one."""
    from datetime import date

    from sqlalchemy import select

    from portal.models import (
        Enrolment,
        EnrolmentStatus,
        Modality,
        SessionStatus,
        TrainingOffer,
        TrainingSession,
        TrainingTopic,
    )

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
    topic = _db.session.execute(
        select(TrainingTopic).where(TrainingTopic.code == "iso_9001_requirements")
    ).scalar_one()
    offer = TrainingOffer(
        institute_id=institute.id,
        topic_id=topic.id,
        title_fr="Offre",
        title_ar="عرض",
        duration_hours=14,
        modality=Modality.IN_PERSON,
        capacity=10,
        languages="fr",
        regions="MA-06",
    )
    _db.session.add(offer)
    _db.session.flush()
    ids = {"own_offer_id": offer.id, "training_ecosystem_id": ecosystem.id}
    for key, status in (
        ("own_session_id", SessionStatus.PLANNED),
        ("held_session_id", SessionStatus.HELD),
    ):
        session = TrainingSession(
            offer_id=offer.id,
            institute_id=institute.id,
            topic_id=topic.id,
            ecosystem_id=ecosystem.id,
            region="MA-06",
            quarter="2025-Q1",
            starts_on=date(2025, 1, 6),
            ends_on=date(2025, 1, 7),
            place="Casablanca",
            seats=10,
            status=status,
        )
        _db.session.add(session)
        _db.session.flush()
        enrolment = Enrolment(
            session_id=session.id,
            organisation_id=company.id,
            participant_name="Participant",
            status=EnrolmentStatus.ENROLLED,
            attended=True if status == SessionStatus.HELD else None,
        )
        _db.session.add(enrolment)
        _db.session.flush()
        ids[key] = session.id
        if status == SessionStatus.PLANNED:
            ids["own_enrolment_id"] = enrolment.id
    return ids


def training_plan_path(w) -> str:
    return (
        f"/training/plan?topic={w.training_topic_id}&region=MA-06&quarter=2025-Q1"
        f"&ecosystem={w.training_ecosystem_id}"
    )


def build_world(user) -> World:
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
    return World(
        **build_conventions(user, federation),
        **build_diagnostics(user, own_ecosystem),
        **build_service_requests(user, own_ecosystem),
        **build_support(user, own_ecosystem),
        **build_training(user, own_ecosystem, other_ecosystem),
        **build_training_sessions(user, led_by_user),
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


@dataclass
class Case:
    path: str | Callable[[World], str]
    expect: dict[str, int]
    data: dict = field(default_factory=dict)


EDITORS = [Role.ADMIN, Role.MINISTRY_OFFICER]
RECORDERS = [*EDITORS, Role.FEDERATION_STAFF]
CASE_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.SME_USER]
CASE_WORKERS = [Role.ADMIN, Role.FEDERATION_STAFF, Role.SME_USER]
CASE_MANAGERS = [Role.ADMIN, Role.FEDERATION_STAFF]
CERTIFICATE_READERS = [*CASE_READERS, Role.INFRASTRUCTURE_USER]
TRAINING_NEED_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.SME_USER]
DEMAND_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.INSTITUTE_USER]
SESSION_VIEWERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.INSTITUTE_USER,
]
REQUEST_VIEWERS = [*EDITORS, Role.FEDERATION_STAFF, Role.SME_USER, Role.INFRASTRUCTURE_USER]


def case_work(status: int) -> dict[str, int]:
    """Those who work on a case; the ministry reads only; others do not see it (404)."""
    return {**only(CASE_WORKERS, status, others=404), Role.MINISTRY_OFFICER.value: 403}


# Another SME's request to another body: only the ministry and administrators open it.
OUT_OF_SCOPE_REQUEST = {
    **only(REQUEST_VIEWERS, 404),
    Role.ADMIN.value: 200,
    Role.MINISTRY_OFFICER.value: 200,
}

MATRIX: dict[tuple[str, str], Case] = {
    ("public.index", "GET"): Case("/", everyone(200)),
    ("public.healthz", "GET"): Case("/healthz", everyone(200)),
    ("public.switch_language", "POST"): Case(
        "/language", everyone(302), {"language": "ar", "next": "/"}
    ),
    ("auth.login", "GET"): Case("/auth/login", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.login", "POST"): Case(
        "/auth/login",
        {**signed_in(302), ANONYMOUS: 401},
        {"email": "nobody@example.org", "password": "not a password at all"},
    ),
    ("auth.logout", "POST"): Case("/auth/logout", signed_in(302)),
    # Signed in, the password is changed from the account page (redirect).
    ("auth.reset_request", "GET"): Case("/auth/reset", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.reset_request", "POST"): Case(
        "/auth/reset", {**signed_in(302), ANONYMOUS: 422}, {"email": "not-an-email"}
    ),
    ("auth.reset_password", "GET"): Case("/auth/reset/forged", everyone(400)),
    ("auth.reset_password", "POST"): Case("/auth/reset/forged", everyone(400)),
    ("account.profile", "GET"): Case("/account/", signed_in(200)),
    ("account.profile", "POST"): Case("/account/", signed_in(422), {"full_name": ""}),
    ("account.change_password", "GET"): Case("/account/password", signed_in(200)),
    ("account.change_password", "POST"): Case("/account/password", signed_in(422)),
    ("home.index", "GET"): Case("/home", signed_in(200)),
    ("admin.audit_trail", "GET"): Case("/admin/audit", only([Role.ADMIN])),
    # sign-up, confirmation, invitations
    ("auth.signup", "GET"): Case("/auth/signup", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.signup", "POST"): Case("/auth/signup", {**signed_in(302), ANONYMOUS: 422}),
    ("auth.confirm_email", "GET"): Case("/auth/confirm/forged", everyone(400)),
    ("auth.resend_confirmation", "GET"): Case("/auth/confirm", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.resend_confirmation", "POST"): Case("/auth/confirm", {**signed_in(302), ANONYMOUS: 422}),
    ("auth.accept_invitation", "GET"): Case("/auth/invitation/forged", everyone(400)),
    ("auth.accept_invitation", "POST"): Case("/auth/invitation/forged", everyone(400)),
    # ecosystems
    ("ecosystems.show", "GET"): Case(lambda w: f"/ecosystems/{w.own_ecosystem}", everyone(200)),
    ("ecosystems.create", "GET"): Case(
        "/ecosystems/new", only([Role.ADMIN, Role.MINISTRY_OFFICER])
    ),
    ("ecosystems.create", "POST"): Case(
        "/ecosystems/new", only([Role.ADMIN, Role.MINISTRY_OFFICER], 422)
    ),
    ("ecosystems.edit", "GET"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/edit", only([Role.ADMIN, Role.MINISTRY_OFFICER])
    ),
    ("ecosystems.edit", "POST"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/edit",
        only([Role.ADMIN, Role.MINISTRY_OFFICER], 422),
        {"name_fr": ""},
    ),
    ("ecosystems.join", "POST"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/join", signed_in(302)
    ),
    ("ecosystems.members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/members",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.export_members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/members.xlsx",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.requests", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/requests",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.decide", "POST"): Case(
        lambda w: f"/ecosystems/memberships/{w.own_membership_id}/decision",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 302),
        {"decision": "approve"},
    ),
    # organisations
    ("organisations.show", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}",
        signed_in(200),
    ),
    ("organisations.edit", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}/edit",
        signed_in(200),
    ),
    ("organisations.edit", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}/edit",
        signed_in(422),
        {"name_fr": ""},
    ),
    ("organisations.new_accreditation", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/accreditations/new",
        only([Role.INFRASTRUCTURE_USER], 200, others=404),
    ),
    ("organisations.new_accreditation", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/accreditations/new",
        only([Role.INFRASTRUCTURE_USER], 422, others=404),
    ),
    ("organisations.edit_accreditation", "GET"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/edit"
        ),
        only([Role.INFRASTRUCTURE_USER], 200, others=404),
    ),
    ("organisations.edit_accreditation", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/edit"
        ),
        only([Role.INFRASTRUCTURE_USER], 422, others=404),
        {"certificate_number": ""},
    ),
    ("organisations.delete_accreditation", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/delete"
        ),
        only([Role.INFRASTRUCTURE_USER], 302, others=404),
    ),
    ("organisations.colleagues", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/colleagues", signed_in(200)
    ),
    # Test users are not organisation administrators: only platform administrators invite.
    ("organisations.colleagues", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/colleagues",
        only([Role.ADMIN], 422),
    ),
    ("organisations.set_colleague_active", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/colleagues/{w.colleague_id}/deactivate"
        ),
        only([Role.ADMIN], 302),
    ),
    # A member of the user's led ecosystem without any account: its federation (and the
    # administrators) invite its first user; the ministry sees it but does not invite.
    ("organisations.invite_first_user", "GET"): Case(
        lambda w: f"/organisations/{w.userless_member_id}/invite",
        {
            **only([Role.ADMIN, Role.FEDERATION_STAFF], 200, others=404),
            Role.MINISTRY_OFFICER.value: 403,
        },
    ),
    ("organisations.invite_first_user", "POST"): Case(
        lambda w: f"/organisations/{w.userless_member_id}/invite",
        {
            **only([Role.ADMIN, Role.FEDERATION_STAFF], 422, others=404),
            Role.MINISTRY_OFFICER.value: 403,
        },
        {"email": ""},
    ),
    # directories
    ("directory.organisations", "GET"): Case(
        "/directory/organisations",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("directory.export_organisations", "GET"): Case(
        "/directory/organisations.csv",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("directory.public", "GET"): Case("/directory/", everyone(200)),
    ("directory.public_profile", "GET"): Case(
        lambda w: f"/directory/{w.public_member_id}", everyone(200)
    ),
    # member import
    ("imports.upload", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("imports.upload", "POST"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 422),
    ),
    ("imports.confirm", "POST"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import/confirm",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 404),
    ),
    ("imports.template_csv", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import/template.csv",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    # quality experts
    ("experts.directory", "GET"): Case("/experts/", signed_in(200)),
    ("experts.detail", "GET"): Case("/experts/999999", signed_in(404)),
    ("experts.own_profile", "GET"): Case("/experts/me", signed_in(200)),
    ("experts.own_profile", "POST"): Case("/experts/me", signed_in(422), {"full_name": ""}),
    ("experts.delete_own_profile", "POST"): Case("/experts/me/delete", signed_in(404)),
    # conventions
    ("conventions.index", "GET"): Case("/conventions/", everyone(200)),
    # Out of scope (anonymous, not a party): the public summary.
    ("conventions.show", "GET"): Case(
        lambda w: f"/conventions/{w.other_convention_id}", everyone(200)
    ),
    ("conventions.create", "GET"): Case("/conventions/new", only(EDITORS)),
    ("conventions.create", "POST"): Case("/conventions/new", only(EDITORS, 422)),
    ("conventions.edit", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/edit", only(EDITORS)
    ),
    ("conventions.edit", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/edit", only(EDITORS, 422), {"title_fr": ""}
    ),
    ("conventions.change_status", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/status",
        only(EDITORS, 302),
        {"status": "completed"},
    ),
    ("conventions.add_party", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/new", only(EDITORS)
    ),
    ("conventions.add_party", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/new", only(EDITORS, 422)
    ),
    ("conventions.remove_party", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/{w.own_party_id}/remove",
        only(EDITORS, 302),
    ),
    ("conventions.add_commitment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/new", only(EDITORS)
    ),
    ("conventions.add_commitment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/new", only(EDITORS, 422)
    ),
    ("conventions.edit_commitment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/{w.own_commitment_id}/edit",
        only(EDITORS),
    ),
    ("conventions.edit_commitment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/{w.own_commitment_id}/edit",
        only(EDITORS, 422),
        {"description_fr": ""},
    ),
    ("conventions.add_milestone", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/new", only(EDITORS)
    ),
    ("conventions.add_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/new", only(EDITORS, 422)
    ),
    ("conventions.complete_milestone", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/complete",
        only(RECORDERS),
    ),
    # Without the completion date: the form comes back with its error.
    ("conventions.complete_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/complete",
        only(RECORDERS, 422),
    ),
    # The milestone is not done: told so, back to the convention.
    ("conventions.reopen_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/reopen",
        only(RECORDERS, 302),
        {"version": "1"},
    ),
    ("conventions.add_indicator", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/indicators/new", only(EDITORS)
    ),
    ("conventions.add_indicator", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/indicators/new", only(EDITORS, 422)
    ),
    # On a convention the federation is not party to: 404 for its staff.
    ("conventions.add_measurement", "POST"): Case(
        lambda w: (
            f"/conventions/{w.other_convention_id}/indicators/{w.other_indicator_id}/measurements"
        ),
        {**only(RECORDERS, 422), Role.FEDERATION_STAFF.value: 404},
    ),
    ("conventions.add_amendment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/amendments/new", only(EDITORS)
    ),
    ("conventions.add_amendment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/amendments/new", only(EDITORS, 422)
    ),
    # convention documents, report, export
    ("convention_files.upload", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents", only(EDITORS, 422)
    ),
    ("convention_files.download", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents/{w.own_document_id}",
        signed_in(200, anonymous=404),
    ),
    ("convention_files.delete", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents/{w.own_document_id}/delete",
        only(EDITORS, 302),
    ),
    ("convention_files.report", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/report", signed_in(200, anonymous=404)
    ),
    ("convention_files.export_xlsx", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/export.xlsx",
        signed_in(200, anonymous=404),
    ),
    # certification support
    ("support.cases", "GET"): Case("/support/", only(CASE_READERS)),
    ("support.new_case", "GET"): Case("/support/new", only([Role.SME_USER])),
    ("support.new_case", "POST"): Case("/support/new", only([Role.SME_USER], 422)),
    ("support.case", "GET"): Case(lambda w: f"/support/{w.own_case_id}", only(CASE_READERS)),
    ("support.update_case", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/details",
        only(CASE_MANAGERS, 422),
        {"cofinancing_rate": "150"},
    ),
    # A step that skips the ones between is refused (flash and redirect).
    ("support.advance", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/advance",
        only(CASE_MANAGERS, 302),
        {"to": "diagnostic"},
    ),
    ("support.close", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/close", only(CASE_MANAGERS, 422), {"reason": ""}
    ),
    ("support.add_audit", "GET"): Case(
        lambda w: f"/support/{w.own_case_id}/audits/new", only(CASE_MANAGERS)
    ),
    ("support.add_audit", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/audits/new", only(CASE_MANAGERS, 422)
    ),
    ("support.add_nonconformity", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/audits/{w.own_audit_id}/nonconformities",
        only(CASE_MANAGERS, 422),
    ),
    ("support.close_nonconformity", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/nonconformities/{w.own_nonconformity_id}/close",
        only(CASE_MANAGERS, 302),
    ),
    ("support.certify", "GET"): Case(
        lambda w: f"/support/{w.own_case_id}/certify", only(CASE_MANAGERS)
    ),
    ("support.certify", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/certify", only(CASE_MANAGERS, 422)
    ),
    ("support.pipeline", "GET"): Case(
        "/support/pipeline", only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF])
    ),
    ("support.certificates", "GET"): Case("/certificates/", only(CERTIFICATE_READERS)),
    ("support.certificate", "GET"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}", only(CERTIFICATE_READERS)
    ),
    ("support.set_certificate_status", "POST"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}/status",
        only([Role.ADMIN, Role.INFRASTRUCTURE_USER], 302),
        {"status": "suspended", "reason": "Audit de surveillance non réalisé", "version": "1"},
    ),
    ("support.record_certificate", "GET"): Case(
        "/certificates/new", only([Role.INFRASTRUCTURE_USER])
    ),
    ("support.record_certificate", "POST"): Case(
        "/certificates/new", only([Role.INFRASTRUCTURE_USER], 422)
    ),
    ("support.verify", "GET"): Case("/certificates/verify", everyone(200)),
    # diagnostics and action plans
    ("diagnostics.index", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics", only(CASE_READERS, others=404)
    ),
    ("diagnostics.start", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/new", case_work(302)
    ),
    ("diagnostics.fill", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}",
        only(CASE_READERS, others=404),
    ),
    ("diagnostics.fill", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_draft_number}",
        case_work(422),
        {"rating-4.1": "not_applicable", "save": "1"},
    ),
    ("diagnostics.result", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}/result",
        only(CASE_READERS, others=404),
    ),
    ("diagnostics.evidence", "GET"): Case(
        lambda w: (
            f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}"
            f"/evidence/{w.own_evidence_id}"
        ),
        only(CASE_READERS, others=404),
    ),
    ("diagnostics.action_plan", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan", only(CASE_READERS, others=404)
    ),
    ("diagnostics.add_action", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan", case_work(422), {"title": ""}
    ),
    ("diagnostics.update_action", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan/{w.own_action_item_id}",
        case_work(422),
    ),
    ("diagnostics.draft_plan", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan/draft", case_work(302)
    ),
    # service requests
    ("service_requests.index", "GET"): Case("/requests/", only(REQUEST_VIEWERS)),
    ("service_requests.new", "GET"): Case("/requests/new", only([Role.SME_USER])),
    ("service_requests.new", "POST"): Case("/requests/new", only([Role.SME_USER], 422)),
    ("service_requests.show", "GET"): Case(
        lambda w: f"/requests/{w.other_request_id}", OUT_OF_SCOPE_REQUEST
    ),
    ("service_requests.respond", "POST"): Case(
        lambda w: f"/requests/{w.own_request_id}/respond",
        only([Role.INFRASTRUCTURE_USER], 302),
        {"action": "accept", "version": "1"},
    ),
    ("service_requests.attachment", "GET"): Case(
        lambda w: f"/requests/{w.other_request_id}/attachments/{w.other_request_attachment_id}",
        OUT_OF_SCOPE_REQUEST,
    ),
    # training: topics, needs, demand
    ("training.topics", "GET"): Case("/training/topics", signed_in(200)),
    ("training.edit_topic", "GET"): Case(
        lambda w: f"/training/topics/{w.training_topic_id}/edit",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("training.edit_topic", "POST"): Case(
        "/training/topics/new", only([Role.ADMIN, Role.FEDERATION_STAFF], 422), {"code": ""}
    ),
    ("training.needs", "GET"): Case("/training/needs", only(TRAINING_NEED_READERS)),
    ("training.export_needs", "GET"): Case("/training/needs.csv", only(TRAINING_NEED_READERS)),
    ("training.new_need", "GET"): Case("/training/needs/new", only([Role.SME_USER])),
    ("training.new_need", "POST"): Case("/training/needs/new", only([Role.SME_USER], 422)),
    # Another company's need: 404 for a company.
    ("training.edit_need", "GET"): Case(
        lambda w: f"/training/needs/{w.other_need_id}/edit", only([Role.SME_USER], 404)
    ),
    ("training.edit_need", "POST"): Case(
        lambda w: f"/training/needs/{w.own_need_id}/edit",
        only([Role.SME_USER], 422),
        {"people": "0"},
    ),
    ("training.decide_need", "POST"): Case(
        lambda w: f"/training/needs/{w.own_need_id}/decision",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 302),
        {"decision": "validate"},
    ),
    ("training.demand", "GET"): Case("/training/demand", only(DEMAND_READERS)),
    ("training.export_demand", "GET"): Case("/training/demand.xlsx", only(DEMAND_READERS)),
    ("training.cell", "GET"): Case(
        lambda w: f"/training/demand/cell?topic={w.training_topic_id}&region=MA-06&quarter=2026-Q1",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    # training: offers, planning, sessions, enrolment, attendance, evaluation
    ("training.offers", "GET"): Case("/training/offers", signed_in(200)),
    ("training.edit_offer", "GET"): Case(
        lambda w: f"/training/offers/{w.own_offer_id}/edit", only([Role.INSTITUTE_USER])
    ),
    ("training.edit_offer", "POST"): Case(
        lambda w: f"/training/offers/{w.own_offer_id}/edit",
        only([Role.INSTITUTE_USER], 422),
        {"title_fr": ""},
    ),
    ("training.plan", "GET"): Case(training_plan_path, only([Role.ADMIN, Role.FEDERATION_STAFF])),
    ("training.plan", "POST"): Case(
        training_plan_path, only([Role.ADMIN, Role.FEDERATION_STAFF], 422)
    ),
    ("training.sessions", "GET"): Case("/training/sessions", only(SESSION_VIEWERS)),
    ("training.session", "GET"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}", only(SESSION_VIEWERS)
    ),
    ("training.enrol", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/enrol",
        only([Role.SME_USER], 422),
        {"participant_name": ""},
    ),
    ("training.cancel_enrolment", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/enrolments/{w.own_enrolment_id}/cancel",
        only([Role.SME_USER], 302),
    ),
    ("training.attendance", "GET"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/attendance",
        only([Role.INSTITUTE_USER]),
    ),
    ("training.attendance", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/attendance",
        only([Role.INSTITUTE_USER], 422),
        {"attended": "999999"},
    ),
    ("training.evaluate", "GET"): Case(
        lambda w: f"/training/sessions/{w.held_session_id}/evaluation", only(SESSION_VIEWERS)
    ),
    ("training.evaluate", "POST"): Case(
        lambda w: f"/training/sessions/{w.held_session_id}/evaluation",
        only([Role.SME_USER], 422),
    ),
    ("training.export_sessions", "GET"): Case(
        "/training/sessions.csv",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.INSTITUTE_USER]),
    ),
    # notifications
    ("notifications.index", "GET"): Case("/notifications/", signed_in(200)),
    ("notifications.mark_read", "POST"): Case("/notifications/read", signed_in(302)),
}


def routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def test_every_route_is_in_the_matrix(app):
    missing = routes(app) - set(MATRIX)
    stale = set(MATRIX) - routes(app)
    assert not missing, f"routes without access expectations: {sorted(missing)}"
    assert not stale, f"expectations for routes that do not exist: {sorted(stale)}"


def test_every_case_covers_every_audience():
    for key, case in MATRIX.items():
        assert set(case.expect) == set(AUDIENCES), key


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]}:{r[1]}")
def test_access(client, db, route, audience):
    case = MATRIX[route]
    user = None
    if audience != ANONYMOUS:
        user = make_user(audience)
        sign_in(client, user)
    world = build_world(user)
    path = case.path(world) if callable(case.path) else case.path
    _endpoint, method = route
    response = client.get(path) if method == "GET" else post_form(client, path, case.data)
    assert response.status_code == case.expect[audience], (
        f"{method} {path} as {audience}: {response.status_code}"
    )
