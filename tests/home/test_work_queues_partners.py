"""The work queues of a company, a training institute and a quality infrastructure body: each
section counts exactly the organisation's own items (never another's), links each item to
where its work is done, says so when it is empty, and runs the same number of queries
whatever the data size."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.models import (
    AuditKind,
    CaseStage,
    CertificateStatus,
    EnrolmentStatus,
    NeedStatus,
    QualityAudit,
    ServiceRequestStatus,
    SessionStatus,
)
from portal.services import surveys
from tests.conftest import count_queries, sign_in
from tests.home import queue_builders as qb
from tests.home.queue_builders import TODAY, days_late, days_left, message, plural, sections


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    return qb.build_world()


def home(client, user) -> str:
    sign_in(client, user)
    response = client.get("/home")
    assert response.status_code == 200
    return response.get_data(as_text=True)


# --- a company -----------------------------------------------------------------------------------


def company_work(world):
    w = world
    requested = qb.case(w, w.sme_a, w.automobile, CaseStage.REQUESTED)
    accepted = qb.case(w, w.sme_a, w.automobile, CaseStage.ACCEPTED)
    qb.case(w, w.sme_a, w.automobile, CaseStage.CLOSED)
    qb.case(w, w.sme_b, w.chimie, CaseStage.ACCEPTED)
    submitted = qb.need(w, w.sme_a, w.automobile)
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.VALIDATED)
    the_offer = qb.offer(w.institute, w.topics[0])
    coming = qb.session(w, the_offer, starts_in=12)
    planned = qb.need(w, w.sme_a, w.automobile, status=NeedStatus.PLANNED, session_id=coming.id)
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.FULFILLED)
    qb.need(w, w.sme_b, w.chimie)
    qb.enrolment(coming, w.sme_a)
    later = qb.session(w, the_offer, starts_in=40)
    qb.enrolment(later, w.sme_a, EnrolmentStatus.WAITING)
    qb.enrolment(later, w.sme_a, EnrolmentStatus.CANCELLED)
    qb.enrolment(qb.session(w, the_offer, starts_in=-20), w.sme_a)
    qb.enrolment(coming, w.sme_b)
    # Held sessions: one its staff attended and it has to evaluate, one it evaluated, one its
    # staff missed, and one another company has to evaluate.
    held_at = {}
    for key, attended, evaluated, company in (
        ("to_evaluate", True, False, w.sme_a),
        ("evaluated", True, True, w.sme_a),
        ("missed", False, False, w.sme_a),
        ("other", True, False, w.sme_b),
    ):
        done = qb.session(w, the_offer, starts_in=-40, status=SessionStatus.HELD)
        qb.enrolment(done, company).attended = attended
        if evaluated:
            invitation = surveys.session_invitation(done, company.id, date.today())
            surveys.answer(
                invitation, {surveys.questions_of(invitation.survey)[0].id: 4}, date.today()
            )
        held_at[key] = done
    fresh = qb.service_request(w.sme_a, w.lab, days_ago=5)
    late = qb.service_request(w.sme_a, w.lab, days_ago=18, status=ServiceRequestStatus.ACCEPTED)
    qb.service_request(w.sme_a, w.lab, days_ago=30, status=ServiceRequestStatus.ANSWERED)
    qb.service_request(w.sme_b, w.lab, days_ago=2)
    held = qb.certificate(w, w.sme_a, months_ago=11)
    qb.certificate(w, w.sme_a, months_ago=40)  # expired
    qb.certificate(w, w.sme_a, months_ago=5, status=CertificateStatus.SUSPENDED)
    qb.certificate(w, w.sme_b, months_ago=11)
    return {
        "cases": (requested, accepted),
        "needs": (submitted, planned),
        "sessions": (coming, later),
        "requests": (late, fresh),
        "certificate": held,
        "held": held_at,
    }


def test_the_company_queue_counts_its_own_work_only(client, world):
    work = company_work(world)
    page = home(client, qb.user_of("sme_user", world.sme_a))
    shown = sections(page)
    assert {key: s.total for key, s in shown.items()} == {
        "support_cases": 2,
        "training_needs": 3,
        "enrolments": 2,
        "evaluations": 1,
        "requests_your_turn": 0,  # tests/service_requests/test_lifecycle.py
        "open_requests": 2,
        "certificates": 1,
        "complaints_own": 0,  # tests/complaints/test_queues.py
    }
    requested, accepted = work["cases"]
    # Its own move first: the accepted case waits for its self-assessment.
    assert shown["support_cases"].links == [
        f"/support/{accepted.id}/diagnostics",
        f"/support/{requested.id}",
    ]
    assert message("Your turn") in shown["support_cases"].html
    assert message("The federation is studying your request") in shown["support_cases"].html
    submitted, planned = work["needs"]
    assert f"/training/needs/{submitted.id}/edit" in shown["training_needs"].links
    assert f"/training/sessions/{planned.session_id}" in shown["training_needs"].links
    coming, later = work["sessions"]
    assert shown["enrolments"].links == [
        f"/training/sessions/{coming.id}",
        f"/training/sessions/{later.id}",
    ]
    assert shown["evaluations"].links == [
        f"/training/sessions/{work['held']['to_evaluate'].id}/evaluation"
    ]
    late, fresh = work["requests"]
    assert shown["open_requests"].links == [f"/requests/{late.id}", f"/requests/{fresh.id}"]
    assert days_late(3) in shown["open_requests"].html
    assert days_left(10) in shown["open_requests"].html
    assert shown["certificates"].links == [f"/certificates/{work['certificate'].id}"]
    assert message("surveillance audit due on %(date)s", date="").strip() in page
    for path in ("/training/needs/new", "/support/new", "/requests/new"):
        assert f'href="{path}"' in page
    assert "Détergents Bêta" not in page


def test_empty_company_queue_says_so(client, world):
    page = home(client, qb.user_of("sme_user", world.sme_a))
    assert all(s.total == 0 for s in sections(page).values())
    for sentence in (
        "None of your staff is enrolled in a coming session.",
        "No session your staff attended is waiting for your evaluation.",
        "No request is waiting for a body's answer.",
        "Your organisation holds no valid certificate yet.",
    ):
        assert message(sentence) in page


# --- a training institute ------------------------------------------------------------------------


def institute_work(world):
    w = world
    ours = qb.offer(w.institute, w.topics[0])
    qb.offer(w.institute, w.topics[1], active=False)
    qb.offer(w.other_institute, w.topics[2])
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.VALIDATED, people=3)
    qb.need(w, w.sme_b, w.chimie, status=NeedStatus.VALIDATED, people=4, topic=0)
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.SUBMITTED, people=50)
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.VALIDATED, topic=1, people=9)
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.VALIDATED, topic=2, people=9)
    coming = qb.session(w, ours, starts_in=7)
    qb.enrolment(coming, w.sme_a)
    qb.enrolment(coming, w.sme_b)
    qb.enrolment(coming, w.sme_b, EnrolmentStatus.WAITING)
    ended = qb.session(w, ours, starts_in=-6)
    qb.session(w, ours, starts_in=-30, status=SessionStatus.HELD)
    qb.session(w, ours, starts_in=9, status=SessionStatus.CANCELLED)
    qb.session(w, qb.offer(w.other_institute, w.topics[0]), starts_in=3)
    return {"coming": coming, "ended": ended}


def test_the_institute_queue_counts_its_topics_and_sessions_only(client, world):
    work = institute_work(world)
    page = home(client, qb.user_of("institute_user", world.institute))
    shown = sections(page)
    assert {key: s.total for key, s in shown.items()} == {
        "topic_demand": 1,
        "coming_sessions": 1,
        "attendance": 1,
        "complaints_to_answer": 0,  # tests/complaints/test_queues.py
    }
    demand = shown["topic_demand"]
    assert demand.links == ["/training/demand"]
    assert f"{plural('%(num)d person', '%(num)d people', 7)} · " in demand.html
    assert plural("%(num)d need", "%(num)d needs", 2) in demand.html
    # Counts only: never the companies behind the demand.
    assert "Câblerie Alpha" not in page and "Détergents Bêta" not in page
    assert shown["coming_sessions"].links == [f"/training/sessions/{work['coming'].id}"]
    assert message("%(taken)s of %(seats)s seats taken", taken=2, seats=10) in page
    assert shown["attendance"].links == [f"/training/sessions/{work['ended'].id}/attendance"]
    for path in ("/training/offers", "/training/demand", "/training/topics"):
        assert f'href="{path}"' in page


def test_empty_institute_queue_says_so(client, world):
    page = home(client, qb.user_of("institute_user", world.institute))
    assert all(s.total == 0 for s in sections(page).values())
    assert message("Every session that has ended has its attendance recorded.") in page


# --- a quality infrastructure body ---------------------------------------------------------------


def body_work(world):
    w = world
    fresh = qb.service_request(w.sme_a, w.certifier, days_ago=3)
    late = qb.service_request(
        w.sme_b, w.certifier, days_ago=20, status=ServiceRequestStatus.ACCEPTED
    )
    qb.service_request(w.sme_a, w.certifier, days_ago=40, status=ServiceRequestStatus.DECLINED)
    qb.service_request(w.sme_a, w.lab, days_ago=20)
    first_soon = qb.certificate(w, w.sme_a, months_ago=11)  # first audit in about a month
    first_late = qb.certificate(w, w.sme_b, months_ago=13)  # first audit a month late
    audited_case = qb.case(w, w.sme_a, w.automobile, CaseStage.CERTIFIED)
    audited = qb.certificate(w, w.sme_a, months_ago=13, case_id=audited_case.id)
    qb.add(
        QualityAudit(
            case_id=audited_case.id,
            kind=AuditKind.SURVEILLANCE,
            held_on=audited.issued_on + timedelta(days=360),
        )
    )
    second_soon = qb.certificate(w, w.sme_a, months_ago=23)  # second audit in about a month
    qb.certificate(w, w.sme_a, months_ago=6)  # nothing due yet
    qb.certificate(w, w.sme_a, months_ago=40)  # expired
    qb.certificate(w, w.sme_a, months_ago=11, status=CertificateStatus.SUSPENDED)
    qb.certificate(w, w.sme_a, months_ago=11, body=w.lab)
    return {
        "requests": (late, fresh),
        "certificates": (first_late, first_soon, second_soon),
    }


def test_the_body_queue_counts_its_requests_and_certificates_only(client, world):
    work = body_work(world)
    page = home(client, qb.user_of("infrastructure_user", world.certifier))
    shown = sections(page)
    assert {key: s.total for key, s in shown.items()} == {
        "requests_to_answer": 2,
        "requests_to_deliver": 0,  # tests/service_requests/test_lifecycle.py
        "certificates_to_confirm": 0,  # tests/certification/test_certificate_confirmation.py
        "surveillance_due": 3,
        "demand_in_your_fields": 0,  # tests/service_requests/test_demand.py
        "complaints_to_answer": 0,  # tests/complaints/test_queues.py
    }
    late, fresh = work["requests"]
    assert shown["requests_to_answer"].links == [f"/requests/{late.id}", f"/requests/{fresh.id}"]
    assert days_late(5) in shown["requests_to_answer"].html
    assert days_left(12) in shown["requests_to_answer"].html
    assert 'href="/requests/?status=overdue">' in page
    assert shown["surveillance_due"].links == [
        f"/certificates/{c.id}" for c in work["certificates"]
    ]
    assert 'href="/certificates/new"' in page


def test_a_laboratory_has_no_certificate_section(client, world):
    body_work(world)
    page = home(client, qb.user_of("infrastructure_user", world.lab))
    shown = sections(page)
    assert list(shown) == [
        "requests_to_answer",
        "requests_to_deliver",
        "demand_in_your_fields",
        "complaints_to_answer",
    ]
    assert shown["requests_to_answer"].total == 1
    assert 'href="/certificates/new"' not in page


def test_empty_body_queue_says_so(client, world):
    page = home(client, qb.user_of("infrastructure_user", world.certifier))
    assert all(s.total == 0 for s in sections(page).values())
    assert message("No request is waiting for your answer.") in page
    assert message("No certificate you issued has a surveillance audit due within 60 days.") in page


@pytest.mark.parametrize(
    ("role", "organisation", "build"),
    [
        ("sme_user", "sme_a", company_work),
        ("institute_user", "institute", institute_work),
        ("infrastructure_user", "certifier", body_work),
    ],
    ids=["company", "institute", "body"],
)
def test_the_partner_homes_run_the_same_queries_at_any_size(
    client, world, role, organisation, build
):
    sign_in(client, qb.user_of(role, getattr(world, organisation)))
    client.get("/home")
    # Each count is of a home computed again: the data it was read from has changed.
    build(world)
    with count_queries() as small:
        assert client.get("/home").status_code == 200
    for _ in range(4):
        build(world)
    with count_queries() as large:
        assert client.get("/home").status_code == 200
    assert large.count == small.count, large.statements
    assert small.count <= 22
    # Unchanged data: the queues are served as they were kept (services.cache.View).
    with count_queries() as again:
        assert client.get("/home").status_code == 200
    assert again.count < small.count - 5, again.statements


def test_a_kept_home_shows_a_change_at_once_in_each_language(client, world, db):
    """The queues are kept between visits (services.cache.View): a need declared after a
    visit is on the next one, and a home kept in French is not served in Arabic."""
    from flask import current_app
    from flask_babel import force_locale, gettext

    user = qb.user_of("sme_user", world.sme_a)
    before = sections(home(client, user))
    qb.need(world, world.sme_a, world.automobile)
    after = sections(home(client, user))
    assert after["training_needs"].total == before["training_needs"].total + 1
    user.preferred_locale = None  # the language the browser asks for
    db.session.commit()
    assert client.get("/home", headers={"Accept-Language": "fr"}).status_code == 200
    with current_app.test_request_context(), force_locale("ar_MA"):
        arabic_title = gettext("Your training needs")
    assert arabic_title != "Your training needs"
    arabic = client.get("/home", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert arabic_title in arabic
