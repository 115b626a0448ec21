"""Who may open each route of service requests to the quality infrastructure (service_requests.*):
the status each audience gets, written out (not derived from the policy). The objects the paths
point at: tests/access.py."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, only, route_id

REQUEST_VIEWERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.INFRASTRUCTURE_USER,
]

# Another SME's request to another body: only the ministry and administrators open it.
OUT_OF_SCOPE_REQUEST = {
    **only(REQUEST_VIEWERS, 404),
    Role.ADMIN.value: 200,
    Role.MINISTRY_OFFICER.value: 200,
}

ROWS: Rows = {
    # service requests
    ("service_requests.index", "GET"): Case("/requests/", only(REQUEST_VIEWERS)),
    ("service_requests.new", "GET"): Case("/requests/new", only([Role.SME_USER])),
    ("service_requests.new", "POST"): Case("/requests/new", only([Role.SME_USER], 422)),
    ("service_requests.show", "GET"): Case(
        lambda w: f"/requests/{w.other_request_id}", OUT_OF_SCOPE_REQUEST
    ),
    ("service_requests.respond", "POST"): Case(
        lambda w: f"/requests/{w.own_request_id}/respond",
        only([Role.INFRASTRUCTURE_USER], 302),
        {"action": "accept", "version": "1"},
    ),
    ("service_requests.attachment", "GET"): Case(
        lambda w: f"/requests/{w.other_request_id}/attachments/{w.other_request_attachment_id}",
        OUT_OF_SCOPE_REQUEST,
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
