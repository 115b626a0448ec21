"""Who may open each route of notifications (notifications.*): the status each audience gets,
written out (not derived from the policy). The objects the paths point at: tests/access.py."""

from __future__ import annotations

import pytest

from tests.access import AUDIENCES, Case, Rows, route_id, signed_in

ROWS: Rows = {
    # notifications
    ("notifications.index", "GET"): Case("/notifications/", signed_in(200)),
    ("notifications.mark_read", "POST"): Case("/notifications/read", signed_in(302)),
    # No notification of that number is the audience's: 404 (a user's own: test_centre.py).
    ("notifications.mark_one_read", "POST"): Case("/notifications/999999/read", signed_in(404)),
    ("notifications.open_one", "GET"): Case("/notifications/999999/open", signed_in(404)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
