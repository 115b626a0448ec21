"""The training calendar (issue 16, item 5): a month of the sessions the user sees (an
ecosystem's when chosen), in a bounded number of queries; iCalendar feeds per institute,
company and ecosystem at signed addresses (a forged one answers 404)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from portal.extensions import db as _db
from portal.services.training import calendar
from tests.conftest import count_queries, sign_in
from tests.factories import MembershipFactory, make_user
from tests.training.test_participants import assert_valid_icalendar
from tests.training.test_training_sessions import build_world, page, plan

START = date(2027, 2, 1)


@pytest.fixture
def world(db, monkeypatch):
    """Companies A and B of AMICA's ecosystem, today 2027-01-11."""
    return build_world(db, monkeypatch)


def test_the_month_shows_each_day_of_a_session(client, world):
    training_session = plan(world, starts_on=START)
    training_session.ends_on = date(2027, 2, 3)
    _db.session.flush()
    sign_in(client, world.user_a)
    html = page(client, f"/training/calendar?month=2027-02&ecosystem={world.ecosystem.id}")
    assert html.count(f'href="/training/sessions/{training_session.id}"') == 3
    assert "février 2027" in html
    # Another month shows none; a month that is not one shows this month.
    assert f"/training/sessions/{training_session.id}" not in page(
        client, "/training/calendar?month=2027-03"
    )
    assert page(client, "/training/calendar?month=2027-13").count("janvier 2027") >= 1


def test_a_company_outside_the_ecosystem_sees_none_of_its_sessions(client, world):
    training_session = plan(world, starts_on=START)
    sign_in(client, world.outsider)
    html = page(client, f"/training/calendar?month=2027-02&ecosystem={world.ecosystem.id}")
    assert f"/training/sessions/{training_session.id}" not in html


def test_the_month_reads_a_bounded_number_of_queries(client, world):
    sign_in(client, world.staff)
    path = f"/training/calendar?month=2027-02&ecosystem={world.ecosystem.id}"
    client.get(path)
    # The month is kept as HTML until a session changes (issue 11): each visit counted below
    # follows new sessions, so it computes the month again.
    plan(world, seats=1, starts_on=date(2027, 2, 1))
    with count_queries() as few:
        client.get(path)
    for number in range(1, 19):
        plan(world, seats=1, starts_on=date(2027, 2, 1 + number % 4))
    with count_queries() as many:
        html = client.get(path).get_data(as_text=True)
    assert many.count == few.count
    assert "de plus" in html  # three a day, the others counted


def test_the_kept_month_follows_new_sessions_and_memberships(client, world):
    """The month is kept as HTML per scope (issue 11) until a table it was read from changes:
    a session planned, a topic renamed, a company joining the ecosystem (its sessions and the
    ecosystem among the choices) and an ecosystem renamed show at once."""
    path = "/training/calendar?month=2027-02"
    first = plan(world, starts_on=START)
    sign_in(client, world.staff)
    assert f"/training/sessions/{first.id}" in page(client, path)
    second = plan(world, starts_on=date(2027, 2, 10))
    world.topic.name_fr = "Exigences renommées"
    _db.session.flush()
    html = page(client, path)
    assert f"/training/sessions/{second.id}" in html and "Exigences renommées" in html

    sign_in(client, world.outsider)
    choice = f'<option value="{world.ecosystem.id}"'
    html = page(client, path)
    assert f"/training/sessions/{first.id}" not in html and choice not in html
    MembershipFactory(ecosystem=world.ecosystem, organisation=world.outsider.organisation)
    html = page(client, path)
    assert f"/training/sessions/{first.id}" in html and choice in html
    # The ecosystem choice and the feed addresses are kept with the month: a renamed
    # ecosystem shows at once.
    world.ecosystem.name_fr = "Écosystème renommé"
    _db.session.flush()
    assert "Écosystème renommé" in page(client, path)


def feed_of(client, html: str) -> str:
    url = re.search(r'href="(http://[^"]+\.ics)"', html).group(1)
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return response.get_data(as_text=True)


def test_the_feeds_of_a_company_an_institute_and_an_ecosystem(client, world):
    training_session = plan(world, starts_on=START)
    uid = f"UID:training-session-{training_session.id}@portail-qualite"
    sign_in(client, world.user_a)
    company_feed = feed_of(client, page(client, "/training/calendar"))
    assert uid in company_feed
    assert_valid_icalendar(company_feed, first=START, day_after_last=date(2027, 2, 2))
    sign_in(client, world.institute_user)
    assert uid in feed_of(client, page(client, "/training/calendar"))
    sign_in(client, world.staff)
    html = page(client, f"/training/calendar?ecosystem={world.ecosystem.id}")
    assert uid in feed_of(client, html)
    # The outsider company's feed has none of the ecosystem's sessions.
    sign_in(client, world.outsider)
    assert uid not in feed_of(client, page(client, "/training/calendar"))


def test_a_kept_month_gives_each_host_its_own_feed_addresses(client, world):
    """The kept part holds absolute addresses: it is kept per host (fragments.kept_fragment)."""
    sign_in(client, world.user_a)
    with client.session_transaction() as session:
        signed_in = dict(session)
    for host in ("portail.example.ma", "intranet.example.ma"):
        with client.session_transaction(base_url=f"http://{host}") as session:
            session.update(signed_in)  # the cookie of each host
        html = client.get("/training/calendar", base_url=f"http://{host}").get_data(as_text=True)
        assert re.findall(r'href="(http://[^/"]+)/training/calendar/', html) == [f"http://{host}"]


def test_a_forged_feed_address_answers_404(app, client, world):
    assert client.get("/training/calendar/forged.ics").status_code == 404
    other = make_user("institute_user")
    with app.test_request_context():
        token = calendar.feed_token("institute", other.organisation_id)
    assert client.get(f"/training/calendar/{token[:-2]}xx.ics").status_code == 404
    assert client.get(f"/training/calendar/{token}.ics").status_code == 200
