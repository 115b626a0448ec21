"""The work queues of the federation, the ministry and the administrators: each section counts
exactly the items in the user's scope (never those of other federations, ecosystems or
conventions), links each item to where its work is done, says so when it is empty, and runs
the same number of queries whatever the data size."""

from __future__ import annotations

import pytest
from flask import url_for

from portal.authz import HomeKind, home_kind
from portal.models import (
    ActionStatus,
    CaseStage,
    ConventionStatus,
    MembershipStatus,
    NeedStatus,
    Role,
    ServiceRequestStatus,
)
from tests.conftest import count_queries, sign_in
from tests.home import queue_builders as qb
from tests.home.queue_builders import TODAY, days_late, message, plural, sections


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    return qb.build_world()


def home(client, user) -> str:
    sign_in(client, user)
    response = client.get("/home")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_role_has_its_home_named_from_its_permissions(db):
    kinds = {
        Role.ADMIN: HomeKind.ADMIN,
        Role.MINISTRY_OFFICER: HomeKind.MINISTRY,
        Role.FEDERATION_STAFF: HomeKind.FEDERATION,
        Role.SME_USER: HomeKind.COMPANY,
        Role.INSTITUTE_USER: HomeKind.INSTITUTE,
        Role.INFRASTRUCTURE_USER: HomeKind.BODY,
    }
    for role, kind in kinds.items():
        assert home_kind(qb.make_user(role)) == kind


def federation_work(world):
    """AMICA's queue items, and items of FCP's ecosystem or of no queue at all beside them."""
    w = world
    # Requests to join: two in automobile; chimie's and an active member are not AMICA's.
    joins = [qb.join_request(w.automobile, days_ago=5), qb.join_request(w.automobile, days_ago=1)]
    qb.join_request(w.chimie)
    qb.join_request(w.automobile, status=MembershipStatus.ACTIVE)
    # Needs: three submitted in automobile; a validated one and chimie's do not count.
    for _ in range(3):
        qb.need(w, w.sme_a, w.automobile)
    qb.need(w, w.sme_a, w.automobile, status=NeedStatus.VALIDATED)
    qb.need(w, w.sme_b, w.chimie)
    # Cases: requested, diagnostic done, plan drafted are AMICA's move; the others are not.
    requested = qb.case(w, w.sme_a, w.automobile, CaseStage.REQUESTED)
    diagnosed = qb.case(w, w.sme_a, w.automobile, CaseStage.DIAGNOSTIC)
    qb.completed_diagnostic(diagnosed)
    planned = qb.case(w, w.sme_a, w.automobile, CaseStage.ACTION_PLAN)
    qb.action(planned)
    qb.case(w, w.sme_a, w.automobile, CaseStage.ACCEPTED)  # the company fills its diagnostic
    working = qb.case(w, w.sme_a, w.automobile, CaseStage.IMPLEMENTATION)
    qb.action(working, ActionStatus.DONE)
    qb.action(working)  # one action still open: the company's move
    qb.case(w, w.sme_a, w.automobile, CaseStage.CERTIFIED)
    qb.case(w, w.sme_b, w.chimie, CaseStage.REQUESTED)
    # Requests: one of AMICA's member overdue; one in time, one answered, one of chimie's.
    overdue = qb.service_request(w.sme_a, w.lab, days_ago=20)
    qb.service_request(w.sme_a, w.lab, days_ago=5)
    qb.service_request(w.sme_a, w.lab, days_ago=30, status=ServiceRequestStatus.ANSWERED)
    qb.service_request(w.sme_b, w.lab, days_ago=25)
    # Milestones of AMICA's running convention: late and due in 10 days; not in 40 days, not
    # done; nor those of a convention AMICA is not party to, nor of a draft.
    ours = qb.convention(w, [w.ministry, w.amica])
    late = qb.milestone(ours, due_in=-4)
    soon = qb.milestone(ours, due_in=10)
    qb.milestone(ours, due_in=40)
    qb.milestone(ours, due_in=-30, done=True)
    qb.milestone(qb.convention(w, [w.ministry, w.fcp]), due_in=-2)
    qb.milestone(qb.convention(w, [w.ministry, w.amica], status=ConventionStatus.DRAFT), due_in=-2)
    return {
        "joins": joins,
        "cases": [requested, diagnosed, planned],
        "overdue": overdue,
        "milestones": [late, soon],
    }


def test_the_federation_queue_counts_its_own_work_only(client, world):
    work = federation_work(world)
    page = home(client, qb.user_of("federation_staff", world.amica))
    shown = sections(page)
    assert {key: s.total for key, s in shown.items()} == {
        "join_requests": 2,
        "needs_to_validate": 3,
        "cases_waiting": 3,
        "overdue_requests": 1,
        "milestones": 2,
        # complaints: tests/complaints/test_queues.py
        "complaints_to_answer": 0,
        "complaints_escalated": 0,
    }
    assert shown["join_requests"].links == ["/ecosystems/automobile/requests"] * 2
    needs = f"/training/needs?status=submitted&ecosystem={world.automobile.id}"
    assert shown["needs_to_validate"].links == [needs] * 3
    requested, diagnosed, planned = work["cases"]
    assert sorted(shown["cases_waiting"].links) == sorted(
        f"/support/{c.id}#workflow" for c in (requested, diagnosed, planned)
    )
    assert shown["overdue_requests"].links == [f"/requests/{work['overdue'].id}"]
    late, soon = work["milestones"]
    assert shown["milestones"].links == [
        f"/conventions/{late.convention_id}#milestones",
        f"/conventions/{soon.convention_id}#milestones",
    ]
    # The full, filtered lists and the federation's jobs are one click away.
    assert 'href="/requests/?status=overdue"' in page
    assert 'href="/training/needs?status=submitted"' in page
    assert 'href="/support/?stage=requested"' in page
    for job in ("/ecosystems/automobile/members", "/ecosystems/automobile/import"):
        assert f'href="{job}"' in page
    assert "/ecosystems/chimie/" not in page
    for path in ("/training/demand", "/training/topics", "/support/pipeline", "/conventions/"):
        assert f'href="{path}"' in page


def test_the_federation_sees_the_step_and_the_deadline_of_each_item(client, world):
    work = federation_work(world)
    page = home(client, qb.user_of("federation_staff", world.amica))
    shown = sections(page)
    assert message("Accept or decline the request") in shown["cases_waiting"].html
    assert message("Move the case on to: %(stage)s", stage="Plan d'action") in page
    assert days_late(4) in shown["milestones"].html
    assert work["overdue"].subject in shown["overdue_requests"].html


def test_empty_federation_queue_says_so(client, world):
    page = home(client, qb.user_of("federation_staff", world.amica))
    shown = sections(page)
    assert all(s.total == 0 and s.links == [] for s in shown.values())
    for sentence in (
        "No organisation is waiting for your answer to join an ecosystem.",
        "No training need is waiting for validation.",
        "No support case is waiting for a move of yours.",
        "No request of your members is past its answer deadline.",
        "No milestone of your conventions is late or due within 30 days.",
    ):
        assert message(sentence) in page


def test_a_section_shows_five_items_and_links_to_the_rest(client, world):
    for days_ago in range(8):
        qb.join_request(world.automobile, days_ago=days_ago)
    page = home(client, qb.user_of("federation_staff", world.amica))
    requests = sections(page)["join_requests"]
    assert requests.total == 8 and len(requests.links) == 5
    assert 'href="/ecosystems/automobile/requests">' in requests.html
    assert "(8)" in requests.html


def test_the_ministry_sees_conventions_at_risk_first_and_their_late_milestones(client, world):
    on_track = qb.convention(world, [world.ministry, world.fcp], reference="A-ON-TRACK")
    qb.milestone(on_track, due_in=20)
    at_risk = qb.convention(world, [world.ministry, world.amica], reference="B-AT-RISK")
    late = qb.milestone(at_risk, due_in=-3)
    qb.milestone(at_risk, due_in=-9, done=True)
    qb.milestone(qb.convention(world, [world.ministry], status=ConventionStatus.DRAFT), due_in=-5)
    qb.convention(world, [world.ministry], status=ConventionStatus.COMPLETED)
    qb.join_request(world.automobile)
    qb.join_request(world.automobile)
    qb.join_request(world.chimie)
    page = home(client, qb.user_of("ministry_officer", world.ministry))
    shown = sections(page)
    assert shown["conventions"].total == 2
    assert shown["conventions"].links == [
        f"/conventions/{at_risk.id}",
        f"/conventions/{on_track.id}",
    ]
    assert message("At risk") in shown["conventions"].html
    assert shown["milestones"].total == 1
    assert shown["milestones"].links == [f"/conventions/{late.convention_id}#milestones"]
    assert shown["join_requests"].total == 3
    # It lists the two ecosystems (three requests in all): nothing is left out.
    hidden = plural("%(num)d more is not shown here.", "%(num)d more are not shown here.", 1)
    assert hidden not in shown["join_requests"].html
    # The ministry monitors the requests: they link to the member lists, filtered.
    assert shown["join_requests"].links == [
        "/ecosystems/automobile/members?status=requested",
        "/ecosystems/chimie/members?status=requested",
    ]
    for path in ("/conventions/", "/directory/organisations", "/support/pipeline"):
        assert f'href="{path}"' in page
    assert 'href="/training/demand"' in page


def test_empty_ministry_queue_says_so(client, world):
    page = home(client, qb.user_of("ministry_officer", world.ministry))
    assert all(s.total == 0 for s in sections(page).values())
    for sentence in (
        "No convention is signed or in progress yet.",
        "No milestone of a running convention is late.",
        "No organisation is waiting to join an ecosystem.",
    ):
        assert message(sentence) in page


def test_the_administrator_decides_on_requests_of_every_ecosystem(client, world):
    qb.join_request(world.automobile)
    qb.join_request(world.chimie, days_ago=9)
    qb.join_request(world.chimie, status=MembershipStatus.REJECTED)
    page = home(client, qb.user_of("admin", world.ministry))
    shown = sections(page)
    assert shown["join_requests"].total == 2
    assert shown["join_requests"].links == [
        "/ecosystems/chimie/requests",
        "/ecosystems/automobile/requests",
    ]
    assert message("Latest changes") in page
    assert 'href="/admin/audit"' in page


@pytest.mark.parametrize(
    "role", ["admin", "ministry_officer", "federation_staff"], ids=lambda role: role
)
def test_the_oversight_homes_run_the_same_queries_at_any_size(client, world, role):
    organisation = world.amica if role == "federation_staff" else world.ministry
    sign_in(client, qb.user_of(role, organisation))
    federation_work(world)
    client.get("/home")
    with count_queries() as small:
        assert client.get("/home").status_code == 200
    for _ in range(4):
        federation_work(world)
    client.get("/home")  # the cached figures recomputed once after the change
    with count_queries() as large:
        assert client.get("/home").status_code == 200
    assert large.count == small.count, large.statements
    # Each list section: its bounded counts, its first ids, its rows (three statements).
    assert small.count <= 22
    # The kept queues and figures of the page check their tokens with one read.
    tokens = [s for s in large.statements if "FROM data_versions" in s]
    assert len(tokens) == 1, tokens


def test_the_federation_links_lead_to_pages_it_may_open(client, world):
    federation_work(world)
    page = home(client, qb.user_of("federation_staff", world.amica))
    for section in sections(page).values():
        for link in section.links:
            assert client.get(link.split("#")[0]).status_code == 200, link
    with client.application.test_request_context():
        assert url_for("ecosystems.import_members", slug="automobile") in page
