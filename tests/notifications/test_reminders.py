"""``flask reminders send`` (issue 12, item 5): with a fixed clock, each kind of reminder goes
to the users of the organisation that must act, in their language, in the portal and by
e-mail with an absolute link; run twice on the same day, it sends each reminder once."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    ActionItem,
    CertificateStatus,
    CommitmentStatus,
    Notification,
    OrganisationKind,
    ReminderSent,
    ServiceRequestStatus,
)
from tests.conftest import sent_mail
from tests.factories import (
    CertificateFactory,
    CommitmentFactory,
    ConventionFactory,
    ConventionPartyFactory,
    EnrolmentFactory,
    MilestoneFactory,
    OrganisationFactory,
    ServiceRequestFactory,
    SupportCaseFactory,
    TrainingSessionFactory,
    make_user,
)

TODAY = date(2026, 3, 2)


@pytest.fixture
def world(db):
    """Two organisations with a user each (one reads Arabic), a convention between them."""
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    company = OrganisationFactory(kind=OrganisationKind.SME, ice="001234567000089")
    staff = make_user("federation_staff", federation, preferred_locale="fr")
    owner = make_user("sme_user", company, preferred_locale="ar", email="gerant@atlas.ma")
    convention = ConventionFactory(reference="CONV-AUTO-7")
    federation_party = ConventionPartyFactory(
        convention_id=convention.id, organisation_id=federation.id
    )
    company_party = ConventionPartyFactory(convention_id=convention.id, organisation_id=company.id)
    return {
        "federation": federation,
        "company": company,
        "staff": staff,
        "owner": owner,
        "convention": convention,
        "federation_party": federation_party,
        "company_party": company_party,
    }


def kinds_of(user) -> list[str]:
    return sorted(
        _db.session.execute(select(Notification.kind).where(Notification.user_id == user.id))
        .scalars()
        .all()
    )


def run(app, clock, day=TODAY):
    """The command, as cron runs it, on ``day``."""
    clock(day)
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def test_commitments_and_milestones_due_soon_and_overdue_remind_the_parties(
    app, world, fixed_clock
):
    convention = world["convention"]
    CommitmentFactory(
        convention_id=convention.id,
        party_id=world["company_party"].id,
        description_fr="Désigner un responsable qualité",
        description_ar="تعيين مسؤول عن الجودة",
        due_date=TODAY + timedelta(days=10),
    )
    CommitmentFactory(
        convention_id=convention.id,
        party_id=world["federation_party"].id,
        due_date=TODAY - timedelta(days=3),
    )
    CommitmentFactory(  # done: nothing to remind
        convention_id=convention.id,
        party_id=world["federation_party"].id,
        due_date=TODAY - timedelta(days=3),
        status=CommitmentStatus.DONE,
    )
    CommitmentFactory(  # far away: not yet
        convention_id=convention.id,
        party_id=world["company_party"].id,
        due_date=TODAY + timedelta(days=40),
    )
    MilestoneFactory(convention_id=convention.id, due_date=TODAY + timedelta(days=14))
    MilestoneFactory(convention_id=convention.id, due_date=TODAY - timedelta(days=1))
    _db.session.commit()

    output = run(app, fixed_clock)
    assert "Reminders sent: 4" in output
    assert kinds_of(world["owner"]) == [
        "commitment_due_soon",
        "milestone_due_soon",
        "milestone_overdue",
    ]
    assert kinds_of(world["staff"]) == [
        "commitment_overdue",
        "milestone_due_soon",
        "milestone_overdue",
    ]
    # In the owner's language, with the date as the pages write it and a link to the portal.
    [mail] = [
        m
        for m in sent_mail(app)
        if m["To"] == "gerant@atlas.ma"
        and "تعيين مسؤول عن الجودة" in m.get_body(("plain",)).get_content()
    ]
    body = mail.get_body(("plain",)).get_content()
    assert "يحل أجل التزام لمؤسستكم" in body and "12 مارس 2026" in body
    assert re.search(rf"http://localhost/conventions/{convention.id}\b", body)


def test_run_twice_the_same_day_reminds_once(app, world, fixed_clock):
    MilestoneFactory(convention_id=world["convention"].id, due_date=TODAY + timedelta(days=2))
    _db.session.commit()
    assert "Reminders sent: 1" in run(app, fixed_clock)
    assert "Reminders sent: 0" in run(app, fixed_clock)
    assert kinds_of(world["owner"]) == ["milestone_due_soon"]
    mails = [m for m in sent_mail(app) if m["To"] == world["owner"].email]
    assert len(mails) == 1
    # Once overdue, the milestone is reminded again, once.
    assert "Reminders sent: 1" in run(app, fixed_clock, TODAY + timedelta(days=3))
    assert "Reminders sent: 0" in run(app, fixed_clock, TODAY + timedelta(days=4))
    assert kinds_of(world["owner"]) == ["milestone_due_soon", "milestone_overdue"]
    assert _db.session.scalar(select(func.count(ReminderSent.id))) == 2


def test_a_convention_not_running_reminds_nothing(app, world, fixed_clock):
    draft = ConventionFactory(status="draft")
    ConventionPartyFactory(convention_id=draft.id, organisation_id=world["company"].id)
    MilestoneFactory(convention_id=draft.id, due_date=TODAY + timedelta(days=2))
    _db.session.commit()
    assert "Reminders sent: 0" in run(app, fixed_clock)


def test_service_requests_remind_their_body_near_and_past_the_answer_date(app, world, fixed_clock):
    body = OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE)
    lab_user = make_user("infrastructure_user", body, preferred_locale="fr")
    soon = ServiceRequestFactory(
        organisation_id=world["company"].id, body_id=body.id, respond_by=TODAY + timedelta(days=4)
    )
    ServiceRequestFactory(
        organisation_id=world["company"].id, body_id=body.id, respond_by=TODAY - timedelta(days=1)
    )
    ServiceRequestFactory(  # answered: nothing
        organisation_id=world["company"].id,
        body_id=body.id,
        respond_by=TODAY - timedelta(days=1),
        status=ServiceRequestStatus.ANSWERED,
    )
    ServiceRequestFactory(  # days ahead: not yet
        organisation_id=world["company"].id, body_id=body.id, respond_by=TODAY + timedelta(days=9)
    )
    _db.session.commit()
    run(app, fixed_clock)
    assert kinds_of(lab_user) == ["service_request_due_soon", "service_request_overdue"]
    [notice] = _db.session.execute(
        select(Notification).where(
            Notification.user_id == lab_user.id, Notification.kind == "service_request_due_soon"
        )
    ).scalars()
    assert notice.link == f"/requests/{soon.id}"


def test_certificates_sessions_and_action_items(app, world, fixed_clock):
    company = world["company"]
    CertificateFactory(organisation_id=company.id, issued_on=date(2023, 4, 15))  # ends 2026-04-15
    CertificateFactory(organisation_id=company.id, issued_on=date(2023, 9, 1))  # not yet
    body = OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE)
    auditor = make_user("infrastructure_user", body, preferred_locale="fr")
    # Surveillance at 12 months on 2026-04-15, at 24 months on 2026-04-20: within 60 days.
    CertificateFactory(
        organisation_id=company.id, issuing_body_id=body.id, issued_on=date(2025, 4, 15)
    )
    CertificateFactory(
        organisation_id=company.id, issuing_body_id=body.id, issued_on=date(2024, 4, 20)
    )
    CertificateFactory(
        organisation_id=company.id,
        issued_on=date(2023, 4, 20),
        status=CertificateStatus.WITHDRAWN,
    )
    session = TrainingSessionFactory(starts_on=TODAY + timedelta(days=5))
    EnrolmentFactory(session_id=session.id, organisation_id=company.id)
    TrainingSessionFactory(starts_on=TODAY + timedelta(days=5))  # nobody enrolled
    case = SupportCaseFactory(organisation_id=company.id)
    _db.session.add_all(
        [
            ActionItem(case_id=case.id, title="Rédiger la politique", due_date=TODAY),
            ActionItem(case_id=case.id, title="Former", due_date=TODAY - timedelta(days=8)),
        ]
    )
    _db.session.commit()
    run(app, fixed_clock)
    assert kinds_of(world["owner"]) == [
        "action_item_due_soon",
        "action_item_overdue",
        "certificate_expiring",
        "surveillance_audit_due",
        "surveillance_audit_due",
        "training_session_soon",
    ]
    assert kinds_of(auditor) == ["surveillance_audit_due", "surveillance_audit_due"]
