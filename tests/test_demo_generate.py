"""``flask demo generate``: national-scale data on top of the demo seed, at a tiny scale."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from portal.demo.generate import GenerateError, generate, sizes
from portal.extensions import db as _db
from portal.models import (
    CaseStage,
    Certificate,
    CertificateStatus,
    Complaint,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTarget,
    ConventionStatus,
    Ecosystem,
    Membership,
    MembershipStatus,
    NeedStatus,
    Organisation,
    OrganisationKind,
    QuestionKind,
    SessionStatus,
    SupportCase,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOccasion,
    SurveyQuestion,
    TrainingNeed,
    TrainingSession,
    User,
    is_valid_ice,
)
from portal.text_search import fold
from tests.conftest import fresh_database_url, make_test_app

SCALE = 0.001
TODAY = date(2026, 11, 28)
FINGERPRINTED = (
    "organisations",
    "memberships",
    "training_sessions",
    "training_needs",
    "support_cases",
    "case_transitions",
    "certificates",
    "conventions",
    "milestones",
    "audit_entries",
    "complaints",
    "complaint_messages",
    "service_requests",
    "service_quotes",
    "service_request_events",
    "surveys",
    "survey_questions",
    "survey_invitations",
    "survey_answers",
    "service_offers",
    "infrastructure_needs",
)


def fingerprint(connection) -> str:
    """A digest of every generated table's rows, in id order."""
    digest = hashlib.sha256()
    for table in FINGERPRINTED:
        for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id")):  # noqa: S608
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A fresh database with the demo seed; two generations rolled back (their fingerprints),
    then one through the command, committed."""
    from portal.demo.seed import seed

    tmp_dir = tmp_path_factory.mktemp("generate")
    app = make_test_app(fresh_database_url("generate", tmp_dir), tmp_dir)
    with app.test_request_context():
        seed()
        _db.session.commit()
        _db.session.remove()
        prints = []
        for _run in range(2):
            with _db.engine.connect() as connection:
                transaction = connection.begin()
                counts = generate(connection, scale=SCALE, today=TODAY)
                prints.append(fingerprint(connection))
                transaction.rollback()
    result = app.test_cli_runner().invoke(
        args=["demo", "generate", "--scale", str(SCALE), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        with _db.engine.connect() as connection:
            committed = fingerprint(connection)
        yield {"app": app, "prints": prints, "committed": committed, "counts": counts}
        _db.session.remove()
        _db.engine.dispose()


def test_same_seed_same_rows(generated):
    first, second = generated["prints"]
    assert first == second == generated["committed"]


def test_counts_follow_the_scale(generated):
    expected = sizes(SCALE)
    counts = generated["counts"]
    for table, n in expected.items():
        assert counts[table] == n, table
    assert expected["organisations"] == 100
    assert expected["memberships"] == 105
    assert expected["training_needs"] == 1000
    assert expected["audit_entries"] == 300
    assert sizes(1)["training_needs"] == 1_000_000
    assert sizes(1)["memberships"] == 105_000


def test_bodies_get_catalogues_and_companies_infrastructure_needs(generated):
    """Each generated body has two to five catalogue entries, some covered by an
    accreditation of the same body; 100 needs at this scale (100,000 at scale 1), of active
    member companies, in the demand's cells."""
    from portal.models import Accreditation, InfrastructureNeed, ServiceOffer
    from portal.services import service_demand

    counts = generated["counts"]
    assert counts["infrastructure_needs"] == 100
    session = _db.session
    offers = session.execute(select(ServiceOffer)).scalars().all()
    per_body = Counter(o.body_id for o in offers)
    assert per_body and max(per_body.values()) <= 5
    accredited = [o for o in offers if o.accreditation_id is not None]
    assert accredited
    for offer in accredited:
        assert session.get(Accreditation, offer.accreditation_id).organisation_id == offer.body_id
    needs = session.execute(select(InfrastructureNeed)).scalars().all()
    assert len({n.kind for n in needs}) >= 4 and all(n.quantity_per_year > 0 for n in needs)
    officer = session.execute(
        select(User).where(User.email == "ministere@example.org")
    ).scalar_one()
    with generated["app"].test_request_context():
        cells = service_demand.demand_cells(officer, service_demand.DemandFilters(), TODAY)
    assert sum(c.needs for c in cells) == sum(1 for n in needs if n.deleted_at is None)
    assert any(c.gap for c in cells) and any(c.accredited for c in cells)


def test_generated_rows_are_valid_and_varied(generated):
    session = _db.session
    organisations = session.execute(select(Organisation)).scalars().all()
    smes = [o for o in organisations if o.kind == OrganisationKind.SME]
    ices = [o.ice for o in smes]
    assert all(is_valid_ice(ice) for ice in ices)
    assert len(set(ices)) == len(ices)
    assert {o.kind for o in organisations} == set(OrganisationKind)
    assert all(o.search_text == fold(f"{o.name_fr} {o.name_ar} {o.acronym or ''}") for o in smes)
    assert all(o.name_ar and o.name_fr and o.region and o.headcount_band for o in smes)

    memberships = session.execute(select(Membership)).scalars().all()
    assert {m.status for m in memberships} == set(MembershipStatus)
    by_organisation = Counter(m.organisation_id for m in memberships)
    assert sum(1 for n in by_organisation.values() if n == 2) >= 5
    assert len({m.ecosystem_id for m in memberships}) == 2

    needs = session.execute(select(TrainingNeed.status, TrainingNeed.quarter)).all()
    assert {status for status, _quarter in needs} == set(NeedStatus)
    assert {quarter for _status, quarter in needs} >= {
        f"{year}-Q{n}" for year in (2025, 2026, 2027) for n in range(1, 5)
    }
    assert len(set(session.execute(select(TrainingNeed.ecosystem_id)).scalars())) == 2
    stages = set(session.execute(select(SupportCase.stage)).scalars())
    assert stages == set(CaseStage)
    certificates = session.execute(select(Certificate)).scalars().all()
    assert {c.effective_status(TODAY) for c in certificates} == {
        "valid",
        "suspended",
        "withdrawn",
        "expired",
        # The demo seed's certificates recorded by a federation (issue 14, item 5).
        "awaiting_confirmation",
        "rejected",
    }
    assert any(
        c.status == CertificateStatus.VALID and 0 <= (c.expires_on - TODAY).days <= 90
        for c in certificates
    )
    statuses = set(
        session.execute(
            text("SELECT status FROM conventions WHERE reference LIKE 'CV-%'")
        ).scalars()
    )
    assert len(statuses) == 2 and statuses <= {s.value for s in ConventionStatus}


def test_arabic_search_finds_generated_rows(generated):
    word = fold("شركة")
    found = _db.session.execute(
        select(func.count()).where(Organisation.search_text.like(f"%{word}%"))
    ).scalar()
    assert found > 10


def test_refuses_a_second_run_and_a_database_without_the_seed(generated):
    result = (
        generated["app"].test_cli_runner().invoke(args=["demo", "generate", "--scale", "0.001"])
    )
    assert result.exit_code != 0
    assert "already holds generated data" in result.output

    with _db.engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(text("UPDATE ecosystems SET slug = slug || '-old'"))
        with pytest.raises(GenerateError, match="flask demo seed"):
            generate(connection, scale=SCALE)
        transaction.rollback()
    with pytest.raises(GenerateError):
        generate(None, scale=0)


def test_the_demand_summary_covers_the_generated_needs(generated):
    """The needs are written with Core, past the services that keep the demand summary: the
    generator rebuilds it, so the demand page counts them."""
    from portal.models.training import TrainingDemandCell
    from portal.services.training.demand_summary import ALL_ECOSYSTEMS, summary_select

    with generated["app"].app_context():
        kept = {
            (c.ecosystem_id, c.region, c.topic_id, c.quarter, c.people, c.companies, c.needs)
            for c in _db.session.execute(select(TrainingDemandCell)).scalars()
        }
        fresh = set()
        for key in (None, ALL_ECOSYSTEMS):
            fresh |= {tuple(row) for row in _db.session.execute(summary_select(key)).all()}
        _db.session.remove()
    assert kept == fresh != set()


def test_generated_complaints_keep_their_rules(generated):
    """Reference, dates and status as the service writes them: answered within days of
    filing (with the answer in the thread), the rest open, some overdue, some past the
    ministry's date; the ministry's date one escalation later when a lead federation stands
    between the organisation and the ministry."""
    from portal.authz.complaints import Level, escalation_level

    app = generated["app"]
    response, escalation = (
        app.config["COMPLAINT_RESPONSE_DAYS"],
        app.config["COMPLAINT_ESCALATION_DAYS"],
    )
    with app.app_context():
        complaints = (
            _db.session.execute(
                select(Complaint).where(Complaint.contact_email.like("%national.example.ma"))
            )
            .scalars()
            .all()
        )
        assert len(complaints) == sizes(SCALE)["complaints"] == 100
        answers = Counter(
            _db.session.execute(
                select(ComplaintMessage.complaint_id).where(ComplaintMessage.kind == "answer")
            ).scalars()
        )
        leads = {
            e.id: e.lead_federation_id for e in _db.session.execute(select(Ecosystem)).scalars()
        }
        levels = Counter()
        for c in complaints:
            assert c.reference == f"R-{c.filed_on.year}-{c.id:06d}"
            assert c.requester_id is None and c.contact_name
            assert c.due_on - c.filed_on == timedelta(days=response)
            lead = leads.get(c.ecosystem_id)
            stands_between = lead is not None and lead != c.handler_id
            assert c.ministry_on - c.due_on == timedelta(days=escalation if stands_between else 0)
            assert TODAY - timedelta(days=730) <= c.filed_on <= TODAY
            assert c.is_closed == (c.status in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED))
            if c.is_closed:
                assert c.answered_on == c.filed_on + timedelta(days=c.answer_days) <= TODAY
                assert answers[c.id] == 1
                assert (c.closed_on is not None) == (c.status == ComplaintStatus.CLOSED)
            else:
                assert c.answered_on is c.answer_days is c.closed_on is None
                assert answers[c.id] == 0
                assert (c.assignee_id is not None) == (c.status == ComplaintStatus.IN_PROGRESS)
            levels[escalation_level(c, TODAY)] += 1
        answered = sum(1 for c in complaints if c.is_closed)
        assert 70 <= answered <= 95
        assert levels[Level.FEDERATION] and levels[Level.MINISTRY]
        assert {c.target for c in complaints} == {
            ComplaintTarget.PORTAL,
            ComplaintTarget.ECOSYSTEM,
            ComplaintTarget.ORGANISATION,
            ComplaintTarget.TRAINING_SESSION,
        }
        assert len({c.ecosystem_id for c in complaints} - {None}) == 2
        assert {c.status for c in complaints} == set(ComplaintStatus)
        _db.session.remove()


def test_generated_survey_answers_keep_their_rules(generated):
    """Invitations as the services make them: a company a held session trained, the day
    after it ended, rating its institute; each active member once a year to its ecosystem's
    annual survey, rating the lead federation; all announced; answered once within the 60
    days an invitation stays open, never after today, one answer per question at most (every
    required one), ratings from 1 to 5 and choices among the question's. One survey stays
    active per occasion and ecosystem (the seed's are used, not doubled)."""
    session = _db.session
    surveys = {s.id: s for s in session.execute(select(Survey)).scalars()}
    active = Counter((s.occasion, s.ecosystem_id) for s in surveys.values() if s.active)
    assert set(active.values()) == {1}
    ecosystems = {e.id: e for e in session.execute(select(Ecosystem)).scalars()}
    assert {
        (SurveyOccasion.TRAINING_SESSION, None),
        (SurveyOccasion.SERVICE_REQUEST, None),
        *((SurveyOccasion.ANNUAL, eid) for eid in ecosystems),
    } <= set(active)
    questions = {q.id: q for q in session.execute(select(SurveyQuestion)).scalars()}
    generated_ids = select(Organisation.id).where(Organisation.email.like("%national.example.ma"))
    invitations = (
        session.execute(
            select(SurveyInvitation).where(SurveyInvitation.organisation_id.in_(generated_ids))
        )
        .scalars()
        .all()
    )
    sessions = {s.id: s for s in session.execute(select(TrainingSession)).scalars()}
    trained = set(
        session.execute(
            select(TrainingNeed.session_id, TrainingNeed.organisation_id).where(
                TrainingNeed.status == NeedStatus.FULFILLED
            )
        ).all()
    )
    members = set(
        session.execute(
            select(Membership.organisation_id, Membership.ecosystem_id).where(
                Membership.status == MembershipStatus.ACTIVE
            )
        ).all()
    )
    answers: dict[int, list[SurveyAnswer]] = {}
    for answer in session.execute(select(SurveyAnswer)).scalars():
        answers.setdefault(answer.invitation_id, []).append(answer)
    years = set()
    for invitation in invitations:
        survey = surveys[invitation.survey_id]
        assert survey.occasion == invitation.occasion and survey.active
        assert invitation.invited_on <= invitation.notified_on <= TODAY
        if invitation.occasion == SurveyOccasion.TRAINING_SESSION:
            held = sessions[invitation.subject_id]
            assert held.status == SessionStatus.HELD
            assert invitation.invited_on == held.ends_on + timedelta(days=1)
            assert (invitation.service_id, invitation.ecosystem_id) == (
                held.institute_id,
                held.ecosystem_id,
            )
            assert (held.id, invitation.organisation_id) in trained
        else:
            assert invitation.occasion == SurveyOccasion.ANNUAL
            assert invitation.subject_id == invitation.invited_on.year
            years.add(invitation.subject_id)
            assert survey.ecosystem_id == invitation.ecosystem_id
            assert invitation.service_id == ecosystems[survey.ecosystem_id].lead_federation_id
            assert (invitation.organisation_id, invitation.ecosystem_id) in members
        given = answers.get(invitation.id, [])
        if invitation.answered_on is None:
            assert given == []
            continue
        assert invitation.invited_on <= invitation.answered_on <= TODAY
        assert invitation.answered_on < invitation.invited_on + timedelta(days=60)
        asked = [q for q in questions.values() if q.survey_id == survey.id]
        by_question = Counter(a.question_id for a in given)
        assert set(by_question.values()) == {1}
        assert set(by_question) <= {q.id for q in asked}
        assert {q.id for q in asked if q.required} <= set(by_question)
        for answer in given:
            question = questions[answer.question_id]
            if question.kind == QuestionKind.RATING:
                assert answer.rating in range(1, 6) and answer.choice is answer.text is None
            elif question.kind == QuestionKind.CHOICE:
                assert answer.choice in range(len(question.choices)) and answer.rating is None
            else:
                assert answer.text and answer.rating is answer.choice is None
    assert {i.occasion for i in invitations} == {
        SurveyOccasion.TRAINING_SESSION,
        SurveyOccasion.ANNUAL,
    }
    assert years == {TODAY.year - 1, TODAY.year}
    assert len({i.ecosystem_id for i in invitations}) == 2
    invited = Counter((i.occasion, i.subject_id, i.organisation_id) for i in invitations)
    assert set(invited.values()) == {1}
    answered = sum(1 for i in invitations if i.answered_on is not None)
    assert 0.45 <= answered / len(invitations) <= 0.7
    given = [a for i in invitations for a in answers.get(i.id, [])]
    assert {a.rating for a in given} - {None} == set(range(1, 6))
    assert any(a.text for a in given) and any(a.choice is not None for a in given)


def test_generated_service_requests_keep_their_rules(generated):
    """Every request's life as the services write it: the first answer on or after the filing,
    ``is_closed`` for those no longer waiting for it, a rating on each closed one, a quote for
    each that reached one, the steps dated in order from the filing; several statuses, some
    overdue."""
    from portal.models import (
        ServiceQuote,
        ServiceRequest,
        ServiceRequestEvent,
        ServiceRequestStatus,
    )

    with generated["app"].app_context():
        requests = (
            _db.session.execute(select(ServiceRequest).where(ServiceRequest.description == ""))
            .scalars()
            .all()
        )
        assert len(requests) == sizes(SCALE)["service_requests"] == 100
        quoted = {q.request_id for q in _db.session.execute(select(ServiceQuote)).scalars()}
        steps: dict[int, list] = {}
        for event in _db.session.execute(
            select(ServiceRequestEvent).order_by(ServiceRequestEvent.id)
        ).scalars():
            steps.setdefault(event.request_id, []).append(event)
        waiting = (ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED)
        after_quote = {
            ServiceRequestStatus.QUOTED,
            ServiceRequestStatus.QUOTE_DECLINED,
            ServiceRequestStatus.IN_PROGRESS,
            ServiceRequestStatus.DELIVERED,
            ServiceRequestStatus.CLOSED,
        }
        for r in requests:
            assert r.is_closed == (r.status not in waiting)
            if r.answered_on is not None:
                assert r.submitted_on <= r.answered_on <= TODAY
            if r.status == ServiceRequestStatus.CLOSED:
                assert r.rating in range(1, 6) and r.closed_on is not None
            if r.status in after_quote:
                assert r.id in quoted and r.answered_on is not None
            days = [e.happened_on for e in steps[r.id]]
            assert steps[r.id][0].kind.value == "submitted" and days == sorted(days)
            assert days[-1] <= TODAY
        assert len({r.status for r in requests}) >= 6
        assert any(r.is_overdue(TODAY) for r in requests)
