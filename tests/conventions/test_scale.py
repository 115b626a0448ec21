"""The conventions list at national scale (issue 11): most recently signed first, drafts
(unsigned) last, read backwards on the (signed_on NULLS FIRST, id) index, with a query count
that does not grow with the number of conventions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.models import ConventionStatus
from tests.conftest import count_queries
from tests.factories import ConventionFactory, EcosystemFactory
from tests.plans import plan_problems

SMALL_TABLES = ("ecosystems", "data_versions", "notifications")


def grow(count: int, start: int = 0) -> None:
    ecosystem = EcosystemFactory()
    for i in range(start, start + count):
        draft = i % 5 == 0
        ConventionFactory(
            reference=f"SCALE-{i:03d}",
            ecosystem_id=ecosystem.id,
            signed_on=None if draft else date(2024, 1, 1) + timedelta(days=i % 9),
            status=ConventionStatus.DRAFT if draft else ConventionStatus.IN_PROGRESS,
        )


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("ministry_officer", "/conventions/"),
        ("ministry_officer", "/conventions/?page=2"),
        ("federation_staff", "/conventions/"),
    ],
)
def test_the_list_reads_an_index_in_its_order(client, db, auth, role, url):
    grow(40)
    auth.login_as(role)
    problems = plan_problems(
        lambda: client.get(url), allowed=SMALL_TABLES, matching="ORDER BY conventions.signed_on"
    )
    assert problems == {}


def test_signed_conventions_come_newest_first_and_drafts_last(client, db, auth):
    grow(12)
    auth.login_as("ministry_officer")
    html = client.get("/conventions/").get_data(as_text=True)
    refs = ("SCALE-000", "SCALE-008", "SCALE-001")
    position = {ref: html.index(f"<bdi>{ref}</bdi>") for ref in refs}
    # SCALE-008 was signed on 9 January, SCALE-001 on 2 January; SCALE-000 is a draft.
    assert position["SCALE-008"] < position["SCALE-001"] < position["SCALE-000"]


@pytest.mark.parametrize("role", ["ministry_officer", "federation_staff"])
def test_the_query_count_does_not_grow_with_the_conventions(client, db, auth, role):
    auth.login_as(role)
    grow(10)
    client.get("/conventions/")
    with count_queries() as few:
        assert client.get("/conventions/").status_code == 200
    grow(30, start=10)
    client.get("/conventions/")
    with count_queries() as many:
        assert client.get("/conventions/").status_code == 200
    assert few.count == many.count


def test_the_list_of_one_ecosystem_shows_its_conventions_only_in_index_order(client, db, auth):
    """The ecosystem page's "All the conventions" link: ?ecosystem=<slug> filters the list
    (an unknown slug shows every convention)."""
    grow(6)
    other = EcosystemFactory()
    ConventionFactory(reference="OTHER-001", ecosystem_id=other.id, signed_on=date(2024, 2, 1))
    db.session.flush()
    auth.login_as("ministry_officer")
    page = client.get(f"/conventions/?ecosystem={other.slug}").get_data(as_text=True)
    assert "<bdi>OTHER-001</bdi>" in page and "SCALE-001" not in page
    everything = client.get("/conventions/?ecosystem=nowhere").get_data(as_text=True)
    assert "<bdi>OTHER-001</bdi>" in everything and "SCALE-001" in everything
    problems = plan_problems(
        lambda: client.get(f"/conventions/?ecosystem={other.slug}"),
        allowed=SMALL_TABLES,
        matching="ORDER BY conventions.signed_on",
    )
    assert problems == {}
