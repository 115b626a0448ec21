"""Training at national scale (issue 11): every list query reads through an index in the
order it shows (plans), pages run the same number of queries whatever the data, the demand
summary equals a fresh aggregation after every kind of change (and the migration's backfill
equals it), and the needs export streams every row."""

from __future__ import annotations

import csv
import importlib
import io
from collections.abc import Iterator
from datetime import date

import pytest
from flask import current_app
from sqlalchemy import select, text

from portal.downloads import XLSX_MIMETYPE
from portal.extensions import db as _db
from portal.models import NeedStatus, SessionStatus, TrainingNeed
from portal.models.base import utcnow
from portal.models.training import ALL_ECOSYSTEMS, TrainingDemandCell
from portal.services.training import attendance as attendance_service
from portal.services.training import needs as needs_service
from portal.services.training import offers as offers_service
from portal.services.training.demand_summary import rebuild_demand_summary, summary_select
from tests.conftest import count_queries, sign_in
from tests.factories import (
    EnrolmentFactory,
    TrainingOfferFactory,
    TrainingSessionFactory,
)
from tests.home.queue_builders import message
from tests.plans import plan_problems
from tests.training.test_training_needs import make_need, topic, world  # noqa: F401

# ruff: noqa: F811 (``world``: the fixture of the needs' tests, shared)

TODAY = date(2026, 2, 10)
# Small reference tables a page may read whole; the demand summary is bounded by topics ×
# regions × quarters × ecosystems (a few thousand rows at most), read whole for a heat map.
SMALL = ("ecosystems", "training_topics", "training_demand_cells")
# Not tables: the bounded count's subquery (LIMIT 2001), the quarters' recursive CTE, the
# needs declared from diagnostics (a materialised CTE read from their partial index; its own
# plan is tested in test_from_diagnostics.py).
SMALL += ("anon_1", "quarters_seen", "CONSTANT ROW", "declared_from_diagnostics")
REGIONS = ["MA-01", "MA-04", "MA-06"]
QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3"]


def add_needs(world, count: int, statuses=tuple(NeedStatus)) -> list[TrainingNeed]:
    """Needs of the three companies, every status, topic, region and quarter mixed early."""
    companies = [(world["atlas"], world["automobile"]), (world["rif"], world["automobile"])]
    companies.append((world["sud"], world["chimie"]))
    topics = [world["iso"], world["fmea"]]
    made = []
    for index in range(count):
        company, ecosystem = companies[index % 3]
        made.append(
            make_need(
                company,
                ecosystem,
                topics[index % 2],
                people=2,
                region=REGIONS[(index // 2) % 3],
                quarter=QUARTERS[(index // 6) % 3],
                status=statuses[index % len(statuses)],
            )
        )
    return made


def add_sessions(world, count: int) -> None:
    offer = TrainingOfferFactory(topic_id=world["iso"].id, regions="MA-06")
    for index in range(count):
        ecosystem = world["automobile"] if index % 2 else world["chimie"]
        session = TrainingSessionFactory(
            offer=offer,
            ecosystem_id=ecosystem.id,
            starts_on=date(2025, 1 + index % 12, 1 + index % 28),
            ends_on=date(2025, 1 + index % 12, 1 + index % 28),
            status=SessionStatus.HELD if index % 3 == 0 else SessionStatus.PLANNED,
        )
        EnrolmentFactory(session_id=session.id, organisation_id=world["atlas"].id)


# --- plans ------------------------------------------------------------------------------------


def bounded_count(statement: str, lines: list[str]) -> bool:
    """A list's bounded count (``paging.count_up_to``) of a list unfiltered or filtered by
    its scope only (dense): the database reads the table in its own order and stops at
    ``COUNT_LIMIT + 1`` rows (the LIMIT). Filtered lists' counts read their index (the
    filtered URLs above)."""
    return (
        # (plan_problems cuts statements at 300 characters: count_up_to always LIMITs)
        statement.startswith("SELECT count(*) AS count_1 FROM (SELECT")
        and len(lines) == 1
        and lines[0].startswith(("SCAN ", "Seq Scan "))
    )


def assert_indexed(client, url: str, matching: str) -> None:
    """The queries of the page that name ``matching`` read an index in their order."""
    problems = {
        statement: lines
        for statement, lines in plan_problems(lambda: client.get(url), SMALL, matching).items()
        if not bounded_count(statement, lines)
    }
    report = "\n".join(f"{statement}\n    {lines}" for statement, lines in problems.items())
    assert not problems, f"{url}\n{report}"


def needs_urls(world) -> list[str]:
    automobile = world["automobile"].id
    iso = world["iso"].id
    return [
        "/training/needs",
        "/training/needs?page=2",
        "/training/needs?status=validated",
        f"/training/needs?topic={iso}",
        "/training/needs?region=MA-06",
        "/training/needs?quarter=2026-Q2",
        f"/training/needs?ecosystem={automobile}",
        f"/training/needs?ecosystem={automobile}&status=submitted",
    ]


@pytest.mark.parametrize("who", ["officer", "amica_staff", "atlas_user"])
def test_the_needs_list_reads_an_index_in_its_order_for_every_filter(client, world, who):
    add_needs(world, 60)
    sign_in(client, world[who])
    for url in needs_urls(world):
        assert_indexed(client, url, "training_needs")


def test_the_needs_export_reads_an_index_in_its_order(client, world):
    add_needs(world, 30)
    sign_in(client, world["officer"])
    for url in ("/training/needs.csv", "/training/needs.csv?quarter=2026-Q2&status=validated"):
        assert_indexed(client, url, "training_needs")


@pytest.mark.parametrize("who", ["officer", "amica_staff", "institute_user"])
def test_the_demand_page_and_export_read_the_summary(client, world, who):
    add_needs(world, 60)
    sign_in(client, world[who])
    automobile = world["automobile"].id
    for url in (
        "/training/demand",
        "/training/demand?region=MA-06",
        f"/training/demand?ecosystem={automobile}&region=MA-06",
        "/training/demand.csv",
    ):
        assert_indexed(client, url, "training_")


def test_the_needs_behind_a_demand_cell_are_read_a_page_at_a_time(client, world):
    add_needs(world, 90)
    iso = world["iso"].id
    for who in ("officer", "amica_staff"):
        sign_in(client, world[who])
        url = f"/training/demand/cell?topic={iso}&region=MA-06&quarter=2026-Q2"
        assert client.get(url).status_code == 200
        assert_indexed(client, url, "training_")


@pytest.mark.parametrize("who", ["officer", "amica_staff", "institute_user", "atlas_user"])
def test_the_sessions_list_reads_an_index_in_its_order(client, world, who):
    add_sessions(world, 30)
    sign_in(client, world[who])
    for url in ("/training/sessions", "/training/sessions?status=held"):
        assert_indexed(client, url, "training_sessions")


def test_the_offers_list_reads_an_index_in_its_order(client, world):
    add_sessions(world, 3)
    TrainingOfferFactory(topic_id=world["fmea"].id, regions="MA-01,MA-06")
    sign_in(client, world["officer"])
    fmea = world["fmea"].id
    for url in (
        "/training/offers",
        f"/training/offers?topic={fmea}",
        "/training/offers?region=MA-06&modality=in_person",
    ):
        assert_indexed(client, url, "training_offers")


# --- query counts at two sizes ----------------------------------------------------------------


def queries_for(client, url: str) -> int:
    client.get(url)
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.count


@pytest.mark.parametrize("who", ["officer", "amica_staff"])
def test_the_training_pages_run_as_many_queries_whatever_the_data(client, world, who):
    sign_in(client, world[who])
    iso = world["iso"].id
    urls = [
        *needs_urls(world),
        "/training/demand",
        "/training/demand?region=MA-06",
        f"/training/demand/cell?topic={iso}&region=MA-06&quarter=2026-Q2",
        "/training/sessions",
        "/training/offers",
    ]
    add_needs(world, 60)
    add_sessions(world, 4)
    few = {url: queries_for(client, url) for url in urls}
    add_needs(world, 240)
    add_sessions(world, 40)
    many = {url: queries_for(client, url) for url in urls}
    assert many == few


# --- the demand summary -----------------------------------------------------------------------


def summary_rows() -> set[tuple]:
    cells = TrainingDemandCell
    return set(
        _db.session.execute(
            select(
                cells.ecosystem_id,
                cells.region,
                cells.topic_id,
                cells.quarter,
                cells.people,
                cells.companies,
                cells.needs,
            )
        ).all()
    )


def fresh_aggregation() -> set[tuple]:
    rows = set()
    for key in (None, ALL_ECOSYSTEMS):
        rows |= {tuple(row) for row in _db.session.execute(summary_select(key)).all()}
    return rows


def test_the_demand_summary_equals_a_fresh_aggregation_after_every_change(app, world):
    needs = add_needs(world, 36, statuses=(NeedStatus.SUBMITTED, NeedStatus.VALIDATED))
    assert summary_rows() == fresh_aggregation() != set()
    staff = world["amica_staff"]
    submitted = [n for n in needs if n.status == NeedStatus.SUBMITTED]
    validated = [n for n in needs if n.status == NeedStatus.VALIDATED]
    with app.test_request_context():
        # validate, decline, merge (the target's people grow), change, delete
        needs_service.validate_need(submitted[0], staff)
        assert summary_rows() == fresh_aggregation()
        needs_service.decline_need(validated[0], "Hors périmètre")
        assert summary_rows() == fresh_aggregation()
        target = validated[1]
        duplicate = make_need(
            _db.session.get(type(target.organisation), target.organisation_id),
            _db.session.get(type(world["automobile"]), target.ecosystem_id),
            topic(target.topic.code),
            region=target.region,
            quarter=target.quarter,
        )
        assert summary_rows() == fresh_aggregation()
        needs_service.merge_need(duplicate, target.id, world["officer"])
        assert summary_rows() == fresh_aggregation()
        needs_service.update_need(
            submitted[1], submitted[1].version, {"region": "MA-09", "people": 7}
        )
        validated[2].region = "MA-09"  # a validated need moved to another cell
        validated[2].people = 11
        _db.session.flush()
        assert summary_rows() == fresh_aggregation()
        validated[3].deleted_at = utcnow()
        _db.session.flush()
        assert summary_rows() == fresh_aggregation()
        _db.session.delete(validated[4])
        _db.session.flush()
        assert summary_rows() == fresh_aggregation()
        # planned from a demand cell, then fulfilled when the session is held
        cell = [n for n in validated[5:] if n.status == NeedStatus.VALIDATED][:2]
        offer = TrainingOfferFactory(topic_id=cell[0].topic_id)
        session = offers_service.plan_session(
            staff,
            offer=offer,
            ecosystem_id=cell[0].ecosystem_id,
            region=cell[0].region,
            quarter=cell[0].quarter,
            starts_on=date(2026, 5, 4),
            ends_on=date(2026, 5, 5),
            place="Casablanca",
            seats=10,
            needs=cell,
        )
        assert summary_rows() == fresh_aggregation()
        attendance_service.record_attendance(session, set())
        assert summary_rows() == fresh_aggregation()
    # Every cell with validated needs has its row, and no other row is left.
    assert {row[:4] for row in summary_rows()} == {row[:4] for row in fresh_aggregation()}


def test_a_company_in_two_ecosystems_counts_once_in_the_total(world):
    from tests.factories import MembershipFactory

    MembershipFactory(ecosystem=world["chimie"], organisation=world["atlas"])
    make_need(world["atlas"], world["automobile"], world["iso"], people=2)
    make_need(world["atlas"], world["chimie"], world["iso"], people=3)
    total = _db.session.execute(
        select(TrainingDemandCell).where(
            TrainingDemandCell.ecosystem_id == ALL_ECOSYSTEMS,
            TrainingDemandCell.topic_id == world["iso"].id,
        )
    ).scalar_one()
    assert (total.people, total.companies, total.needs) == (5, 1, 2)


def test_the_migration_backfill_and_the_rebuild_equal_the_summary_kept(world):
    add_needs(world, 45)
    kept = summary_rows()
    assert kept
    migration = importlib.import_module("migrations.versions.0013_training")
    connection = _db.session.connection()
    connection.execute(text("DELETE FROM training_demand_cells"))
    connection.execute(
        text(migration.BACKFILL.format(ecosystem="ecosystem_id", group="ecosystem_id, "))
    )
    connection.execute(text(migration.BACKFILL.format(ecosystem="0", group="")))
    assert summary_rows() == kept
    rebuild_demand_summary(connection)
    assert summary_rows() == kept


# --- the needs export --------------------------------------------------------------------------


def test_the_needs_export_streams_every_row(client, world):
    count = 1_234  # more than one batch of yield_per
    add_needs(world, count)
    sign_in(client, world["officer"])
    with current_app.test_request_context():
        _headers, rows = needs_service.needs_table(world["officer"], needs_service.NeedFilters())
        assert isinstance(rows, Iterator) and not isinstance(rows, list | tuple)
    response = client.get("/training/needs.csv")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(lines) == count + 1
    assert {int(line[0]) for line in lines[1:]} == set(
        _db.session.execute(select(TrainingNeed.id)).scalars()
    )


def test_an_xlsx_longer_than_a_workbook_holds_says_so_and_offers_the_csv(
    client, world, monkeypatch
):
    from portal.services import tabular

    add_needs(world, 30)
    sign_in(client, world["officer"])
    listed = client.get("/training/needs").get_data(as_text=True)
    note = "Excel files hold up to %(count)s rows; the CSV holds every row."
    assert message(note, count="150\u202f000") in listed
    monkeypatch.setattr(tabular, "XLSX_MAX_ROWS", 29)
    response = client.get("/training/needs.xlsx?status=")
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert message("Too many rows for an Excel file") in page
    assert 'href="/training/needs.csv?status="' in page
    monkeypatch.setattr(tabular, "XLSX_MAX_ROWS", 30)
    response = client.get("/training/needs.xlsx")
    assert response.status_code == 200
    assert response.mimetype == XLSX_MIMETYPE


def test_the_needs_awaiting_validation_are_counted_for_the_homes(app, world):
    from portal.services.training import needs_awaiting_validation

    add_needs(world, 30)  # every status in turn: 6 submitted, 4 of them in the automobile
    with app.test_request_context():
        assert needs_awaiting_validation(world["amica_staff"]) == 4
        assert needs_awaiting_validation(world["officer"]) == 6
        assert needs_awaiting_validation(world["officer"], limit=3) == 4  # "more than 3"
        assert needs_awaiting_validation(world["institute_user"]) == 0
