"""The bodies' figures on service requests (issue 15, item 4): requests received, median days
to the first answer, share answered within 15 days, average rating and number of ratings over
a period; equal to a computation from the same rows in Python; a body sees its own only, a
federation counts its members' requests, the ministry every body, sorted; a bounded number of
queries whatever the number of requests."""

from __future__ import annotations

import re
import statistics
from datetime import date, timedelta

import pytest

from portal.extensions import db as _db
from portal.models import ServiceKind, ServiceRequest, ServiceRequestStatus
from portal.services import body_figures
from tests.conftest import count_queries, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

TODAY = date(2025, 6, 30)
S = ServiceRequestStatus


@pytest.fixture
def world(db, fixed_clock):
    federation = OrganisationFactory(kind="federation", acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=federation)
    member = OrganisationFactory(kind="sme", name_fr="Membre")
    MembershipFactory(ecosystem=ecosystem, organisation=member)
    outsider = OrganisationFactory(kind="sme", name_fr="Hors écosystème")
    lab = OrganisationFactory(kind="infrastructure", acronym="LABA", name_fr="Laboratoire A")
    other = OrganisationFactory(kind="infrastructure", acronym="LABB", name_fr="Laboratoire B")
    return {
        "member": member,
        "outsider": outsider,
        "lab": lab,
        "other": other,
        "lab_user": make_user("infrastructure_user", organisation=lab),
        "other_user": make_user("infrastructure_user", organisation=other),
        "staff": make_user("federation_staff", organisation=federation),
        "officer": make_user("ministry_officer"),
        "sme_user": make_user("sme_user", organisation=member),
    }


def add(world, body, sme, submitted_ago, answer_days=None, status=None, rating=None):
    submitted = TODAY - timedelta(days=submitted_ago)
    answered = submitted + timedelta(days=answer_days) if answer_days is not None else None
    if status is None:
        status = S.CLOSED if rating else (S.QUOTED if answered else S.SUBMITTED)
    request = ServiceRequest(
        organisation_id=world[sme].id,
        body_id=world[body].id,
        kind=ServiceKind.TESTING,
        subject="Essai",
        submitted_on=submitted,
        respond_by=submitted + timedelta(days=15),
        answered_on=answered,
        status=status,
        rating=rating,
    )
    _db.session.add(request)
    return request


def rows_of(world):
    """The lab's requests: answered in 3, 5, 20, 8 days (ratings 4, 2), one overdue, one
    waiting in time, one cancelled past its deadline unanswered, one outside the period, and
    the other lab's two."""
    add(world, "lab", "member", 100, 3, rating=4)
    add(world, "lab", "member", 90, 5, rating=2)
    add(world, "lab", "outsider", 80, 20)
    add(world, "lab", "outsider", 70, 8, status=S.IN_PROGRESS)
    add(world, "lab", "member", 40)  # overdue
    add(world, "lab", "member", 2)  # waiting, in time
    add(world, "lab", "outsider", 60, status=S.CANCELLED)
    add(world, "lab", "member", 500, 1, rating=5)  # outside the last 12 months
    add(world, "other", "member", 30, 10, rating=5)
    add(world, "other", "outsider", 20, 30)
    _db.session.flush()


def expected(world, scope_smes):
    """The same figures from the rows, in Python."""
    found = {}
    since = TODAY - timedelta(days=365)
    for r in _db.session.query(ServiceRequest).all():
        if r.submitted_on < since or r.organisation_id not in scope_smes:
            continue
        entry = found.setdefault(r.body_id, {"received": 0, "days": [], "in": 0, "judged": 0})
        entry["received"] += 1
        entry.setdefault("ratings", [])
        if r.rating:
            entry["ratings"].append(r.rating)
        if r.answered_on:
            entry["days"].append((r.answered_on - r.submitted_on).days)
            entry["judged"] += 1
            entry["in"] += r.answered_on <= r.respond_by
        elif r.status in (S.SUBMITTED, S.ACCEPTED) and r.respond_by < TODAY:
            entry["judged"] += 1
    return {
        body: (
            e["received"],
            statistics.median(e["days"]) if e["days"] else None,
            e["in"] / e["judged"] if e["judged"] else None,
            statistics.mean(e["ratings"]) if e["ratings"] else None,
            len(e["ratings"]),
        )
        for body, e in found.items()
    }


def computed(user):
    period = body_figures.Period.parse("12m", TODAY)
    return {
        row.body_id: (
            row.received,
            row.median_days,
            row.within_share,
            row.rating_average,
            row.ratings,
        )
        for row in body_figures.figures_for(user, period, TODAY)
    }


def test_the_figures_equal_a_computation_from_the_same_rows(app, world):
    rows_of(world)
    everyone = {world["member"].id, world["outsider"].id}
    with app.test_request_context():
        national = computed(world["officer"])
        assert national == expected(world, everyone)
        assert national[world["lab"].id] == (7, 6.5, 3 / 5, 3.0, 2)
        # A federation counts its members' requests only.
        assert computed(world["staff"]) == expected(world, {world["member"].id})
        # A body reads its own requests only.
        assert set(computed(world["lab_user"])) == {world["lab"].id}


def test_the_median_of_a_histogram():
    assert body_figures.median({3: 1, 5: 1, 20: 1}) == 5
    assert body_figures.median({3: 2, 8: 2}) == 5.5
    assert body_figures.median({}) is None


def figures_html(client, query=""):
    response = client.get(f"/requests/figures{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_body_sees_its_own_figures_only(client, world):
    rows_of(world)
    sign_in(client, world["lab_user"])
    html = figures_html(client)
    assert "Laboratoire A" in html and "Laboratoire B" not in html
    row = re.search(rf'data-body="{world["lab"].id}">(.*?)</tr>', html, re.S).group(1)
    assert re.search(r'class="text-end received">7<', row)
    # A body with no request in the period still sees its (empty) row.
    sign_in(client, world["other_user"])
    html = figures_html(client, "?period=last_year")
    assert "Laboratoire B" in html and "Laboratoire A" not in html


def test_the_ministry_sees_every_body_sorted(client, world):
    rows_of(world)
    sign_in(client, world["officer"])
    html = figures_html(client)
    assert html.index("Laboratoire A") < html.index("Laboratoire B")  # most requests first
    html = figures_html(client, "?sort=rating&order=desc")
    assert html.index("Laboratoire B") < html.index("Laboratoire A")  # 5.0 before 3.0
    assert figures_html(client, "?sort=nonsense&period=1&page=99999999999999")


def test_the_kept_page_follows_a_new_request(client, world):
    """The sorted page is kept (issue 11) under the same tokens as the figures, and the
    page's HTML until a table it was read from changes: a request that changes the order
    and a body renamed are seen on the next visit."""
    rows_of(world)
    sign_in(client, world["officer"])
    html = figures_html(client)
    assert html.index("Laboratoire A") < html.index("Laboratoire B")
    for days in range(1, 9):
        add(world, "other", "member", days * 10, 2)
    _db.session.flush()
    html = figures_html(client)
    assert html.index("Laboratoire B") < html.index("Laboratoire A")
    # The page's content is kept as HTML too (issue 11): a body renamed shows at once.
    world["lab"].name_fr = "Laboratoire renommé"
    _db.session.flush()
    assert "Laboratoire renommé" in figures_html(client)


def grow(world, count: int) -> None:
    for i in range(count):
        add(
            world,
            ("lab", "other")[i % 2],
            ("member", "outsider")[i % 3 == 0],
            i % 300,
            (i % 25) if i % 4 else None,
            rating=(i % 5) + 1 if i % 7 == 0 else None,
        )
    _db.session.flush()


@pytest.mark.parametrize("who", ["officer", "staff", "lab_user"])
def test_the_figures_page_query_count_does_not_grow(client, world, who):
    sign_in(client, world[who])
    grow(world, 10)
    client.get("/requests/figures")
    with count_queries() as few:
        figures_html(client)
    grow(world, 200)
    client.get("/requests/figures")
    with count_queries() as many:
        figures_html(client)
    assert few.count == many.count


@pytest.mark.parametrize(("who", "linked"), [("officer", 2), ("staff", 0), ("lab_user", 1)])
def test_each_body_links_to_its_page_when_the_user_may_open_it(client, world, who, linked):
    rows_of(world)
    sign_in(client, world[who])
    html = figures_html(client)
    links = re.findall(r'href="(/organisations/\d+)"', html.split('id="body-figures"')[1])
    assert len(links) == linked
    for link in links:
        assert client.get(link).status_code == 200, link
