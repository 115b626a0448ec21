"""The demo dataset, seeded once for the module: its conventions, certificates, training data
and each demo account's home queue (each test inside a SAVEPOINT rolled back at its end)."""

import pytest
from sqlalchemy import func, select

from portal import clock
from tests.conftest import module_database, savepoint_database


@pytest.fixture(scope="module")
def seeded(app):
    """The demo dataset seeded once for the module (rolled back at its end): the connection
    it is on and the report of the seeding."""
    from portal.demo.seed import seed
    from portal.extensions import db

    with module_database(app) as connection:
        with app.test_request_context():
            report = seed()
            db.session.commit()  # releases a SAVEPOINT: the module's transaction keeps it
        yield connection, report


@pytest.fixture
def demo_db(app, seeded):
    """The database holding the seeded demo dataset, each test inside a SAVEPOINT rolled back
    at its end."""
    with savepoint_database(app, seeded[0]) as db:
        yield db


def test_demo_seeds_the_two_conventions_of_22_november_2023(app, demo_db):
    from datetime import date

    from portal.models import Convention
    from portal.services.conventions import load_view

    with app.test_request_context():
        conventions = {
            c.reference: c for c in demo_db.session.execute(select(Convention)).scalars()
        }
        assert set(conventions) == {"MIC-AMICA-2023-01", "MIC-FCP-2023-02"}
        automotive = load_view(conventions["MIC-AMICA-2023-01"], date(2026, 11, 21))
        assert automotive.convention.signed_on == date(2023, 11, 22)
        assert {p.organisation.acronym for p in automotive.parties} == {"MIC", "AMICA"}
        assert sum(len(c) for c in automotive.commitments.values()) == 7
        assert [m.title_fr for m in automotive.late_milestones] == [
            "Plan de formation remis aux instituts"
        ]
        assert automotive.at_risk
        assert 0.5 < automotive.progress < 0.9
        # A milestone done late, with its evidence; a commitment left late.
        campaign = next(m for m in automotive.milestones if m.title_fr.startswith("Campagne"))
        assert campaign.days_late(date(2026, 11, 21)) == 18 and campaign.evidence_note
        assert [c.description_fr[:28] for c in automotive.late_commitments] == [
            "Porter les besoins en format"
        ]
        chemistry = load_view(conventions["MIC-FCP-2023-02"], date(2026, 11, 21))
        assert not chemistry.late_milestones and not chemistry.late_commitments


def test_demo_has_a_suspended_certificate_with_its_reasons(app, demo_db):
    from portal.models import Certificate, CertificateStatus
    from portal.services.certification.certificates import current_reason, status_history

    with app.test_request_context():
        suspended = demo_db.session.execute(
            select(Certificate).where(Certificate.status == CertificateStatus.SUSPENDED)
        ).scalar_one()
        history = status_history(suspended)
        assert [(h.from_status, h.to_status) for h in history] == [
            (CertificateStatus.VALID, CertificateStatus.SUSPENDED),
            (CertificateStatus.SUSPENDED, CertificateStatus.VALID),
            (CertificateStatus.VALID, CertificateStatus.SUSPENDED),
        ]
        assert current_reason(suspended, history).reason.startswith("Audit de surveillance")


def test_demo_training_data_and_demand(app, demo_db):
    from portal.models import (
        Enrolment,
        NeedStatus,
        SessionStatus,
        SurveyInvitation,
        SurveyOccasion,
        TrainingNeed,
        TrainingOffer,
        TrainingSession,
        TrainingTopic,
    )
    from portal.services.accounts import find_user_by_email
    from portal.services.training import (
        demand,
        matching_offers,
    )
    from tests.factories import make_user

    with app.test_request_context():
        statuses = {n.status for n in demo_db.session.execute(select(TrainingNeed)).scalars()}
        assert statuses >= {
            NeedStatus.SUBMITTED,
            NeedStatus.VALIDATED,
            NeedStatus.FULFILLED,
            NeedStatus.DECLINED,
        }
        assert demo_db.session.execute(select(func.count(TrainingOffer.id))).scalar_one() == 7
        # Two sessions held (with attendance; the demo company has one to evaluate), two planned.
        held = demo_db.session.execute(
            select(TrainingSession.id).where(TrainingSession.status == SessionStatus.HELD)
        ).scalars()
        # Attending companies, and those of them that evaluated, per held session.
        attended = {
            session: (
                set(
                    demo_db.session.execute(
                        select(Enrolment.organisation_id).where(
                            Enrolment.session_id == session, Enrolment.attended.is_(True)
                        )
                    ).scalars()
                ),
                set(
                    demo_db.session.execute(
                        select(SurveyInvitation.organisation_id).where(
                            SurveyInvitation.occasion == SurveyOccasion.TRAINING_SESSION,
                            SurveyInvitation.subject_id == session,
                            SurveyInvitation.answered_on.is_not(None),
                        )
                    ).scalars()
                ),
            )
            for session in held
        }
        demo_company = find_user_by_email("pme@example.org").organisation_id
        assert len(attended) == 2
        assert [
            demo_company in came and demo_company not in rated for came, rated in attended.values()
        ].count(True) == 1
        # The institute's home has a coming session and one whose attendance is to record.
        planned = demo_db.session.execute(
            select(TrainingSession).where(TrainingSession.status == SessionStatus.PLANNED)
        ).scalars()
        assert sorted(s.ends_on > clock.today() for s in planned) == [False, True]
        cells = demand(make_user("ministry_officer"))
        assert sum(c.people for c in cells) == sum(
            n.people
            for n in demo_db.session.execute(
                select(TrainingNeed).where(TrainingNeed.status == NeedStatus.VALIDATED)
            ).scalars()
        )
        apqp_topic = demo_db.session.execute(
            select(TrainingTopic).where(TrainingTopic.code == "apqp")
        ).scalar_one()
        cell = next(c for c in cells if c.topic_id == apqp_topic.id and c.region == "MA-01")
        best, score = matching_offers(cell.topic_id, cell.region, cell.people)[0]
        assert best.title_fr == "APQP et PPAP en pratique" and score >= 4


def test_every_demo_account_has_work_in_its_home_queue(app, demo_db, seeded):
    from portal.services.accounts import find_user_by_email
    from portal.services.work_queue import home_for

    with app.test_request_context():
        report = seeded[1]
        for email, _role, _password in report.accounts:
            home = home_for(find_user_by_email(email), clock.today())
            waiting = {s.key: s.total for s in home.sections}
            assert sum(waiting.values()) > 0, (email, waiting)


def test_demo_tells_the_journeys_of_the_source_documents(app, demo_db):
    """Issue 14, item 7: the urban agency's twelve months with its consulting firm and
    steering committees up to its first surveillance audit; an automotive SME's IATF 16949
    certificate overdue for surveillance; a certificate AMICA recorded, confirmed by its
    body."""
    from portal.models import (
        Certificate,
        CertificateStatus,
        CertificateStatusChange,
        ManagementReview,
        Organisation,
        OrganisationKind,
        QualityObjective,
        QualityPolicy,
        SteeringMeeting,
        SupportCase,
    )
    from portal.services.certification import surveillance

    today = clock.today()
    with app.test_request_context():
        agency = demo_db.session.execute(
            select(Organisation).where(Organisation.kind == OrganisationKind.PUBLIC_BODY)
        ).scalar_one()
        case = demo_db.session.execute(
            select(SupportCase).where(SupportCase.organisation_id == agency.id)
        ).scalar_one()
        firm = demo_db.session.get(Organisation, case.consulting_firm_id)
        assert firm.kind == OrganisationKind.CONSULTING_FIRM
        assert case.planned_months == 12 and case.stage.value == "certified"
        meetings = demo_db.session.execute(
            select(func.count()).where(SteeringMeeting.case_id == case.id)
        ).scalar()
        assert meetings >= 3
        for model in (QualityPolicy, QualityObjective, ManagementReview):
            assert demo_db.session.execute(
                select(func.count()).where(model.organisation_id == agency.id)
            ).scalar()
        certificate = demo_db.session.execute(
            select(Certificate).where(Certificate.case_id == case.id)
        ).scalar_one()
        held = demo_db.session.execute(
            select(surveillance.surveillance_held()).where(Certificate.id == certificate.id)
        ).scalar()
        assert held >= 1
        assert not surveillance.is_overdue(certificate, today)
        assert certificate.effective_status(today) == CertificateStatus.VALID

        iatf = demo_db.session.execute(
            select(Certificate).where(Certificate.number == "NC-16949-2023-0042")
        ).scalar_one()
        assert surveillance.is_overdue(iatf, today)

        confirmed = demo_db.session.execute(
            select(Certificate).where(
                Certificate.recorded_by_organisation_id.is_not(None),
                Certificate.status == CertificateStatus.VALID,
            )
        ).scalar_one()
        change = demo_db.session.execute(
            select(CertificateStatusChange).where(
                CertificateStatusChange.certificate_id == confirmed.id
            )
        ).scalar_one()
        assert change.from_status == CertificateStatus.AWAITING_CONFIRMATION
        assert change.actor.organisation_id == confirmed.issuing_body_id
