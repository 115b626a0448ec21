"""factory_boy factories for the models, and ``make_user`` for any role.

Factories of objects that belong to others take the owners' ids (``convention_id=...``,
``organisation_id=...``); left out, a new owner is made. Reference data (standards, training
topics) is read from the catalogue the migrations insert.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Accreditation,
    AccreditationStandard,
    AuditKind,
    CaseKind,
    CaseStage,
    Certificate,
    Commitment,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintTarget,
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionType,
    Diagnostic,
    Ecosystem,
    Enrolment,
    EnrolmentStatus,
    Indicator,
    InfrastructureNeed,
    InfrastructureType,
    JobCategory,
    Level,
    Membership,
    MembershipRole,
    MembershipStatus,
    Milestone,
    Modality,
    NeedStatus,
    Nonconformity,
    Organisation,
    OrganisationKind,
    PartyRole,
    Priority,
    QualityAudit,
    Role,
    ServiceField,
    ServiceKind,
    ServiceOffer,
    ServiceRequest,
    SessionStatus,
    Standard,
    SupportCase,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    TrainingTopic,
    User,
)
from portal.models.base import utcnow
from portal.models.organisation import ice_check_digits
from portal.models.user import ROLE_ORGANISATION_KINDS
from portal.services.passwords import hash_password

DEFAULT_PASSWORD = "correct horse battery staple 42"


def valid_ice(n: int) -> str:
    """A valid ICE built from a sequence number."""
    first13 = f"{n:013d}"
    return first13 + ice_check_digits(first13)


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.SME
    name_fr = factory.Sequence(lambda n: f"Société d'essai {n}")
    name_ar = factory.Sequence(lambda n: f"شركة تجريبية {n}")
    region = "MA-06"
    city = "Casablanca"
    ice = factory.LazyAttributeSequence(
        lambda o, n: valid_ice(9_000_000 + n) if o.kind == OrganisationKind.SME else None
    )


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Utilisatrice {n}")
    role = Role.SME_USER
    organisation = factory.SubFactory(OrganisationFactory)
    password_hash = factory.LazyFunction(lambda: hash_password(DEFAULT_PASSWORD))
    preferred_locale = "fr"
    active = True
    email_confirmed_at = factory.LazyFunction(utcnow)


class EcosystemFactory(BaseFactory):
    class Meta:
        model = Ecosystem

    slug = factory.Sequence(lambda n: f"ecosysteme-{n}")
    sector_fr = "Industrie automobile"
    sector_ar = "صناعة السيارات"
    name_fr = factory.Sequence(lambda n: f"Écosystème {n}")
    name_ar = factory.Sequence(lambda n: f"منظومة {n}")
    lead_federation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FEDERATION)


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    ecosystem = factory.SubFactory(EcosystemFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER_SME
    status = MembershipStatus.ACTIVE
    requested_at = factory.LazyFunction(utcnow)


def members_of(
    ecosystem: Ecosystem, organisations: list[dict], status=MembershipStatus.ACTIVE
) -> list[Organisation]:
    """Organisations (one per dict of fields) made members of the ecosystem, inserted in one
    flush: the hundreds a query-count test needs, without a flush per object."""
    made = [OrganisationFactory.build(**fields) for fields in organisations]
    memberships = [
        MembershipFactory.build(ecosystem=ecosystem, organisation=organisation, status=status)
        for organisation in made
    ]
    db.session.add_all([*made, *memberships])
    db.session.flush()
    return made


def make_user(role: str | Role, organisation: Organisation | None = None, **kwargs) -> User:
    """A user of the role, in a new organisation of the matching kind unless one is given."""
    role = Role(role)
    if organisation is None:
        kind = (ROLE_ORGANISATION_KINDS[role] or (OrganisationKind.MINISTRY,))[0]
        organisation = OrganisationFactory(kind=kind)
    return UserFactory(role=role, organisation=organisation, **kwargs)


# --- reference data ---------------------------------------------------------------------------


def standard(code: str = "iso_9001") -> Standard:
    """A standard of the catalogue, by code."""
    return db.session.execute(select(Standard).where(Standard.code == code)).scalar_one()


def training_topic(code: str = "iso_9001_requirements") -> TrainingTopic:
    """A topic of the training catalogue, by code."""
    return db.session.execute(select(TrainingTopic).where(TrainingTopic.code == code)).scalar_one()


def _sme_id():
    return factory.LazyFunction(lambda: OrganisationFactory(kind=OrganisationKind.SME).id)


# --- conventions ------------------------------------------------------------------------------


class ConventionFactory(BaseFactory):
    class Meta:
        model = Convention

    reference = factory.Sequence(lambda n: f"CONV-{n}")
    title_fr = factory.LazyAttribute(lambda o: f"Convention {o.reference}")
    title_ar = factory.LazyAttribute(lambda o: f"اتفاقية {o.reference}")
    ecosystem_id = factory.LazyFunction(lambda: EcosystemFactory().id)
    type = ConventionType.PARTNERSHIP
    signed_on = date(2024, 1, 10)
    effective_from = date(2024, 1, 10)
    ends_on = date(2027, 12, 31)
    status = ConventionStatus.IN_PROGRESS


class ConventionPartyFactory(BaseFactory):
    class Meta:
        model = ConventionParty

    convention_id = factory.LazyFunction(lambda: ConventionFactory().id)
    organisation_id = factory.LazyFunction(lambda: OrganisationFactory().id)
    role = PartyRole.SIGNATORY


class CommitmentFactory(BaseFactory):
    """A commitment of a party (of the convention given, else of a new one)."""

    class Meta:
        model = Commitment

    convention_id = factory.LazyFunction(lambda: ConventionFactory().id)
    party_id = factory.LazyAttribute(
        lambda o: ConventionPartyFactory(convention_id=o.convention_id).id
    )
    description_fr = "Engagement"
    description_ar = "التزام"


class MilestoneFactory(BaseFactory):
    class Meta:
        model = Milestone

    convention_id = factory.LazyFunction(lambda: ConventionFactory().id)
    title_fr = "Jalon"
    title_ar = "مرحلة"
    due_date = date(2026, 6, 30)


class IndicatorFactory(BaseFactory):
    class Meta:
        model = Indicator

    convention_id = factory.LazyFunction(lambda: ConventionFactory().id)
    name_fr = "PME"
    name_ar = "مقاولات"
    baseline = Decimal(0)
    baseline_date = date(2024, 1, 10)
    target = Decimal(10)
    target_date = date(2027, 12, 31)


# --- certification support -----------------------------------------------------------------


def certification_body(**kwargs) -> Organisation:
    """An infrastructure organisation that certifies."""
    return OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.CERTIFICATION_BODY,
        **kwargs,
    )


def testing_lab(**kwargs) -> Organisation:
    """An infrastructure organisation that tests products."""
    return OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.TESTING_LAB,
        **kwargs,
    )


class SupportCaseFactory(BaseFactory):
    """A company's ISO 9001 case in an ecosystem, at the request stage unless told."""

    class Meta:
        model = SupportCase

    organisation_id = _sme_id()
    ecosystem_id = factory.LazyFunction(lambda: EcosystemFactory().id)
    standard_id = factory.LazyFunction(lambda: standard().id)
    kind = CaseKind.INITIAL
    stage = CaseStage.REQUESTED


class DiagnosticFactory(BaseFactory):
    class Meta:
        model = Diagnostic

    case_id = factory.LazyFunction(lambda: SupportCaseFactory().id)
    number = 1


class QualityAuditFactory(BaseFactory):
    class Meta:
        model = QualityAudit

    case_id = factory.LazyFunction(lambda: SupportCaseFactory().id)
    kind = AuditKind.INTERNAL
    held_on = date(2025, 1, 15)


class NonconformityFactory(BaseFactory):
    class Meta:
        model = Nonconformity

    audit_id = factory.LazyFunction(lambda: QualityAuditFactory().id)
    description = "Constat"


class CertificateFactory(BaseFactory):
    """An ISO 9001 certificate of a company, issued by a certification body."""

    class Meta:
        model = Certificate

    number = factory.Sequence(lambda n: f"CERT-{n:05d}")
    organisation_id = _sme_id()
    standard_id = factory.LazyFunction(lambda: standard().id)
    issuing_body_id = factory.LazyFunction(lambda: certification_body().id)
    issued_on = date(2024, 3, 1)
    scope_fr = "Périmètre"


class ServiceRequestFactory(BaseFactory):
    """A company's testing request to a laboratory, submitted."""

    class Meta:
        model = ServiceRequest

    organisation_id = _sme_id()
    body_id = factory.LazyFunction(lambda: testing_lab().id)
    kind = ServiceKind.TESTING
    subject = factory.Sequence(lambda n: f"Demande {n}")
    submitted_on = date(2025, 1, 6)
    respond_by = date(2025, 1, 21)


class ComplaintFactory(BaseFactory):
    """A complaint about an institute, received on 6 January 2025 (due on the 21st, at the
    ministry after the 28th), from a company's user."""

    class Meta:
        model = Complaint

    kind = ComplaintKind.COMPLAINT
    category = ComplaintCategory.SERVICE_QUALITY
    subject = factory.Sequence(lambda n: f"Réclamation {n}")
    text = "La session a été annulée sans prévenir."
    target = ComplaintTarget.ORGANISATION
    target_id = factory.SelfAttribute("handler_id")
    handler_id = factory.LazyFunction(
        lambda: OrganisationFactory(kind=OrganisationKind.INSTITUTE).id
    )
    requester_id = factory.LazyFunction(lambda: make_user(Role.SME_USER).id)
    language = "fr"
    filed_on = date(2025, 1, 6)
    due_on = date(2025, 1, 21)
    ministry_on = date(2025, 1, 28)
    reference = factory.Sequence(lambda n: f"R-2025-{n + 1:06d}")


# --- training ---------------------------------------------------------------------------------


class TrainingNeedFactory(BaseFactory):
    """A company's submitted need for the ISO 9001 topic."""

    class Meta:
        model = TrainingNeed

    organisation_id = _sme_id()
    ecosystem_id = factory.LazyFunction(lambda: EcosystemFactory().id)
    topic_id = factory.LazyFunction(lambda: training_topic().id)
    job_category = JobCategory.OPERATORS
    people = 3
    level = Level.BEGINNER
    priority = Priority.HIGH
    quarter = "2026-Q1"
    region = "MA-06"
    modality = Modality.IN_PERSON
    status = NeedStatus.SUBMITTED


class TrainingOfferFactory(BaseFactory):
    """An institute's offer on the ISO 9001 topic."""

    class Meta:
        model = TrainingOffer

    institute_id = factory.LazyFunction(
        lambda: OrganisationFactory(kind=OrganisationKind.INSTITUTE).id
    )
    topic_id = factory.LazyFunction(lambda: training_topic().id)
    title_fr = "Offre"
    title_ar = "عرض"
    duration_hours = 14
    modality = Modality.IN_PERSON
    capacity = 10
    languages = "fr"
    regions = "MA-06"


class TrainingSessionFactory(BaseFactory):
    """A planned session of an offer (its institute and topic), in an ecosystem."""

    class Meta:
        model = TrainingSession

    offer = factory.SubFactory(TrainingOfferFactory)
    institute_id = factory.SelfAttribute("offer.institute_id")
    topic_id = factory.SelfAttribute("offer.topic_id")
    ecosystem_id = factory.LazyFunction(lambda: EcosystemFactory().id)
    region = "MA-06"
    quarter = "2025-Q1"
    starts_on = date(2025, 1, 6)
    ends_on = date(2025, 1, 7)
    place = "Casablanca"
    seats = 10
    status = SessionStatus.PLANNED


class EnrolmentFactory(BaseFactory):
    class Meta:
        model = Enrolment

    session_id = factory.LazyFunction(lambda: TrainingSessionFactory().id)
    organisation_id = _sme_id()
    participant_name = "Participant"
    status = EnrolmentStatus.ENROLLED


# --- who offers what (issue 15) -------------------------------------------------------------


def service_field(code: str = "testing_mechanical") -> ServiceField:
    """A reference field of service (loaded by the migrations)."""
    return db.session.execute(select(ServiceField).where(ServiceField.code == code)).scalar_one()


class AccreditationFactory(BaseFactory):
    """An ISO/IEC 17025 accreditation in force from 2024 to 2028."""

    class Meta:
        model = Accreditation

    organisation_id = factory.LazyFunction(lambda: testing_lab().id)
    standard = AccreditationStandard.ISO_IEC_17025
    certificate_number = factory.Sequence(lambda n: f"SEMAC-{n:04d}")
    valid_from = date(2024, 1, 1)
    valid_until = date(2028, 12, 31)


class ServiceOfferFactory(BaseFactory):
    """An entry of a body's catalogue: mechanical testing in Casablanca-Settat, in 10 days."""

    class Meta:
        model = ServiceOffer

    body_id = factory.LazyFunction(lambda: testing_lab().id)
    field_id = factory.LazyFunction(lambda: service_field().id)
    kind = factory.LazyAttribute(lambda o: db.session.get(ServiceField, o.field_id).kind)
    coverage = "NM ISO 6892-1"
    regions = "MA-06"
    lead_time_days = 10


def offer_service(
    body: Organisation,
    code: str = "testing_mechanical",
    regions: str = "MA-06",
    *,
    accredited: bool = False,
    **kwargs,
) -> ServiceOffer:
    """Give a body a catalogue entry for a field (by code), accredited if asked (an
    accreditation in force from 2024 to 2028 covering it)."""
    if accredited:
        kwargs["accreditation_id"] = AccreditationFactory(organisation_id=body.id).id
    return ServiceOfferFactory(
        body_id=body.id, field_id=service_field(code).id, regions=regions, **kwargs
    )


class InfrastructureNeedFactory(BaseFactory):
    """A company's need: 40 mechanical tests a year in Casablanca-Settat by 2025-Q2."""

    class Meta:
        model = InfrastructureNeed

    organisation_id = _sme_id()
    field_id = factory.LazyFunction(lambda: service_field().id)
    kind = factory.LazyAttribute(lambda o: db.session.get(ServiceField, o.field_id).kind)
    description = "Essais de traction"
    quantity_per_year = 40
    region = "MA-06"
    quarter = "2025-Q2"
