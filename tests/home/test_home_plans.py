"""Every query of every home reads through an index: no whole-table scan, no sort of a whole
result (issue 11), on SQLite and PostgreSQL (tests/plans.py). The figures computed over whole
tables come from the cache (services/cache), warmed by a first visit."""

from __future__ import annotations

import pytest

from tests.conftest import sign_in
from tests.home import queue_builders as qb
from tests.home.test_work_queues import federation_work
from tests.home.test_work_queues_partners import body_work, company_work, institute_work
from tests.plans import plan_problems

# Small reference tables a home may read whole, and the bounded subqueries (each reads a few
# rows of an index: ``first_ids``, ``bounded_counts``) whose results SQLite scans.
REFERENCE = ("ecosystems", "training_topics", "standards", r"anon_\d+")


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr("portal.clock.today", lambda: qb.TODAY)
    return qb.build_world()


def problems_of_home(client, user) -> dict:
    """The plan problems of the home's queries, but those reading only a reference table
    (the ecosystems in the order of their names)."""
    sign_in(client, user)
    assert client.get("/home").status_code == 200  # the cached figures computed
    problems = plan_problems(lambda: client.get("/home"), allowed=REFERENCE)
    return {
        statement: steps
        for statement, steps in problems.items()
        if not statement.startswith(tuple(f"SELECT {table}." for table in REFERENCE[:-1]))
    }


@pytest.mark.parametrize(
    ("role", "organisation"),
    [("admin", "ministry"), ("ministry_officer", "ministry"), ("federation_staff", "amica")],
    ids=["admin", "ministry", "federation"],
)
def test_the_oversight_homes_read_through_indexes(client, world, role, organisation):
    federation_work(world)
    user = qb.user_of(role, getattr(world, organisation))
    assert problems_of_home(client, user) == {}


def test_the_company_home_reads_through_indexes(client, world):
    company_work(world)
    problems = problems_of_home(client, qb.user_of("sme_user", world.sme_a))
    # A company's own enrolments, and the sessions they are in, are sorted by the sessions'
    # dates: a few rows per company (its staff in coming or held sessions), read through the
    # company's index of enrolments first.
    assert {
        statement: steps
        for statement, steps in problems.items()
        if not statement.startswith(("SELECT enrolments.", "SELECT training_sessions."))
    } == {}


def test_the_institute_home_reads_through_indexes(client, world):
    institute_work(world)
    assert problems_of_home(client, qb.user_of("institute_user", world.institute)) == {}


def test_the_body_home_reads_through_indexes(client, world):
    body_work(world)
    assert problems_of_home(client, qb.user_of("infrastructure_user", world.certifier)) == {}
