"""The audit trail at national scale (issue 11): newest first, alone or filtered by kind of
record or action, read in the order of an index ((occurred_at, id), (entity_type,
occurred_at, id), (action, occurred_at, id)); its query count does not grow with the
trail."""

from __future__ import annotations

import pytest

from portal.extensions import db as _db
from tests.conftest import count_queries
from tests.factories import EcosystemFactory, members_of
from tests.plans import plan_problems

MOST = 8  # statements of one page of the trail, at most

URLS = [
    "/admin/audit",
    "/admin/audit?page=3",
    "/admin/audit?entity=organisations",
    "/admin/audit?action=insert",
    "/admin/audit?entity=memberships&action=insert",
]


def grow(count: int) -> None:
    """``count`` companies joining an ecosystem: two audit entries each."""
    members_of(EcosystemFactory(), [{"name_fr": f"Entreprise {i}"} for i in range(count)])
    _db.session.flush()


@pytest.mark.parametrize("url", URLS)
def test_the_trail_reads_an_index_in_its_order(client, db, auth, url):
    grow(60)
    auth.login_as("admin")
    problems = plan_problems(
        lambda: client.get(url),
        allowed=("ecosystems", "data_versions", "notifications"),
        matching="ORDER BY audit_entries.occurred_at",
    )
    assert problems == {}


@pytest.mark.parametrize("url", URLS)
def test_the_query_count_does_not_grow_with_the_trail(client, db, auth, url):
    auth.login_as("admin")
    grow(40)  # more than three pages
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    grow(60)
    client.get(url)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    # The names of the records a page points at cost one query per kind named (organisations,
    # users, ecosystems), whatever the number of entries: a bound, not a growth.
    assert many.count <= few.count + 2
    assert many.count <= MOST
