"""Certification pages at national scale (issue 11): each list reads its rows in the order
of an index (no whole-table scan, no sort of the whole result) for every role and filter,
its query count does not grow with the data, the pipeline shows the soonest expiring
certificates only with a link to their full list, and verification finds a certificate
whatever the case and spaces typed, through its unique ``number_key``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from portal.extensions import db as _db
from portal.models import (
    CaseKind,
    CaseStage,
    Certificate,
    CertificateStatus,
    SupportCase,
)
from portal.models.certification import number_key
from portal.services.certification.pipeline import TOP
from tests.certification import test_support_cases
from tests.certification.test_support_cases import make_certificate
from tests.conftest import count_queries, sign_in
from tests.factories import members_of
from tests.plans import plan_problems

world = test_support_cases.world
TODAY = test_support_cases.TODAY  # 3 June 2024
# Valid on TODAY and expiring within 90 days: issued after 3 June 2021, by 1 September 2021.
EXPIRING_FROM = date(2021, 6, 4)
SMALL_TABLES = ("ecosystems", "standards", "accreditations", "data_versions", "notifications")

STAGES = [stage for stage in CaseStage]


def grow(world, count: int, start: int = 0) -> None:
    """``count`` more member companies of the automotive ecosystem, each with a support case
    (every stage in turn) and a certificate (every other one expiring within 90 days)."""
    companies = members_of(
        world["automobile"],
        [{"name_fr": f"Entreprise {start + i}"} for i in range(count)],
    )
    rows = []
    for i, company in enumerate(companies):
        n = start + i
        rows.append(
            SupportCase(
                organisation_id=company.id,
                ecosystem_id=world["automobile"].id,
                standard_id=world["iso_9001"].id,
                kind=CaseKind.INITIAL,
                stage=STAGES[n % len(STAGES)],
            )
        )
        rows.append(
            Certificate(
                number=f"SC-{n:05d}",
                organisation_id=company.id,
                standard_id=world["iso_9001"].id,
                issuing_body_id=world["body"].id,
                issued_on=EXPIRING_FROM + timedelta(days=n % 80)
                if n % 2
                else date(2023, 1, 1) + timedelta(days=n),
                scope_fr="Périmètre",
            )
        )
    _db.session.add_all(rows)
    _db.session.flush()


def counted(client, url: str) -> int:
    client.get(url)  # warm up: caches, the figures of the pipeline
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter.count


PAGES = [
    ("officer", "/support/"),
    ("officer", "/support/?stage=diagnostic"),
    ("officer", "/support/?page=2"),
    ("amica_staff", "/support/"),
    ("sme_a_user", "/support/"),
    ("officer", "/support/pipeline"),
    ("amica_staff", "/support/pipeline"),
    ("officer", "/certificates/"),
    ("officer", "/certificates/?expiring=1"),
    ("amica_staff", "/certificates/?page=2"),
    ("body_user", "/certificates/"),
    ("sme_a_user", "/certificates/"),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_the_query_count_does_not_grow_with_the_data(client, db, world, fixed_clock, who, url):
    sign_in(client, world[who])
    grow(world, 30)
    few = counted(client, url)
    grow(world, 60, start=30)
    many = counted(client, url)
    assert few == many, url


# Each list query (the one ordered as the page shows it), for each scope and filter.
LISTS = [
    ("officer", "/support/", "ORDER BY support_cases.updated_at"),
    ("officer", "/support/?stage=diagnostic", "ORDER BY support_cases.updated_at"),
    ("officer", "/support/?standard={standard}", "ORDER BY support_cases.updated_at"),
    ("officer", "/support/?page=3", "ORDER BY support_cases.updated_at"),
    ("amica_staff", "/support/", "ORDER BY support_cases.updated_at"),
    ("amica_staff", "/support/?stage=accepted", "ORDER BY support_cases.updated_at"),
    ("sme_a_user", "/support/", "ORDER BY support_cases.updated_at"),
    ("officer", "/certificates/", "ORDER BY certificates.issued_on"),
    ("officer", "/certificates/?page=3", "ORDER BY certificates.issued_on"),
    ("officer", "/certificates/?expiring=1", "ORDER BY certificates.issued_on"),
    ("amica_staff", "/certificates/", "ORDER BY certificates.issued_on"),
    ("amica_staff", "/certificates/?expiring=1", "ORDER BY certificates.issued_on"),
    ("body_user", "/certificates/", "ORDER BY certificates.issued_on"),
    ("sme_a_user", "/certificates/", "ORDER BY certificates.issued_on"),
    ("officer", "/support/pipeline", "ORDER BY certificates.issued_on"),
]


@pytest.mark.parametrize(("who", "url", "order"), LISTS)
def test_each_list_reads_an_index_in_its_order(client, db, world, fixed_clock, who, url, order):
    grow(world, 40)
    sign_in(client, world[who])
    url = url.format(standard=world["iso_9001"].id)
    problems = plan_problems(lambda: client.get(url), allowed=SMALL_TABLES, matching=order)
    assert problems == {}


def test_the_pipeline_shows_the_soonest_expiring_certificates_and_links_to_all(
    client, db, world, fixed_clock
):
    grow(world, 2 * TOP + 10)  # TOP + 5 expiring
    sign_in(client, world["officer"])
    html = client.get("/support/pipeline").get_data(as_text=True)
    section = html[html.index('id="expiring-title"') :]
    shown = section.count("/certificates/") - section.count("/certificates/?expiring=1")
    assert shown == TOP
    assert "/certificates/?expiring=1" in section
    assert f"{TOP + 5}" in section  # the count of them all
    # The soonest are those shown.
    assert "SC-00001" in section
    # The full list holds them all, page by page, the soonest first.
    listing = client.get("/certificates/?expiring=1").get_data(as_text=True)
    assert listing.count("SC-0") == TOP + 5
    assert listing.index("SC-00001") < listing.index("SC-00003")


def test_the_pipeline_counts_follow_the_data(client, db, world, fixed_clock):
    grow(world, 9)
    sign_in(client, world["officer"])
    before = client.get("/support/pipeline").get_data(as_text=True)
    grow(world, 9, start=9)
    after = client.get("/support/pipeline").get_data(as_text=True)
    assert before != after
    assert '<tfoot><tr><th scope="row">Total</th><td>18</td>' in after.replace("\u202f", "")


@pytest.mark.parametrize(
    "typed",
    ["CM-9001-0042", "cm-9001-0042", "  Cm-9001-0042  ", "CM-9001 - 0042", "c m-9001-00 42"],
)
def test_verification_finds_a_certificate_whatever_the_case_and_spaces(
    client, db, world, fixed_clock, typed
):
    make_certificate(world, number="CM-9001-0042")
    response = client.get("/certificates/verify", query_string={"number": typed})
    assert response.status_code == 200
    assert "CM-9001-0042" in response.get_data(as_text=True)


def test_verification_reads_the_unique_number_key(client, db, world, fixed_clock):
    make_certificate(world, number="CM-9001-0042")
    problems = plan_problems(
        lambda: client.get("/certificates/verify?number=cm-9001-0042"),
        allowed=SMALL_TABLES,
        matching="FROM certificates",
    )
    assert problems == {}


def test_a_bulk_insert_fills_the_number_key(db, world):
    _db.session.execute(
        insert(Certificate),
        [
            {
                "number": "Bulk 0001",
                "organisation_id": world["sme_a"].id,
                "standard_id": world["iso_9001"].id,
                "issuing_body_id": world["body"].id,
                "issued_on": date(2024, 1, 1),
                "status": CertificateStatus.VALID,
            }
        ],
    )
    certificate = _db.session.query(Certificate).filter_by(number="Bulk 0001").one()
    assert certificate.number_key == "BULK0001" == number_key(" bulk 0001 ")


def test_a_number_taken_whatever_its_case_and_spaces(db, world):
    from portal.services.certification.certificates import number_taken

    make_certificate(world, number="CM-9001-0042")
    assert number_taken(" cm-9001-0042")
    assert number_taken("CM-9001 -0042")
    assert not number_taken("CM-9001-0043")


def test_the_overdue_requests_count_follows_a_new_request(app, db, world, fixed_clock):
    """The count is kept (issue 11) until a request changes: a new overdue one is counted on
    the next visit."""
    from portal import clock
    from portal.services.certification.pipeline import pipeline
    from tests.factories import ServiceRequestFactory, make_user

    officer = make_user("ministry_officer")
    today = clock.today()
    with app.test_request_context():
        before = pipeline(officer, today).overdue_requests
        ServiceRequestFactory(respond_by=today - timedelta(days=1))
        _db.session.flush()
        assert pipeline(officer, today).overdue_requests == before + 1
