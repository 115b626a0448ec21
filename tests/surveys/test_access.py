"""Who may open each route of the satisfaction surveys (surveys.*): the status each
audience gets, written out (not derived from the policy). The objects the paths point at:
tests/access.py (``build_surveys``)."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, only, route_id, signed_in

BUILDERS = [Role.ADMIN, Role.FEDERATION_STAFF]
READERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.INSTITUTE_USER,
    Role.INFRASTRUCTURE_USER,
]
# Another federation's ecosystem's survey: its federation only (and those who read all).
OTHER_SURVEY = {**only(READERS), Role.FEDERATION_STAFF.value: 404}

ROWS: Rows = {
    ("surveys.index", "GET"): Case("/surveys/", only(READERS)),
    ("surveys.new", "GET"): Case("/surveys/new", only(BUILDERS)),
    ("surveys.new", "POST"): Case("/surveys/new", only(BUILDERS, 422)),
    ("surveys.show", "GET"): Case(lambda w: f"/surveys/{w.other_survey_id}", OTHER_SURVEY),
    ("surveys.results", "GET"): Case(
        lambda w: f"/surveys/{w.other_survey_id}/results", OTHER_SURVEY
    ),
    # The survey of the user's own ecosystem: administrators and its federation build it.
    ("surveys.add_question", "POST"): Case(
        lambda w: f"/surveys/{w.own_survey_id}/questions",
        only(BUILDERS, 302),
        {"kind": "text", "label_fr": "Remarques", "label_ar": "ملاحظات"},
    ),
    ("surveys.remove_question", "POST"): Case(
        lambda w: f"/surveys/{w.own_survey_id}/questions/{w.own_question_id}/delete",
        only(BUILDERS, 302),
    ),
    ("surveys.activate", "POST"): Case(
        lambda w: f"/surveys/{w.own_survey_id}/activate",
        only(BUILDERS, 302),
        {"active": "1", "version": "1"},
    ),
    ("surveys.send", "POST"): Case(
        lambda w: f"/surveys/{w.own_survey_id}/send", only(BUILDERS, 302)
    ),
    # Invitations: another organisation's answers 404; the user's own, unanswered, 422.
    ("surveys.respond", "GET"): Case(
        lambda w: f"/surveys/invitations/{w.other_invitation_id}", signed_in(404)
    ),
    ("surveys.respond", "POST"): Case(
        lambda w: f"/surveys/invitations/{w.own_invitation_id}", signed_in(422)
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
