"""Who may open each route of the dashboards (dashboards.*): the ministry and administrators
(the programme's cockpit) and federation staff (their ecosystems' dashboard); the others are
refused, anonymous visitors sent to sign in. What each one sees is tested in test_cockpit."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, only, route_id

READERS = [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]

ROWS: Rows = {
    ("dashboards.index", "GET"): Case("/dashboard/", only(READERS)),
    ("dashboards.report_pdf", "GET"): Case("/dashboard/report.pdf", only(READERS)),
    ("dashboards.report_xlsx", "GET"): Case("/dashboard/report.xlsx", only(READERS)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
