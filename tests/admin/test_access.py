"""Who may open each route of the administration pages (admin.*): the status each audience gets,
written out (not derived from the policy). The objects the paths point at: tests/access.py."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, only, route_id

ROWS: Rows = {
    ("admin.audit_trail", "GET"): Case("/admin/audit", only([Role.ADMIN])),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
