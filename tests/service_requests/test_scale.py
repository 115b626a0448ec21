"""Service requests at national scale (issue 11): the newest-first list of companies and of
the ministry reads the (scope, submitted_on, id) indexes; a federation's requests are its
members', probed row by row; the query count does not grow with the requests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.extensions import db as _db
from portal.models import ServiceKind, ServiceRequest, ServiceRequestStatus
from tests.conftest import count_queries, sign_in
from tests.factories import (
    EcosystemFactory,
    OrganisationFactory,
    make_user,
    members_of,
)
from tests.factories import (
    testing_lab as make_lab,
)
from tests.plans import plan_problems

SMALL_TABLES = ("ecosystems", "data_versions", "notifications")


@pytest.fixture
def requests_world(db):
    federation = OrganisationFactory(kind="federation")
    ecosystem = EcosystemFactory(lead_federation=federation)
    companies = members_of(ecosystem, [{"name_fr": f"Entreprise {i}"} for i in range(5)])
    lab = make_lab()
    return {
        "companies": companies,
        "lab": lab,
        "officer": make_user("ministry_officer"),
        "sme": make_user("sme_user", organisation=companies[0]),
        "staff": make_user("federation_staff", organisation=federation),
        "lab_user": make_user("infrastructure_user", organisation=lab),
    }


def grow(world, count: int, mixed: bool = False) -> None:
    """``count`` requests, all submitted, or (``mixed``) at every step of their life."""
    statuses = list(ServiceRequestStatus) if mixed else [ServiceRequestStatus.SUBMITTED]
    _db.session.add_all(
        ServiceRequest(
            status=statuses[i % len(statuses)],
            organisation_id=world["companies"][i % 5].id,
            body_id=world["lab"].id,
            kind=ServiceKind.TESTING,
            subject=f"Demande {i}",
            submitted_on=date(2025, 1, 1) + timedelta(days=i % 30),
            respond_by=date(2025, 2, 1) + timedelta(days=i % 30),
        )
        for i in range(count)
    )
    _db.session.flush()


@pytest.mark.parametrize("who", ["officer", "sme"])
def test_the_newest_first_list_reads_an_index_in_its_order(client, requests_world, who):
    grow(requests_world, 40)
    sign_in(client, requests_world[who])
    problems = plan_problems(
        lambda: client.get("/requests/"),
        allowed=SMALL_TABLES,
        matching="ORDER BY service_requests.submitted_on",
    )
    assert problems == {}


@pytest.mark.parametrize("who", ["staff", "lab_user"])
def test_the_open_first_list_reads_an_index_in_its_order(client, requests_world, who):
    grow(requests_world, 40)
    sign_in(client, requests_world[who])
    problems = plan_problems(
        lambda: client.get("/requests/"),
        allowed=SMALL_TABLES,
        matching="ORDER BY service_requests.is_closed",
    )
    assert problems == {}


def test_open_requests_come_first_by_nearest_deadline(client, requests_world):
    grow(requests_world, 3)
    first, second, third = _db.session.query(ServiceRequest).order_by(ServiceRequest.id).all()
    first.status = ServiceRequestStatus.ANSWERED  # closed: last, though its deadline is nearest
    _db.session.flush()
    assert (first.is_closed, second.is_closed, third.is_closed) == (True, False, False)
    sign_in(client, requests_world["lab_user"])
    html = client.get("/requests/").get_data(as_text=True)
    assert html.index("Demande 1<") < html.index("Demande 2<") < html.index("Demande 0<")


@pytest.mark.parametrize("who", ["officer", "sme", "staff", "lab_user"])
def test_the_query_count_does_not_grow_with_the_requests(client, requests_world, who):
    sign_in(client, requests_world[who])
    grow(requests_world, 10, mixed=True)
    client.get("/requests/")
    with count_queries() as few:
        assert client.get("/requests/").status_code == 200
    grow(requests_world, 40, mixed=True)
    client.get("/requests/")
    with count_queries() as many:
        assert client.get("/requests/").status_code == 200
    assert few.count == many.count
