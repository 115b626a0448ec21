"""Fair seats (issue 16, item 1): a session planned for two companies' needs (3 and 2 people,
5 seats) keeps 3 and 2 seats for them until the planner's date; neither takes the other's
before it, both may after it, then the waiting list; the planner sees and changes the seats
kept; twenty concurrent enrolments keep to it on real connections."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import Enrolment, EnrolmentStatus, SeatReservation, TrainingSession
from portal.services.training import seats
from tests.conftest import fresh_database_url, make_test_app, post_form, sign_in
from tests.factories import make_user
from tests.training.test_training_sessions import (
    build_committed_session,
    build_world,
    enrol_at_once,
    enrol_path,
    message,
    page,
    plan,
    statuses,
)

KEPT_UNTIL = date(2027, 1, 20)
AFTER = date(2027, 1, 21)


@pytest.fixture
def world(db, monkeypatch):
    """Two member companies that declared 3 and 2 people (tests/training/
    test_training_sessions.py), today 2027-01-11."""
    return build_world(db, monkeypatch)


def enrol(client, training_session, *names: str) -> None:
    for name in names:
        response = post_form(client, enrol_path(training_session), {"participant_name": name})
        assert response.status_code == 302, name


def kept(training_session) -> dict[int, int]:
    return seats.reservations_of(training_session.id)


@pytest.mark.parametrize(
    ("people", "seat_count", "expected"),
    [
        ({1: 3, 2: 2}, 5, {1: 3, 2: 2}),
        ({1: 3, 2: 2}, 8, {1: 3, 2: 2}),  # enough for everyone: what each declared
        ({1: 3, 2: 2}, 4, {1: 2, 2: 2}),  # 2.4 and 1.6: the larger remainder gets the seat
        ({1: 3, 2: 2}, 2, {1: 1, 2: 1}),
        ({1: 1, 2: 1, 3: 1}, 2, {1: 1, 2: 1, 3: 0}),  # a tie: the older company first
        ({1: 10, 2: 1}, 3, {1: 3, 2: 0}),
    ],
)
def test_seats_are_kept_in_proportion_to_the_people_declared(people, seat_count, expected):
    given = seats.proportional_seats(people, seat_count)
    assert given == expected
    assert sum(given.values()) == min(seat_count, sum(people.values()))


def test_planning_keeps_three_and_two_seats_until_the_planners_date(world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    assert training_session.seats_reserved_until == KEPT_UNTIL
    assert kept(training_session) == {world.company_a.id: 3, world.company_b.id: 2}


def test_without_a_date_seats_are_kept_until_two_weeks_before_the_start(world):
    training_session = plan(world, seats=5, starts_on=date(2027, 3, 1), kept_until="default")
    assert training_session.seats_reserved_until == date(2027, 2, 15)


def test_before_the_date_neither_company_takes_the_others_seats(client, world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.user_a)
    enrol(client, training_session, "A1", "A2", "A3", "A4", "A5")
    sign_in(client, world.user_b)
    enrol(client, training_session, "B1", "B2", "B3")
    assert statuses(training_session) == {
        "A1": "enrolled",
        "A2": "enrolled",
        "A3": "enrolled",
        "A4": "waiting",
        "A5": "waiting",
        "B1": "enrolled",
        "B2": "enrolled",
        "B3": "waiting",
    }


def test_a_company_is_told_its_seats_and_that_the_rest_are_kept_for_others(client, world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.user_a)
    enrol(client, training_session, "A1", "A2", "A3")
    html = page(client, f"/training/sessions/{training_session.id}")
    assert 'id="kept-for-you"' in html
    assert 'id="seats-kept-for-others"' in html
    sign_in(client, world.user_b)
    html = page(client, f"/training/sessions/{training_session.id}")
    assert 'id="seats-kept-for-others"' not in html
    assert str(escape(world.company_a.name_fr)) not in html  # a company sees only its own


def test_after_the_date_both_companies_take_the_free_seats(client, world, monkeypatch):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.user_a)
    enrol(client, training_session, "A1")
    monkeypatch.setattr("portal.clock.today", lambda: AFTER)
    enrol(client, training_session, "A2", "A3", "A4")  # A takes a seat B did not use
    sign_in(client, world.user_b)
    enrol(client, training_session, "B1", "B2")
    assert statuses(training_session) == {
        "A1": "enrolled",
        "A2": "enrolled",
        "A3": "enrolled",
        "A4": "enrolled",
        "B1": "enrolled",
        "B2": "waiting",
    }


def test_the_waiting_list_takes_the_seats_released_after_the_date(app, client, world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.user_a)
    enrol(client, training_session, "A1", "A2", "A3", "A4", "A5")
    sign_in(client, world.user_b)
    enrol(client, training_session, "B1")
    assert statuses(training_session)["A4"] == "waiting"

    assert seats.release_kept_seats(KEPT_UNTIL) == 0  # still kept on the day itself
    assert seats.release_kept_seats(AFTER) == 1  # the seat B left goes to A's first waiting
    result = statuses(training_session)
    assert (result["A4"], result["A5"]) == ("enrolled", "waiting")
    assert seats.release_kept_seats(AFTER) == 0  # once


def test_a_cancelled_seat_goes_to_a_waiting_participant_the_rule_lets_in(client, world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.user_b)
    enrol(client, training_session, "B1", "B2", "B3")  # B3 waits: 3 seats are kept for A
    sign_in(client, world.user_a)
    enrol(client, training_session, "A1", "A2", "A3", "A4")  # A4 waits, after B3
    a1 = _db.session.execute(
        select(Enrolment).where(Enrolment.participant_name == "A1")
    ).scalar_one()
    post_form(client, f"/training/sessions/{training_session.id}/enrolments/{a1.id}/cancel")
    # The seat freed is kept for A: A4 takes it, although B3 asked first.
    result = statuses(training_session)
    assert (result["A4"], result["B3"]) == ("enrolled", "waiting")


def test_the_planner_sees_and_changes_the_seats_kept(client, world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.user_a)
    enrol(client, training_session, "A1", "A2", "A3", "A4")
    sign_in(client, world.staff)
    path = f"/training/sessions/{training_session.id}"
    html = page(client, path)
    assert 'id="kept-seats"' in html and str(escape(world.company_b.name_fr)) in html
    form = {
        f"kept_{world.company_a.id}": "4",
        f"kept_{world.company_b.id}": "1",
        "seats_kept_until": "2027-01-20",
        "version": str(training_session.version),
    }
    assert post_form(client, f"{path}/seats", form).status_code == 302
    assert kept(training_session) == {world.company_a.id: 4, world.company_b.id: 1}
    assert statuses(training_session)["A4"] == "enrolled"  # let in by the change

    # A form opened before that save is refused, and changes nothing.
    stale = {**form, f"kept_{world.company_a.id}": "2", f"kept_{world.company_b.id}": "3"}
    response = post_form(client, f"{path}/seats", stale)
    assert response.status_code == 302
    assert kept(training_session) == {world.company_a.id: 4, world.company_b.id: 1}


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"a": "4", "b": "2"}, "The session has %(seats)s seats: it cannot keep more."),
        ({"a": "-1", "b": "2"}, "Enter a number between %(min)s and %(max)s."),
        ({"until": "2027-01-01"}, "Seats cannot be kept until a day already past."),
        ({"until": "2027-03-01"}, "Seats cannot be kept after the session's first day."),
    ],
)
def test_seats_kept_that_do_not_fit_are_refused_with_a_message(client, world, changes, error):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    sign_in(client, world.staff)
    form = {
        f"kept_{world.company_a.id}": changes.get("a", "3"),
        f"kept_{world.company_b.id}": changes.get("b", "2"),
        "seats_kept_until": changes.get("until", "2027-01-20"),
        "version": str(training_session.version),
    }
    response = post_form(client, f"/training/sessions/{training_session.id}/seats", form)
    assert response.status_code == 422
    values = {"seats": 5, "min": 0, "max": 5}
    assert message(error, **values) in response.get_data(as_text=True)
    assert kept(training_session) == {world.company_a.id: 3, world.company_b.id: 2}
    assert training_session.seats_reserved_until == KEPT_UNTIL


def test_only_the_planner_of_the_ecosystem_changes_the_seats_kept(client, world):
    training_session = plan(world, seats=5, kept_until=KEPT_UNTIL)
    path = f"/training/sessions/{training_session.id}/seats"
    form = {f"kept_{world.company_a.id}": "5", "version": str(training_session.version)}
    sign_in(client, world.user_a)
    assert post_form(client, path, form).status_code == 403
    sign_in(client, make_user("federation_staff"))  # another federation: not its session
    assert post_form(client, path, form).status_code == 404
    assert kept(training_session) == {world.company_a.id: 3, world.company_b.id: 2}


# --- twenty companies at the same moment ------------------------------------------------------


def test_twenty_concurrent_enrolments_never_take_seats_kept_for_another_company(tmp_path):
    """Ten participants of each of two companies at once, 5 seats kept 3 and 2: exactly 3
    and 2 are seated, on real connections (PostgreSQL in CI's second run)."""
    app = make_test_app(fresh_database_url("fair", tmp_path), tmp_path)
    try:
        with app.app_context():
            ids = build_committed_session(seats=5, already_enrolled=0)
            first, second = ids.company_ids[:2]
            training_session = _db.session.get(TrainingSession, ids.session_id)
            training_session.seats_reserved_until = date(2099, 1, 1)
            _db.session.add_all(
                [
                    SeatReservation(session_id=ids.session_id, organisation_id=first, seats=3),
                    SeatReservation(session_id=ids.session_id, organisation_id=second, seats=2),
                ]
            )
            _db.session.commit()
            _db.session.remove()
        # Ten participants of each company, alternately.
        companies = [first if number % 2 else second for number in range(20)]
        assert enrol_at_once(app, ids.session_id, companies) == []
        with app.app_context():
            seated = dict(
                _db.session.execute(
                    select(Enrolment.organisation_id, func.count(Enrolment.id))
                    .where(
                        Enrolment.session_id == ids.session_id,
                        Enrolment.status == EnrolmentStatus.ENROLLED,
                    )
                    .group_by(Enrolment.organisation_id)
                ).all()
            )
            assert seated == {first: 3, second: 2}
            waiting = _db.session.execute(
                select(func.count(Enrolment.id)).where(
                    Enrolment.session_id == ids.session_id,
                    Enrolment.status == EnrolmentStatus.WAITING,
                )
            ).scalar_one()
            assert waiting == 15
            _db.session.remove()
    finally:
        with app.app_context():
            _db.engine.dispose()
