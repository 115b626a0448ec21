"""The experts directory at scale (issue 11): by name then id, alone or by region, read in the
order of the (search_text, id) and (region, search_text, id) indexes; a search by word
(LIKE '%word%', which no index serves) is bounded by that order: the page stops the read."""

from __future__ import annotations

import pytest

from tests.conftest import count_queries
from tests.experts.test_experts import make_expert
from tests.plans import plan_problems

SMALL_TABLES = ("ecosystems", "data_versions", "notifications", "expert_competencies")


def grow(db, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        make_expert(db, f"Experte {i:03d}", region="MA-06" if i % 2 else "MA-01")


@pytest.mark.parametrize("url", ["/experts/", "/experts/?region=MA-06", "/experts/?page=2"])
def test_the_directory_reads_an_index_in_its_order(client, db, auth, url):
    grow(db, 40)
    auth.login_as("sme_user")
    problems = plan_problems(
        lambda: client.get(url),
        allowed=SMALL_TABLES,
        matching="ORDER BY quality_experts.search_text",
    )
    assert problems == {}


def test_the_query_count_does_not_grow_with_the_experts(client, db, auth):
    auth.login_as("sme_user")
    grow(db, 5)
    client.get("/experts/")
    with count_queries() as few:
        assert client.get("/experts/").status_code == 200
    grow(db, 30, start=5)
    client.get("/experts/")
    with count_queries() as many:
        assert client.get("/experts/").status_code == 200
    assert few.count == many.count
