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

CATALOGUE_READERS = REQUEST_VIEWERS
NEEDS_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.SME_USER]
DEMAND_READERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.INFRASTRUCTURE_USER,
]
# The needs behind a demand cell, with the companies: never bodies nor centres.
CELL_READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]
# Mechanical testing is the first reference field the migrations load (id 1).
CELL = "/requests/demand/cell?kind=testing&field=1&region=MA-06&quarter=2025-Q2"

ROWS: Rows = {
    # who offers what
    ("service_requests.bodies", "GET"): Case("/requests/bodies", only(CATALOGUE_READERS)),
    ("service_requests.catalogue_page", "GET"): Case(
        lambda w: f"/requests/bodies/{w.catalogue_body_id}", only(CATALOGUE_READERS)
    ),
    ("service_requests.new_offer", "GET"): Case(
        "/requests/catalogue/new", only([Role.INFRASTRUCTURE_USER])
    ),
    ("service_requests.new_offer", "POST"): Case(
        "/requests/catalogue/new", only([Role.INFRASTRUCTURE_USER], 422)
    ),
    ("service_requests.edit_offer", "GET"): Case(
        lambda w: f"/requests/catalogue/{w.own_catalogue_entry_id}/edit",
        only([Role.INFRASTRUCTURE_USER]),
    ),
    ("service_requests.edit_offer", "POST"): Case(
        lambda w: f"/requests/catalogue/{w.own_catalogue_entry_id}/edit",
        only([Role.INFRASTRUCTURE_USER], 422),
    ),
    ("service_requests.remove_offer", "POST"): Case(
        lambda w: f"/requests/catalogue/{w.own_catalogue_entry_id}/remove",
        only([Role.INFRASTRUCTURE_USER], 302),
        {"version": "1"},
    ),
    # infrastructure needs
    ("service_requests.needs", "GET"): Case("/requests/needs", only(NEEDS_READERS)),
    ("service_requests.new_need", "GET"): Case("/requests/needs/new", only([Role.SME_USER])),
    ("service_requests.new_need", "POST"): Case("/requests/needs/new", only([Role.SME_USER], 422)),
    ("service_requests.edit_need", "GET"): Case(
        lambda w: f"/requests/needs/{w.own_infrastructure_need_id}/edit", only([Role.SME_USER])
    ),
    ("service_requests.edit_need", "POST"): Case(
        lambda w: f"/requests/needs/{w.own_infrastructure_need_id}/edit",
        only([Role.SME_USER], 422),
    ),
    ("service_requests.withdraw_need", "POST"): Case(
        lambda w: f"/requests/needs/{w.own_infrastructure_need_id}/withdraw",
        only([Role.SME_USER], 302),
        {"version": "1"},
    ),
    # the demand as a whole
    ("service_requests.demand", "GET"): Case("/requests/demand", only(DEMAND_READERS)),
    ("service_requests.export_demand", "GET"): Case("/requests/demand.csv", only(DEMAND_READERS)),
    ("service_requests.demand_cell", "GET"): Case(CELL, only(CELL_READERS)),
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
    # the request's life: the body quotes and delivers; the company decides on the quote,
    # closes and cancels; both write on the thread (federation staff, the ministry and admins
    # read it only); a failed step is a message on the request's page (302)
    ("service_requests.quote", "POST"): Case(
        lambda w: f"/requests/{w.own_request_id}/quote",
        only([Role.INFRASTRUCTURE_USER], 302),
        {"amount": "1000", "lead_time_days": "10", "valid_until": "2099-01-01", "version": "1"},
    ),
    ("service_requests.accept_quote", "POST"): Case(
        lambda w: f"/requests/{w.own_quoted_request_id}/quote/accept",
        only([Role.SME_USER], 302),
        {"version": "1"},
    ),
    ("service_requests.decline_quote", "POST"): Case(
        lambda w: f"/requests/{w.own_quoted_request_id}/quote/decline",
        only([Role.SME_USER], 302),
        {"version": "1", "reason": "Trop cher"},
    ),
    ("service_requests.deliver", "POST"): Case(
        lambda w: f"/requests/{w.own_in_progress_request_id}/deliver",
        only([Role.INFRASTRUCTURE_USER], 302),
        {"version": "1"},
    ),
    ("service_requests.close", "POST"): Case(
        lambda w: f"/requests/{w.own_delivered_request_id}/close",
        only([Role.SME_USER], 302),
        {"version": "1", "rating": "5"},
    ),
    ("service_requests.cancel", "POST"): Case(
        lambda w: f"/requests/{w.own_request_id}/cancel",
        only([Role.SME_USER], 302),
        {"version": "1", "reason": "Plus nécessaire"},
    ),
    ("service_requests.post_message", "POST"): Case(
        lambda w: f"/requests/{w.own_request_id}/messages",
        {
            **only(REQUEST_VIEWERS, 403),
            Role.SME_USER.value: 302,
            Role.INFRASTRUCTURE_USER.value: 302,
        },
        {"text": "Bonjour"},
    ),
    # the bodies' figures: a body its own, federations, the ministry and admins every body
    ("service_requests.figures", "GET"): Case(
        "/requests/figures",
        only(
            [
                Role.ADMIN,
                Role.MINISTRY_OFFICER,
                Role.FEDERATION_STAFF,
                Role.INFRASTRUCTURE_USER,
            ]
        ),
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
