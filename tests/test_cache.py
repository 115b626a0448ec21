"""Cached figures (services/cache.py) are computed once and recomputed after any change to
the tables they depend on — a rolled-back change leaves them as they were."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import update

from portal.models import Organisation, OrganisationKind, Standard
from portal.services.cache import Figures
from tests.conftest import fresh_database_url, make_test_app
from tests.factories import OrganisationFactory

FIGURES = Figures("test-organisations", depends_on=(Organisation,))


@pytest.fixture(autouse=True)
def empty_store(app):
    """Each test starts with nothing cached (the store outlives a test's transaction)."""
    app.extensions.pop("figures_store", None)


class Computation:
    def __init__(self, db) -> None:
        self.db = db
        self.calls = 0

    def __call__(self) -> dict:
        from sqlalchemy import func, select

        self.calls += 1
        count = self.db.session.execute(select(func.count()).select_from(Organisation)).scalar()
        return {"organisations": count}


def test_figures_are_computed_once_while_their_tables_do_not_change(db):
    compute = Computation(db)
    first = FIGURES.get(["all"], compute)
    Standard.query.first()  # reading changes nothing
    assert FIGURES.get(["all"], compute) == first
    assert compute.calls == 1


def test_an_added_or_changed_row_makes_them_computed_again(db):
    compute = Computation(db)
    before = FIGURES.get(["all"], compute)["organisations"]
    organisation = OrganisationFactory(kind=OrganisationKind.SME)
    db.session.commit()
    assert FIGURES.get(["all"], compute)["organisations"] == before + 1
    organisation.city = "Tanger"
    db.session.commit()
    FIGURES.get(["all"], compute)
    assert compute.calls == 3


def test_a_bulk_statement_makes_them_computed_again(db):
    compute = Computation(db)
    FIGURES.get(["all"], compute)
    db.session.execute(update(Organisation).values(city="Fès"))
    db.session.commit()
    FIGURES.get(["all"], compute)
    assert compute.calls == 2


def test_each_key_is_kept_apart_and_other_tables_do_not_matter(db):
    compute = Computation(db)
    FIGURES.get(["a"], compute)
    FIGURES.get(["b"], compute)
    assert compute.calls == 2
    Standard.query.first().name_fr = "Autre nom"
    db.session.commit()
    FIGURES.get(["a"], compute)
    assert compute.calls == 2


def test_a_rolled_back_change_leaves_them_valid(db):
    compute = Computation(db)
    FIGURES.get(["all"], compute)
    savepoint = db.session.begin_nested()
    OrganisationFactory(kind=OrganisationKind.SME)
    db.session.flush()
    savepoint.rollback()
    FIGURES.get(["all"], compute)
    assert compute.calls == 1


@pytest.mark.skipif(
    not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set (CI sets it)"
)
def test_workers_share_the_figures_through_redis(tmp_path):
    from portal.extensions import db

    url = fresh_database_url("figures", tmp_path)
    workers = [
        make_test_app(url, tmp_path, REDIS_URL=os.environ["TEST_REDIS_URL"]) for _ in range(2)
    ]
    name = f"test-shared-{os.getpid()}-{tmp_path.name}"
    shared = Figures(name, depends_on=(Organisation,))
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    with workers[0].app_context():
        assert shared.get(["all"], compute) == {"n": 1}
    with workers[1].app_context():
        assert shared.get(["all"], compute) == {"n": 1}  # computed by the other worker
        OrganisationFactory(kind=OrganisationKind.SME)
        db.session.commit()
    with workers[0].app_context():
        assert shared.get(["all"], compute) == {"n": 2}
        db.engine.dispose()
    with workers[1].app_context():
        db.engine.dispose()
