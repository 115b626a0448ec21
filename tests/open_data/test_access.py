"""Who may open each route of the open data (open_data.*): everyone, signed in or not."""

from __future__ import annotations

import pytest

from tests.access import AUDIENCES, Case, Rows, everyone, route_id

ROWS: Rows = {
    ("open_data.index", "GET"): Case("/open-data/", everyone(200)),
    ("open_data.download", "GET"): Case("/open-data/ecosystems-regions-years.csv", everyone(200)),
    ("open_data.schema", "GET"): Case("/open-data/schema.json", everyone(200)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
