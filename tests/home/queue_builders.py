"""Builders for the work-queue tests: two ecosystems led by two federations, each with member
companies, and the rows each queue is made of, built with the model constructors."""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    ActionItem,
    ActionStatus,
    CaseKind,
    CaseStage,
    Certificate,
    CertificateStatus,
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionType,
    Diagnostic,
    Ecosystem,
    Enrolment,
    EnrolmentStatus,
    InfrastructureType,
    JobCategory,
    Level,
    Milestone,
    Modality,
    NeedStatus,
    Organisation,
    OrganisationKind,
    PartyRole,
    Priority,
    ServiceKind,
    ServiceRequest,
    ServiceRequestStatus,
    SessionStatus,
    Standard,
    SupportCase,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    TrainingTopic,
    User,
    add_months,
)
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

TODAY = date(2026, 3, 10)
NUMBERS = itertools.count(1)


@dataclass
class World:
    amica: Organisation
    fcp: Organisation
    automobile: Ecosystem
    chimie: Ecosystem
    sme_a: Organisation  # member of automobile
    sme_b: Organisation  # member of chimie
    certifier: Organisation
    lab: Organisation
    institute: Organisation
    other_institute: Organisation
    ministry: Organisation
    standard: Standard
    topics: list[TrainingTopic]


def build_world() -> World:
    """The organisations every queue test starts from (no work in any queue yet)."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    automobile = EcosystemFactory(
        lead_federation=amica, slug="automobile", name_fr="Automobile", name_ar="السيارات"
    )
    chimie = EcosystemFactory(
        lead_federation=fcp, slug="chimie", name_fr="Chimie", name_ar="الكيمياء"
    )
    sme_a = MembershipFactory(
        ecosystem=automobile, organisation=OrganisationFactory(name_fr="Câblerie Alpha")
    ).organisation
    sme_b = MembershipFactory(
        ecosystem=chimie, organisation=OrganisationFactory(name_fr="Détergents Bêta")
    ).organisation
    return World(
        amica=amica,
        fcp=fcp,
        automobile=automobile,
        chimie=chimie,
        sme_a=sme_a,
        sme_b=sme_b,
        certifier=OrganisationFactory(
            kind=OrganisationKind.INFRASTRUCTURE,
            infrastructure_type=InfrastructureType.CERTIFICATION_BODY,
            acronym="CERTIMA",
        ),
        lab=OrganisationFactory(
            kind=OrganisationKind.INFRASTRUCTURE,
            infrastructure_type=InfrastructureType.TESTING_LAB,
            acronym="LABO",
        ),
        institute=OrganisationFactory(kind=OrganisationKind.INSTITUTE),
        other_institute=OrganisationFactory(kind=OrganisationKind.INSTITUTE),
        ministry=OrganisationFactory(kind=OrganisationKind.MINISTRY),
        standard=db.session.execute(
            select(Standard).where(Standard.code == "iso_9001")
        ).scalar_one(),
        topics=list(
            db.session.execute(select(TrainingTopic).order_by(TrainingTopic.id).limit(3)).scalars()
        ),
    )


def user_of(role: str, organisation: Organisation) -> User:
    return make_user(role, organisation=organisation, preferred_locale="fr")


def add(obj):
    db.session.add(obj)
    db.session.flush()
    return obj


def join_request(ecosystem: Ecosystem, days_ago: int = 3, **kwargs):
    from portal.models import MembershipStatus

    return MembershipFactory(
        ecosystem=ecosystem,
        status=kwargs.pop("status", MembershipStatus.REQUESTED),
        requested_at=datetime(2026, 3, 9, 9, tzinfo=UTC) - timedelta(days=days_ago),
        **kwargs,
    )


def need(
    world: World, organisation, ecosystem, *, status=NeedStatus.SUBMITTED, topic=0, people=3, **kw
):
    return add(
        TrainingNeed(
            organisation_id=organisation.id,
            ecosystem_id=ecosystem.id,
            topic_id=world.topics[topic].id,
            job_category=JobCategory.QUALITY_STAFF,
            people=people,
            level=Level.BEGINNER,
            priority=Priority.HIGH,
            quarter="2026-Q3",
            region="MA-06",
            modality=Modality.IN_PERSON,
            status=status,
            **kw,
        )
    )


def case(world: World, organisation, ecosystem, stage: CaseStage) -> SupportCase:
    return add(
        SupportCase(
            organisation_id=organisation.id,
            ecosystem_id=ecosystem.id,
            standard_id=world.standard.id,
            kind=CaseKind.INITIAL,
            stage=stage,
        )
    )


def completed_diagnostic(support_case: SupportCase) -> Diagnostic:
    return add(Diagnostic(case_id=support_case.id, number=1, completed_on=TODAY))


def action(support_case: SupportCase, status=ActionStatus.OPEN) -> ActionItem:
    return add(ActionItem(case_id=support_case.id, title="Revue de direction", status=status))


def service_request(organisation, body, *, days_ago: int, status=ServiceRequestStatus.SUBMITTED):
    submitted = TODAY - timedelta(days=days_ago)
    return add(
        ServiceRequest(
            organisation_id=organisation.id,
            body_id=body.id,
            kind=ServiceKind.TESTING,
            subject=f"Essais {organisation.name_fr} {days_ago}",
            status=status,
            submitted_on=submitted,
            respond_by=submitted + timedelta(days=15),
        )
    )


def certificate(world: World, organisation, *, months_ago: int, body=None, **kwargs):
    return add(
        Certificate(
            number=f"CERT-{next(NUMBERS):05d}",
            organisation_id=organisation.id,
            standard_id=world.standard.id,
            issuing_body_id=(body or world.certifier).id,
            issued_on=add_months(TODAY, -months_ago),
            status=kwargs.pop("status", CertificateStatus.VALID),
            **kwargs,
        )
    )


def convention(world: World, parties, *, status=ConventionStatus.IN_PROGRESS, reference=None):
    found = add(
        Convention(
            reference=reference or f"CONV-{next(NUMBERS):04d}",
            title_fr="Convention de test",
            title_ar="اتفاقية",
            ecosystem_id=world.automobile.id,
            type=ConventionType.PARTNERSHIP,
            signed_on=date(2024, 1, 1),
            ends_on=date(2027, 12, 31),
            status=status,
            budget_mad=Decimal("1000"),
        )
    )
    for organisation in parties:
        add(
            ConventionParty(
                convention_id=found.id, organisation_id=organisation.id, role=PartyRole.SIGNATORY
            )
        )
    return found


def milestone(found: Convention, *, due_in: int, done: bool = False) -> Milestone:
    due = TODAY + timedelta(days=due_in)
    return add(
        Milestone(
            convention_id=found.id,
            title_fr=f"Jalon {due_in}",
            title_ar="مرحلة",
            due_date=due,
            completed_on=due if done else None,
        )
    )


def offer(institute, topic, *, active=True) -> TrainingOffer:
    return add(
        TrainingOffer(
            institute_id=institute.id,
            topic_id=topic.id,
            title_fr="Offre",
            title_ar="عرض",
            duration_hours=14,
            modality=Modality.IN_PERSON,
            capacity=12,
            regions="MA-06",
            active=active,
        )
    )


def session(
    world: World, the_offer, *, starts_in: int, days: int = 2, status=SessionStatus.PLANNED
):
    starts = TODAY + timedelta(days=starts_in)
    return add(
        TrainingSession(
            offer_id=the_offer.id,
            institute_id=the_offer.institute_id,
            topic_id=the_offer.topic_id,
            ecosystem_id=world.automobile.id,
            region="MA-06",
            quarter="2026-Q1",
            starts_on=starts,
            ends_on=starts + timedelta(days=days - 1),
            place="Salle 1",
            seats=10,
            status=status,
        )
    )


def enrolment(the_session, organisation, status=EnrolmentStatus.ENROLLED) -> Enrolment:
    return add(
        Enrolment(
            session_id=the_session.id,
            organisation_id=organisation.id,
            participant_name="Samira",
            status=status,
        )
    )


# --- reading the page -------------------------------------------------------------------------

SECTION = re.compile(
    r'<section id="queue-(?P<key>[a-z_]+)"[^>]*data-total="(?P<total>\d+)">(?P<body>.*?)</section>',
    re.S,
)
ITEM_LINK = re.compile(r'<li class="list-group-item">\s*<div[^>]*>\s*<a [^>]*href="([^"]+)"')


@dataclass
class ShownSection:
    total: int
    links: list[str]
    html: str


def sections(page: str) -> dict[str, ShownSection]:
    """The queue sections of a home page by key: total, item links (unescaped), markup."""
    return {
        m["key"]: ShownSection(
            int(m["total"]),
            [html.unescape(href) for href in ITEM_LINK.findall(m["body"])],
            m["body"],
        )
        for m in SECTION.finditer(page)
    }


def message(msgid: str, **values) -> str:
    """A message as the French pages show it (escaped as Jinja does)."""
    from markupsafe import escape

    with current_app.test_request_context(), force_locale("fr_MA"):
        return str(escape(gettext(msgid, **values)))


def plural(singular: str, plural: str, num: int, **values) -> str:
    """A counted message as the French pages show it (escaped as Jinja does)."""
    from flask_babel import ngettext
    from markupsafe import escape

    with current_app.test_request_context(), force_locale("fr_MA"):
        return str(escape(ngettext(singular, plural, num, **values)))


def days_late(days: int) -> str:
    """ "N days late" as the French pages show it."""
    return plural("%(num)d day late", "%(num)d days late", days)


def days_left(days: int) -> str:
    """ "in N days" as the French pages show it."""
    return plural("in %(num)d day", "in %(num)d days", days)
