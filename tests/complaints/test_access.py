"""Who may open each route of complaints and suggestions (complaints.*): the status each
audience gets, written out (not derived from the policy). The objects the paths point at:
tests/access.py (``build_complaints``)."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, everyone, only, route_id, signed_in

HANDLERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.INSTITUTE_USER,
    Role.INFRASTRUCTURE_USER,
]

# A complaint between strangers: only the ministry and administrators open it.
OUT_OF_SCOPE = {
    **signed_in(404),
    Role.ADMIN.value: 200,
    Role.MINISTRY_OFFICER.value: 200,
}

ROWS: Rows = {
    ("complaints.index", "GET"): Case("/complaints/", signed_in(200)),
    ("complaints.new", "GET"): Case("/complaints/new", signed_in(200)),
    ("complaints.new", "POST"): Case("/complaints/new", signed_in(422)),
    # Visitors without an account; a signed-in user is taken to the form of their account.
    ("complaints.contact", "GET"): Case("/complaints/contact", signed_in(302, anonymous=200)),
    ("complaints.contact", "POST"): Case("/complaints/contact", signed_in(302, anonymous=422)),
    # A contact-form message by the link of its e-mails: a link that is not one answers 404.
    ("complaints.follow", "GET"): Case("/complaints/follow/not-a-link", everyone(404)),
    ("complaints.follow_reopen", "POST"): Case(
        "/complaints/follow/not-a-link/reopen", everyone(404), {"reason": "x", "version": "1"}
    ),
    ("complaints.follow_rate", "POST"): Case(
        "/complaints/follow/not-a-link/rate", everyone(404), {"rating": "4", "version": "1"}
    ),
    ("complaints.show", "GET"): Case(lambda w: f"/complaints/{w.other_complaint_id}", OUT_OF_SCOPE),
    ("complaints.attachment", "GET"): Case(
        lambda w: (
            f"/complaints/{w.other_complaint_id}/attachments/{w.other_complaint_attachment_id}"
        ),
        OUT_OF_SCOPE,
    ),
    # The user's organisation answers it (a company's user wrote it: no answering).
    ("complaints.assign", "POST"): Case(
        lambda w: f"/complaints/{w.own_complaint_id}/assign",
        only(HANDLERS, 422),
        {"assignee_id": "0", "version": "1"},
    ),
    ("complaints.answer", "POST"): Case(
        lambda w: f"/complaints/{w.own_complaint_id}/answer",
        only(HANDLERS, 302),
        {"text": "Nous avons reprogrammé la session.", "version": "1"},
    ),
    ("complaints.close", "POST"): Case(
        lambda w: f"/complaints/{w.own_answered_complaint_id}/close",
        only(HANDLERS, 302),
        {"version": "1"},
    ),
    # The user wrote the answered one: every author reopens and rates it.
    ("complaints.reopen", "POST"): Case(
        lambda w: f"/complaints/{w.own_answered_complaint_id}/reopen",
        signed_in(302),
        {"reason": "La réponse ne dit pas quand.", "version": "1"},
    ),
    ("complaints.rate", "POST"): Case(
        lambda w: f"/complaints/{w.own_answered_complaint_id}/rate",
        signed_in(302),
        {"rating": "4", "version": "1"},
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
