"""Who may open each route of the quality experts' directory and profiles (experts.*): the status
each audience gets, written out (not derived from the policy). The objects the paths point at:
tests/access.py."""

from __future__ import annotations

import pytest

from tests.access import AUDIENCES, Case, Rows, route_id, signed_in

ROWS: Rows = {
    # quality experts
    ("experts.directory", "GET"): Case("/experts/", signed_in(200)),
    ("experts.detail", "GET"): Case("/experts/999999", signed_in(404)),
    ("experts.own_profile", "GET"): Case("/experts/me", signed_in(200)),
    ("experts.own_profile", "POST"): Case("/experts/me", signed_in(422), {"full_name": ""}),
    ("experts.delete_own_profile", "POST"): Case("/experts/me/delete", signed_in(404)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
