"""Cached figures (services/cache.py) are computed once and recomputed after any change to
the tables they depend on — a rolled-back change leaves them as they were."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select, update

from portal.models import AuditEntry, Ecosystem, Organisation, OrganisationKind, Standard
from portal.services.cache import Figures, View, _store
from tests.conftest import fresh_database_url, make_test_app
from tests.factories import OrganisationFactory

FIGURES = Figures("test-organisations", depends_on=(Organisation,))


@dataclass(frozen=True)
class Kept:
    """A dataclass a view keeps (as the homes' sections)."""

    when: date
    count: int


VIEW = View("test-view")


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
    workers = [make_test_app(url, tmp_path) for _ in range(2)]
    for worker in workers:
        # Redis for the figures only: an app made with REDIS_URL would point the process's
        # one rate limiter at Redis too, and every later test's limiter.reset() would wipe
        # the login counts tests/test_shared_throttle.py is keeping there at the same time.
        worker.config["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
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
    # A view (its value and its tables' tokens) is shared the same way.
    view = View(f"{name}-view", types=(Kept,))
    computed = []

    def compute_view():
        computed.append(1)
        db.session.execute(select(Organisation.id).limit(1)).first()
        return Kept(when=date(2026, 11, 28), count=len(computed))

    with workers[0].app_context():
        assert view.get(["me"], compute_view) == Kept(date(2026, 11, 28), 1)
    with workers[1].app_context():
        assert view.get(["me"], compute_view) == Kept(date(2026, 11, 28), 1)
        OrganisationFactory(kind=OrganisationKind.SME)
        db.session.commit()
    with workers[0].app_context():
        assert view.get(["me"], compute_view).count == 2
        db.engine.dispose()
    with workers[1].app_context():
        db.engine.dispose()


def test_a_tool_writing_with_core_forgets_every_figure(db):
    from portal.services.cache import forget_all

    compute = Computation(db)
    FIGURES.get(["all"], compute)
    forget_all(db.session.connection())  # what `flask demo generate` does after its inserts
    FIGURES.get(["all"], compute)
    assert compute.calls == 2


# --- views: kept until a table they read changes ----------------------------------------------


class ViewComputation:
    """Reads the organisations, the standards' names through the figures, and whatever else
    it is told to (a model whose first row it reads)."""

    def __init__(self, db, also=None) -> None:
        self.db = db
        self.also = also
        self.calls = 0

    def __call__(self) -> dict:
        from sqlalchemy import func, select

        self.calls += 1
        session = self.db.session
        value = {"organisations": session.scalar(select(func.count()).select_from(Organisation))}
        value["figures"] = FIGURES.get(["nested"], Computation(self.db))
        if self.also is not None:
            session.execute(select(self.also).limit(1)).first()
        value["when"] = date(2026, 11, 28)
        return value


def test_a_view_is_kept_while_the_tables_it_read_do_not_change(db):
    compute = ViewComputation(db)
    first = VIEW.get(["me"], compute)
    assert first["when"] == date(2026, 11, 28)  # dates come back as dates
    Standard.query.first().name_fr = "Autre nom"  # a table it did not read
    db.session.commit()
    assert VIEW.get(["me"], compute) == first
    assert compute.calls == 1
    OrganisationFactory(kind=OrganisationKind.SME)
    db.session.commit()
    assert VIEW.get(["me"], compute)["organisations"] == first["organisations"] + 1
    assert compute.calls == 2


def test_a_view_depends_on_the_tables_of_the_figures_it_used_even_when_they_were_kept(db):
    ecosystems = Figures("test-ecosystems", depends_on=(Ecosystem,))
    ecosystems.get(["all"], lambda: {"kept": True})  # kept before the view is made
    calls = []

    def compute() -> dict:
        calls.append(1)  # reads no table itself: only the kept figures
        return ecosystems.get(["all"], lambda: {"kept": False})

    VIEW.get(["me"], compute)
    VIEW.get(["me"], compute)
    assert len(calls) == 1
    db.session.execute(update(Ecosystem).values(name_fr="Autre"))
    db.session.commit()
    assert VIEW.get(["me"], compute) == {"kept": False}
    assert len(calls) == 2


def test_a_rolled_back_change_leaves_a_view_kept(db):
    compute = ViewComputation(db)
    VIEW.get(["me"], compute)
    savepoint = db.session.begin_nested()
    OrganisationFactory(kind=OrganisationKind.SME)
    db.session.flush()
    savepoint.rollback()
    VIEW.get(["me"], compute)
    assert compute.calls == 1


def test_a_view_that_reads_an_unversioned_table_is_never_kept(db):
    compute = ViewComputation(db, also=AuditEntry)
    VIEW.get(["me"], compute)
    VIEW.get(["me"], compute)
    assert compute.calls == 2


def test_a_view_of_the_declared_tables_is_computed_again_when_they_change(db):
    declared = View("test-declared", depends_on=(Standard,))
    compute = ViewComputation(db)
    declared.get(["me"], compute)
    Standard.query.first().name_fr = "Autre nom"
    db.session.commit()
    declared.get(["me"], compute)
    assert compute.calls == 2


def test_the_process_store_keeps_a_bounded_number_of_characters():
    from portal.services.cache import _LocalStore

    store = _LocalStore(size=10, characters=100)
    for index in range(5):
        store.set(f"k{index}", "x" * 30)
    assert [key for key in store.entries] == ["k2", "k3", "k4"]
    assert store.used == 90
    store.set("k4", "y" * 10)  # a new value for a kept key replaces it
    assert store.used == 70 and store.get("k4") == "y" * 10
    for index in range(20):
        store.set(f"n{index}", "z")
    assert len(store.entries) == 10


def test_a_core_statement_on_a_table_through_the_session_makes_them_computed_again(db):
    compute = Computation(db)
    FIGURES.get(["all"], compute)
    db.session.execute(update(Organisation.__table__).values(city="Oujda"))
    db.session.commit()
    FIGURES.get(["all"], compute)
    assert compute.calls == 2


def test_a_view_computed_with_a_kept_view_depends_on_its_tables(db):
    inner = View("test-inner")
    inner.get(["x"], lambda: {"standards": Standard.query.count()})  # kept before
    calls = []

    def outer_compute() -> dict:
        calls.append(1)
        return inner.get(["x"], lambda: {"standards": Standard.query.count()})

    VIEW.get(["outer"], outer_compute)
    Standard.query.first().name_fr = "Autre nom"
    db.session.commit()
    VIEW.get(["outer"], outer_compute)
    assert len(calls) == 2


def test_a_sign_in_does_not_make_the_views_of_its_table_computed_again(db):
    """A row whose changes the audit trail ignores (the last sign-in) is bookkeeping: every
    sign-in would otherwise make every home computed again."""
    from portal.models import User
    from portal.models.base import utcnow
    from tests.factories import make_user

    user = make_user("sme_user")
    db.session.commit()
    view = View("test-users", depends_on=(User,))
    calls = []
    view.get(["me"], lambda: calls.append(1) or {"n": 1})
    user.last_login_at = utcnow()
    db.session.commit()
    view.get(["me"], lambda: calls.append(1) or {"n": 1})
    assert len(calls) == 1
    user.full_name = "Autre Nom"
    db.session.commit()
    view.get(["me"], lambda: calls.append(1) or {"n": 1})
    assert len(calls) == 2


def test_a_kept_text_is_stored_as_it_is_and_read_back_unchanged(app, db):
    # A part of a page (tens of kilobytes of HTML, Arabic in it) is kept without JSON's
    # escapes: written and read back as text, the quotes and the Arabic letters as they are.
    html = '<a href="/x?a=1&amp;b=2" title="«أطلس»">Société « Atlas »</a>\n<p>\\n "\u2028"</p>'
    compute = lambda: html  # noqa: E731
    assert VIEW.get(["text"], compute) == html
    store = app.extensions["figures_store"]
    (kept,) = [value for key, value in store.entries.items() if key.endswith(":text")]
    assert html in kept and "\\u" not in kept.partition("\n")[2]
    assert VIEW.get(["text"], lambda: pytest.fail("computed again")) == html


def test_values_kept_in_an_earlier_format_are_not_read(app, db):
    # Redis outlives a release: what an earlier one kept under a view's key (one JSON
    # document) is neither read nor an error; the view is computed and kept anew.
    store = _store()
    store.set("view:test-view:old", '{"tokens": {}, "value": "stale"}')
    assert VIEW.get(["old"], lambda: "fresh") == "fresh"
    assert VIEW.get(["old"], lambda: pytest.fail("computed again")) == "fresh"
