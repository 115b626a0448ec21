"""Open data (issue 13, item 5): the figures per ecosystem, region and year downloaded as
CSV and JSON hold no cell under five companies, no suppressed cell that the published total
would give back, and no personal field; the page shows the year asked in both languages."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import UTC, date, datetime

import pytest

from portal.models import MembershipStatus, OrganisationKind, SessionStatus
from portal.services import open_data
from tests.factories import (
    EcosystemFactory,
    EnrolmentFactory,
    MembershipFactory,
    OrganisationFactory,
    TrainingSessionFactory,
)

JOINED = datetime(2025, 4, 1, 10, tzinfo=UTC)
NAMES = "Société témoin"


def companies(ecosystem, region: str, count: int) -> list:
    made = []
    for n in range(count):
        company = OrganisationFactory(
            kind=OrganisationKind.SME,
            region=region,
            name_fr=f"{NAMES} {region} {n}",
            email=f"contact{n}@{region.lower()}.example.ma",
        )
        MembershipFactory(
            ecosystem=ecosystem,
            organisation=company,
            status=MembershipStatus.ACTIVE,
            decided_at=JOINED,
        )
        made.append(company)
    return made


@pytest.fixture
def world(db):
    auto = EcosystemFactory(slug="automobile")
    small = EcosystemFactory(slug="petit")
    in_region = {
        region: companies(auto, region, count)
        for region, count in (("MA-01", 7), ("MA-02", 3), ("MA-03", 6), ("MA-06", 9))
    }
    companies(small, "MA-06", 4)
    # Trained: 6 companies of MA-01 (two people each), 2 of MA-02 (one each).
    session = TrainingSessionFactory(
        ecosystem_id=auto.id,
        status=SessionStatus.HELD,
        starts_on=date(2025, 5, 5),
        ends_on=date(2025, 5, 6),
    )
    for company in in_region["MA-01"][:6]:
        for _ in range(2):
            EnrolmentFactory(session_id=session.id, organisation_id=company.id, attended=True)
    for company in in_region["MA-02"][:2]:
        EnrolmentFactory(session_id=session.id, organisation_id=company.id, attended=True)
    open_data.refresh(date(2026, 3, 2))  # what the daily command does
    return {"auto": auto, "small": small}


def published(client) -> tuple[list[dict], list[dict]]:
    response = client.get("/open-data/ecosystems-regions-years.csv")
    assert response.status_code == 200
    text = response.get_data(as_text=True).lstrip("\ufeff")
    from_csv = list(csv.DictReader(io.StringIO(text)))
    from_json = client.get("/open-data/ecosystems-regions-years.json").get_json()["rows"]
    return from_csv, from_json


def test_no_small_cell_no_recoverable_cell_no_personal_field(client, world):
    from_csv, from_json = published(client)
    schema = client.get("/open-data/schema.json").get_json()
    names = [f["name"] for f in schema["fields"]]
    assert list(from_csv[0]) == names and all(set(row) == set(names) for row in from_json)
    # The CSV and the JSON say the same.
    assert [
        {name: (str(row[name]) if row[name] is not None else "") for name in names}
        for row in from_json
    ] == from_csv
    # No cell under five.
    for row in from_json:
        for measure in open_data.MEASURES:
            assert row[measure] is None or row[measure] >= open_data.THRESHOLD, row
    # No suppressed cell recoverable from a published total.
    groups: dict[tuple, list] = defaultdict(list)
    totals = {}
    for row in from_json:
        for measure in open_data.MEASURES:
            key = (row["ecosystem"], row["year"], measure)
            if row["region"] == open_data.TOTAL:
                totals[key] = row[measure]
            else:
                groups[key].append(row[measure])
    for key, values in groups.items():
        hidden = sum(value is None for value in values)
        if totals.get(key) is not None:
            assert hidden != 1, key
    # No name, e-mail or id of a company anywhere.
    body = client.get("/open-data/ecosystems-regions-years.csv").get_data(as_text=True)
    body += str(from_json)
    assert NAMES not in body and "@" not in body

    by_region = {(r["ecosystem"], r["region"]): r for r in from_json if r["year"] == 2025}
    auto = {
        region: by_region[("automobile", region)]
        for region in ("MA-01", "MA-02", "MA-03", "MA-06", "total")
    }
    # Members: MA-02 (3) is under five; MA-03 (6), the smallest other, is hidden with it.
    assert [auto[r]["members_joined"] for r in ("MA-01", "MA-02", "MA-03", "MA-06", "total")] == [
        7,
        None,
        None,
        9,
        25,
    ]
    # Trained: MA-02 (2 companies) hidden, so MA-01 too; the total (8 companies) is shown,
    # and the people trained follow the companies.
    assert auto["MA-01"]["companies_trained"] is None and auto["MA-02"]["companies_trained"] is None
    assert auto["total"]["companies_trained"] == 8 and auto["total"]["people_trained"] == 14
    assert auto["MA-01"]["people_trained"] is None
    # A whole ecosystem under five companies: its region and its total are hidden.
    petit = by_region[("petit", "MA-06")], by_region[("petit", "total")]
    assert all(row["members_joined"] is None for row in petit)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_page_shows_the_year_asked_in_both_languages(client, world, language):
    with client.session_transaction() as session:
        session["locale"] = language
    page = client.get("/open-data/?year=2025").get_data(as_text=True)
    assert f'dir="{"rtl" if language == "ar" else "ltr"}"' in page
    assert 'id="open-data"' in page and "automobile" in page
    assert "/open-data/ecosystems-regions-years.csv" in page
    assert client.get("/open-data/?year=99999999999999999999").status_code == 200
    assert client.get("/open-data/ecosystems-regions-years.xlsx").status_code == 404
