"""Who may open each route of training: topics, needs, demand, offers, sessions (training.*): the
status each audience gets, written out (not derived from the policy). The objects the paths
point at: tests/access.py."""

from __future__ import annotations

import pytest

from portal.models import Role
from portal.services.training.calendar import feed_token
from tests.access import AUDIENCES, Case, Rows, everyone, only, route_id, signed_in

TRAINING_NEED_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.SME_USER]
DEMAND_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.INSTITUTE_USER]
SESSION_VIEWERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.INSTITUTE_USER,
]


def training_plan_path(w) -> str:
    return (
        f"/training/plan?topic={w.training_topic_id}&region=MA-06&quarter=2025-Q1"
        f"&ecosystem={w.training_ecosystem_id}"
    )


ROWS: Rows = {
    # training: topics, needs, demand
    ("training.topics", "GET"): Case("/training/topics", signed_in(200)),
    ("training.edit_topic", "GET"): Case(
        lambda w: f"/training/topics/{w.training_topic_id}/edit",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("training.edit_topic", "POST"): Case(
        "/training/topics/new", only([Role.ADMIN, Role.FEDERATION_STAFF], 422), {"code": ""}
    ),
    ("training.clause_topics", "GET"): Case(
        "/training/topics/clauses", only([Role.ADMIN, Role.FEDERATION_STAFF])
    ),
    ("training.clause_topics", "POST"): Case(
        "/training/topics/clauses",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 422),
        {"clause_number": ""},
    ),
    # The first mapping the migration loads (ISO 9001, 4.4).
    ("training.remove_clause_topic", "POST"): Case(
        "/training/topics/clauses/1/remove", only([Role.ADMIN, Role.FEDERATION_STAFF], 302)
    ),
    ("training.needs", "GET"): Case("/training/needs", only(TRAINING_NEED_READERS)),
    ("training.export_needs", "GET"): Case("/training/needs.csv", only(TRAINING_NEED_READERS)),
    ("training.new_need", "GET"): Case("/training/needs/new", only([Role.SME_USER])),
    ("training.new_need", "POST"): Case("/training/needs/new", only([Role.SME_USER], 422)),
    # Another company's need: 404 for a company.
    ("training.edit_need", "GET"): Case(
        lambda w: f"/training/needs/{w.other_need_id}/edit", only([Role.SME_USER], 404)
    ),
    ("training.edit_need", "POST"): Case(
        lambda w: f"/training/needs/{w.own_need_id}/edit",
        only([Role.SME_USER], 422),
        {"people": "0"},
    ),
    ("training.decide_need", "POST"): Case(
        lambda w: f"/training/needs/{w.own_need_id}/decision",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 302),
        {"decision": "validate"},
    ),
    ("training.demand", "GET"): Case("/training/demand", only(DEMAND_READERS)),
    ("training.export_demand", "GET"): Case("/training/demand.xlsx", only(DEMAND_READERS)),
    ("training.cell", "GET"): Case(
        lambda w: f"/training/demand/cell?topic={w.training_topic_id}&region=MA-06&quarter=2026-Q1",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    # training: offers, planning, sessions, enrolment, attendance, evaluation
    ("training.offers", "GET"): Case("/training/offers", signed_in(200)),
    ("training.edit_offer", "GET"): Case(
        lambda w: f"/training/offers/{w.own_offer_id}/edit", only([Role.INSTITUTE_USER])
    ),
    ("training.edit_offer", "POST"): Case(
        lambda w: f"/training/offers/{w.own_offer_id}/edit",
        only([Role.INSTITUTE_USER], 422),
        {"title_fr": ""},
    ),
    ("training.plan", "GET"): Case(training_plan_path, only([Role.ADMIN, Role.FEDERATION_STAFF])),
    ("training.plan", "POST"): Case(
        training_plan_path, only([Role.ADMIN, Role.FEDERATION_STAFF], 422)
    ),
    ("training.sessions", "GET"): Case("/training/sessions", only(SESSION_VIEWERS)),
    ("training.session", "GET"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}", only(SESSION_VIEWERS)
    ),
    ("training.enrol", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/enrol",
        only([Role.SME_USER], 422),
        {"participant_name": ""},
    ),
    ("training.enrol_many", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/enrol-many",
        only([Role.SME_USER], 422),
        {"many-participants": ""},
    ),
    ("training.change_kept_seats", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/seats",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 422),
        {"seats_kept_until": "not a day"},
    ),
    ("training.cancel_enrolment", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/enrolments/{w.own_enrolment_id}/cancel",
        only([Role.SME_USER], 302),
    ),
    ("training.attendance", "GET"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/attendance",
        only([Role.INSTITUTE_USER]),
    ),
    ("training.attendance", "POST"): Case(
        lambda w: f"/training/sessions/{w.own_session_id}/attendance",
        only([Role.INSTITUTE_USER], 422),
        {"present": "999999-1"},
    ),
    # A participant not present (no certificate): 404 to those who see the session.
    ("training.attendance_certificate", "GET"): Case(
        lambda w: (
            f"/training/sessions/{w.own_session_id}/enrolments/{w.own_enrolment_id}/certificate.pdf"
        ),
        only(SESSION_VIEWERS, 404),
    ),
    # The company whose staff attended is taken to its invitation to the session survey.
    ("training.evaluate", "GET"): Case(
        lambda w: f"/training/sessions/{w.held_session_id}/evaluation",
        {**only(SESSION_VIEWERS), Role.SME_USER.value: 302},
    ),
    ("training.calendar_month", "GET"): Case("/training/calendar", only(SESSION_VIEWERS)),
    # The feed's address is signed: the same answer for everyone who has it.
    ("training.calendar_feed", "GET"): Case(
        lambda w: f"/training/calendar/{feed_token('ecosystem', w.training_ecosystem_id)}.ics",
        everyone(200),
    ),
    ("training.export_sessions", "GET"): Case(
        "/training/sessions.csv",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.INSTITUTE_USER]),
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
