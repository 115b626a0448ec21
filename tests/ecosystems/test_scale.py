"""The member lists, directories, ecosystem pages and exports at national scale (issue 11):
their list queries read through indexes in the order they show (no whole-table scan, no
sort of a whole result), their query counts do not grow with the data, the ecosystem page
shows the latest conventions only, and exports stream every row."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from portal.extensions import db as _db
from portal.models import MembershipRole, MembershipStatus, OrganisationKind
from portal.services import directory
from portal.services.ecosystems.summaries import CONVENTIONS_SHOWN
from tests.conftest import count_queries, sign_in, using_postgresql
from tests.factories import (
    ConventionFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    members_of,
)
from tests.plans import plan_problems

# What ANALYZE records of the national data (flask demo generate, scale 1): SQLite's planner
# chooses between reading in an index's order and sorting from these. The migration runs
# ANALYZE; a test's few rows would tell the planner the opposite of the national tables.
NATIONAL_STATISTICS = {
    ("memberships", None): "105058",
    ("memberships", "ix_memberships_ecosystem_id"): "105058 52529",
    ("memberships", "ix_memberships_ecosystem_requested_at_id"): "105058 52529 1 1",
    ("memberships", "ix_memberships_ecosystem_status_requested_at_id"): "105058 52529 10506 1 1",
    ("memberships", "ix_memberships_organisation_id"): "105058 1",
    ("memberships", "sqlite_autoindex_memberships_1"): "105058 52529 1",
    ("organisations", None): "100054",
    ("organisations", "ix_organisations_created_at_id"): "100054 1 1",
    ("organisations", "ix_organisations_kind"): "100054 20011",
    ("organisations", "ix_organisations_name_ar_id"): "100054 4 1",
    ("organisations", "ix_organisations_name_fr_id"): "100054 4 1",
    ("organisations", "ix_organisations_region"): "100054 8338",
    ("organisations", "ix_organisations_region_name_ar_id"): "100054 8338 3 1",
    ("organisations", "ix_organisations_region_name_fr_id"): "100054 8338 3 1",
    ("organisations", "ix_organisations_search_text"): "100054 3",
    ("organisations", "sqlite_autoindex_organisations_1"): "100054 1",
}

# Small reference tables read whole (a handful of rows), and the bounded subquery a count
# reads (``paging.count_up_to``: at most COUNT_LIMIT + 1 rows, whatever the table's size).
SMALL_TABLES = ("ecosystems", "anon_1")


def national_statistics() -> None:
    """Give SQLite's planner the national tables' statistics (no-op on PostgreSQL, where
    tests/plans.py forbids sequential scans and sorts instead)."""
    if using_postgresql():
        return
    connection = _db.session.connection()
    connection.execute(text("ANALYZE sqlite_schema"))  # creates sqlite_stat1 if missing
    connection.execute(
        text("DELETE FROM sqlite_stat1 WHERE tbl IN ('organisations', 'memberships')")
    )
    for (table, index), stat in NATIONAL_STATISTICS.items():
        connection.execute(
            text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:t, :i, :s)"),
            {"t": table, "i": index, "s": stat},
        )
    connection.execute(text("ANALYZE sqlite_schema"))  # the planner reloads them


@pytest.fixture
def world(client, db):
    """AMICA leading the automobile ecosystem with members of every status, another
    ecosystem, and a federation staff user and a ministry officer."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica, slug="automobile")
    other = EcosystemFactory(slug="chimie")
    for status in MembershipStatus:
        members_of(ecosystem, [{"region": "MA-06"}, {"region": "MA-01"}], status=status)
    members_of(other, [{"region": "MA-04"}])
    return {
        "ecosystem": ecosystem,
        "other": other,
        "federation": make_user("federation_staff", organisation=amica),
        "ministry": make_user("ministry_officer"),
    }


def more_members(ecosystem, count: int, start: int = 0) -> None:
    members_of(
        ecosystem,
        [{"name_fr": f"Membre {start + n:04d}", "region": "MA-05"} for n in range(count)],
    )


MEMBER_LISTS = [
    "/ecosystems/automobile/members",
    "/ecosystems/automobile/members?page=2",
    "/ecosystems/automobile/members?sort=-name",
    "/ecosystems/automobile/members?sort=region",
    "/ecosystems/automobile/members?sort=-created",
    "/ecosystems/automobile/members?status=requested&sort=-created",
    "/ecosystems/automobile/requests",
]
ORGANISATION_LISTS = [
    "/directory/organisations",
    "/directory/organisations?page=2",
    "/directory/organisations?sort=-name",
    "/directory/organisations?sort=region",
    "/directory/organisations?sort=-created",
    "/directory/organisations?region=MA-06",
    "/directory/organisations?ecosystem=automobile",
]
PUBLIC_LISTS = [
    "/directory/",
    "/directory/?page=2",
    "/directory/?sort=-name",
    "/directory/?sort=region",
    "/directory/?region=MA-06",
    "/directory/?ecosystem=automobile",
]


BOUNDED_COUNT_SCANS = (["SCAN organisations"], ["Seq Scan organisations"])


def problems_of(client, url: str, table: str) -> list[str]:
    """The plan problems of the page's statements on ``table``, but for the ecosystems'
    choices in the filter bar (a handful of rows), and the bounded count of a list of all
    organisations: read in any order, it stops at ``COUNT_LIMIT + 1`` rows."""
    found = plan_problems(lambda: client.get(url), allowed=SMALL_TABLES, matching=table)
    return [
        f"{statement}: {steps}"
        for statement, steps in found.items()
        if not statement.startswith("SELECT ecosystems.")
        and not (statement.startswith("SELECT count(*)") and steps in BOUNDED_COUNT_SCANS)
    ]


@pytest.mark.parametrize("locale", ["fr", "ar"])
@pytest.mark.parametrize("url", MEMBER_LISTS)
def test_member_lists_read_in_an_indexed_order(client, world, url, locale):
    more_members(world["ecosystem"], 30)
    national_statistics()
    sign_in(client, world["federation"])
    with client.session_transaction() as session:
        session["locale"] = locale
    assert client.get(url).status_code == 200
    assert problems_of(client, url, "memberships") == []


@pytest.mark.parametrize("locale", ["fr", "ar"])
@pytest.mark.parametrize("role", ["ministry", "federation"])
@pytest.mark.parametrize("url", ORGANISATION_LISTS)
def test_staff_directory_reads_in_an_indexed_order(client, world, url, role, locale):
    more_members(world["ecosystem"], 30)
    national_statistics()
    sign_in(client, world[role])
    with client.session_transaction() as session:
        session["locale"] = locale
    assert client.get(url).status_code == 200
    assert problems_of(client, url, "organisations") == []


@pytest.mark.parametrize("locale", ["fr", "ar"])
@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_public_directory_reads_in_an_indexed_order(client, world, url, locale):
    more_members(world["ecosystem"], 30)
    national_statistics()
    with client.session_transaction() as session:
        session["locale"] = locale
    assert client.get(url).status_code == 200
    assert problems_of(client, url, "organisations") == []


# --- query counts: the same at two sizes ------------------------------------------------


PAGES = [
    ("federation", "/ecosystems/automobile/members"),
    ("federation", "/ecosystems/automobile/members?sort=-created&page=2"),
    ("federation", "/ecosystems/automobile/members.csv"),
    ("federation", "/ecosystems/automobile/requests"),
    ("ministry", "/directory/organisations"),
    ("ministry", "/directory/organisations.csv"),
    ("federation", "/directory/organisations?sort=region"),
    (None, "/directory/"),
    (None, "/"),
    (None, "/ecosystems/automobile"),
    ("federation", "/ecosystems/automobile"),
]


@pytest.mark.parametrize(("role", "url"), PAGES)
def test_query_counts_do_not_grow_with_the_data(client, world, role, url):
    if role:
        sign_in(client, world[role])
    more_members(world["ecosystem"], 30)  # two pages
    ConventionFactory(ecosystem_id=world["ecosystem"].id)
    client.get(url)  # warm: cached figures computed
    with count_queries() as small:
        assert client.get(url).status_code == 200
    more_members(world["ecosystem"], 120, start=100)
    for _ in range(CONVENTIONS_SHOWN + 2):
        ConventionFactory(ecosystem_id=world["ecosystem"].id)
    client.get(url)  # cached figures are recomputed once after a change, then read
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert large.count == small.count, (small.statements, large.statements)


# --- the ecosystem page: the latest conventions, a link to all ---------------------------


def test_ecosystem_page_shows_the_latest_conventions_and_links_to_all(client, world):
    ecosystem = world["ecosystem"]
    made = [ConventionFactory(ecosystem_id=ecosystem.id) for _ in range(CONVENTIONS_SHOWN + 3)]
    page = client.get("/ecosystems/automobile").get_data(as_text=True)
    shown = [c for c in made if f'/conventions/{c.id}"' in page]
    assert len(shown) == CONVENTIONS_SHOWN
    assert "/conventions/?ecosystem=automobile" in page


def test_ecosystem_page_without_more_conventions_has_no_link(client, world):
    ecosystem = world["ecosystem"]
    made = [ConventionFactory(ecosystem_id=ecosystem.id) for _ in range(3)]
    page = client.get("/ecosystems/automobile").get_data(as_text=True)
    assert all(f'/conventions/{c.id}"' in page for c in made)
    assert "/conventions/?ecosystem=automobile" not in page


def test_ecosystem_figures_follow_the_memberships(client, world):
    """The cached figures are recomputed after a membership changes."""
    ecosystem = world["ecosystem"]

    def figures():
        page = client.get("/ecosystems/automobile").get_data(as_text=True)
        return page.split("figures-title", 1)[1]

    before = figures()
    MembershipFactory(
        ecosystem=ecosystem,
        organisation=OrganisationFactory(region="MA-12"),
        role=MembershipRole.MEMBER_SME,
    )
    _db.session.commit()
    after = figures()
    assert before != after


# --- exports stream every row -------------------------------------------------------------


@pytest.fixture
def small_batches(monkeypatch):
    """Exports read three rows at a time: many batches from a few rows."""
    monkeypatch.setattr(directory, "EXPORT_BATCH", 3)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_member_export_streams_every_row(client, world, small_batches):
    more_members(world["ecosystem"], 40)
    sign_in(client, world["federation"])
    response = client.get("/ecosystems/automobile/members.csv")
    rows = csv_rows(response)[1:]
    assert len(rows) == 40 + 2 * len(MembershipStatus)
    names = [row[0] for row in rows]
    assert {f"Membre {n:04d}" for n in range(40)} <= set(names)


def test_organisation_export_streams_every_row_with_its_memberships(client, world, small_batches):
    more_members(world["ecosystem"], 40)
    sign_in(client, world["ministry"])
    rows = csv_rows(client.get("/directory/organisations.csv?ecosystem=automobile"))[1:]
    members = [row for row in rows if row[0].startswith("Membre ")]
    assert len(members) == 40
    assert all(row[-1] for row in members)  # each with its ecosystem


def test_xlsx_export_streams_every_row(client, world, small_batches):
    more_members(world["ecosystem"], 20)
    sign_in(client, world["ministry"])
    response = client.get("/directory/organisations.xlsx?ecosystem=automobile&region=MA-05")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.max_row == 1 + 20


def test_exports_are_lazy(world, app):
    """Nothing is read before the file is sent: the export is a generator over the query."""
    with count_queries() as counted:
        rows = directory.members_export(world["ecosystem"], directory.Filters())
    assert counted.count == 0
    assert len(list(rows)) == 2 * len(MembershipStatus)


def test_loading_a_membership_does_not_join_its_ecosystem_s_lead_federation(db):
    """An ecosystem's lead federation is loaded when read, not joined into every statement
    that loads an ecosystem: a membership's (or a convention's, a complaint's) statement
    holds the organisations table once, for the member. Each statement shape the ORM
    compiles is kept by every worker with its columns (about 2 KB a column): the federation's
    28 columns in every such shape cost each worker 8 MB of the national benchmark's pages."""
    membership = MembershipFactory()
    _db.session.flush()
    _db.session.expunge_all()
    with count_queries() as queries:
        loaded = _db.session.get(type(membership), membership.id)
    assert len(queries.statements) == 1
    assert queries.statements[0].lower().count("join organisations") == 1
    with count_queries() as queries:
        assert loaded.ecosystem.lead_federation.name_fr
    assert len(queries.statements) == 1  # the federation, read when asked for
