"""Who may open each route of the signed-in user's account (account.*): the status each audience
gets, written out (not derived from the policy). The objects the paths point at:
tests/access.py."""

from __future__ import annotations

import pytest

from tests.access import AUDIENCES, Case, Rows, route_id, signed_in

ROWS: Rows = {
    ("account.profile", "GET"): Case("/account/", signed_in(200)),
    ("account.profile", "POST"): Case("/account/", signed_in(422), {"full_name": ""}),
    ("account.change_password", "GET"): Case("/account/password", signed_in(200)),
    ("account.change_password", "POST"): Case("/account/password", signed_in(422)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
