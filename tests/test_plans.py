"""The plan checker of tests/plans.py sees whole-table scans and sorts, and passes indexed
reads (so the list queries' plan tests can fail)."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Organisation
from tests.plans import plan_problems


def run(statement):
    from portal.extensions import db

    return lambda: db.session.execute(statement).all()


def test_an_unindexed_order_is_a_problem(db):
    problems = plan_problems(run(select(Organisation).order_by(Organisation.city).limit(25)))
    assert problems, "a sort on an unindexed column went unnoticed"


def test_a_read_by_primary_key_in_order_is_not(db):
    assert plan_problems(run(select(Organisation).order_by(Organisation.id).limit(25))) == {}
