"""The demand for services as a whole (issue 15, item 3): requests and declared needs by kind ×
field × region × quarter equal an independent computation from the same rows (for the
ministry, and a federation's members only); the accredited supply stands beside each cell and
a cell with demand and no accredited body in its region is a gap; bodies see counts, never a
company's name (page, CSV, XLSX, no drill-down); the page's queries do not grow with the
data."""

from __future__ import annotations

import io
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from portal.extensions import db as _db
from portal.models import (
    InfrastructureNeed,
    OrganisationKind,
    ServiceField,
    ServiceRequest,
)
from portal.models.base import utcnow
from portal.services import service_demand
from tests.conftest import count_queries, sign_in
from tests.factories import (
    EcosystemFactory,
    OrganisationFactory,
    make_user,
    members_of,
    offer_service,
    service_field,
)
from tests.factories import (
    testing_lab as make_lab,
)

TODAY = date(2026, 6, 15)
FIELDS = ("calibration_dimensional", "calibration_torque_force", "testing_mechanical")
REGIONS = ("MA-01", "MA-06")
QUARTERS = ("2026-Q2", "2026-Q3")


@pytest.fixture
def world(db, fixed_clock):
    """Two ecosystems (AMICA leads the first: two members; the second has one); a lab
    accredited for dimensional calibration in Tangier (MA-01), another offering torque
    calibration there without accreditation."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    led = EcosystemFactory(lead_federation=amica)
    other = EcosystemFactory()
    members = members_of(led, [{"name_fr": "Câblerie Nord"}, {"name_fr": "Forges du Détroit"}])
    stranger = members_of(other, [{"name_fr": "Chimie Atlas"}])[0]
    accredited_lab = make_lab(name_fr="Atlas Étalonnage")
    plain_lab = make_lab(name_fr="Couple Service")
    offer_service(accredited_lab, "calibration_dimensional", "MA-01", accredited=True)
    offer_service(plain_lab, "calibration_torque_force", "MA-01")
    return {
        "companies": [*members, stranger],
        "members": members,
        "ecosystem": led,
        "labs": [accredited_lab, plain_lab],
        "officer": make_user("ministry_officer"),
        "staff": make_user("federation_staff", organisation=amica),
        "lab_user": make_user("infrastructure_user", organisation=plain_lab),
    }


def grow(world, count: int, seed: int = 7) -> list:
    """``count`` needs and ``count`` requests spread over the cells, some withdrawn."""
    rng = random.Random(seed)
    fields = {code: service_field(code) for code in FIELDS}
    rows = []
    for i in range(count):
        company = rng.choice(world["companies"])
        field = fields[rng.choice(FIELDS)]
        need = InfrastructureNeed(
            organisation_id=company.id,
            kind=field.kind,
            field_id=field.id,
            description=f"Besoin {i}",
            quantity_per_year=rng.randint(1, 50),
            region=rng.choice(REGIONS),
            quarter=rng.choice(QUARTERS),
            deleted_at=utcnow() if i % 7 == 3 else None,
        )
        field = fields[rng.choice(FIELDS)]
        submitted = date(2026, 4, 1) + timedelta(days=rng.randint(0, 170))
        request = ServiceRequest(
            organisation_id=company.id,
            body_id=world["labs"][0].id,
            kind=field.kind,
            field_id=field.id,
            region=rng.choice(REGIONS),
            subject=f"Demande {i}",
            submitted_on=submitted,
            respond_by=submitted + timedelta(days=15),
            deleted_at=utcnow() if i % 11 == 5 else None,
        )
        rows += [need, request]
    _db.session.add_all(rows)
    _db.session.flush()
    return rows


def expected_cells(rows, companies) -> dict:
    """The demand computed in Python from the rows themselves."""
    allowed = {c.id for c in companies}
    cells: dict = defaultdict(lambda: {"needs": 0, "quantity": 0, "requests": 0, "who": set()})
    for row in rows:
        if row.deleted_at is not None or row.organisation_id not in allowed:
            continue
        kind = row.kind.value
        if isinstance(row, InfrastructureNeed):
            cell = cells[(kind, row.field_id, row.region, row.quarter)]
            cell["needs"] += 1
            cell["quantity"] += row.quantity_per_year
        else:
            quarter = f"{row.submitted_on.year}-Q{(row.submitted_on.month - 1) // 3 + 1}"
            cell = cells[(kind, row.field_id, row.region, quarter)]
            cell["requests"] += 1
        cell["who"].add(row.organisation_id)
    supply = {
        ("calibration", service_field("calibration_dimensional").id, "MA-01"): (1, 0),
        ("calibration", service_field("calibration_torque_force").id, "MA-01"): (0, 1),
    }
    return {
        key: (
            value["needs"],
            value["quantity"],
            value["requests"],
            len(value["who"]),
            *supply.get(key[:3], (0, 0)),
            value["quantity"] + value["requests"] > 0 and supply.get(key[:3], (0, 0))[0] == 0,
        )
        for key, value in cells.items()
    }


def computed(user) -> dict:
    cells = service_demand.demand_cells(user, service_demand.DemandFilters(), TODAY)
    return {
        (c.kind, c.field_id, c.region, c.quarter): (
            c.needs,
            c.quantity,
            c.requests,
            c.companies,
            c.accredited,
            c.offers,
            c.gap,
        )
        for c in cells
    }


def test_the_demand_equals_an_independent_computation(app, world):
    rows = grow(world, 120)
    with app.test_request_context():
        assert computed(world["officer"]) == expected_cells(rows, world["companies"])
        # A federation sees its ecosystems' members only; a body the whole demand, counted.
        assert computed(world["staff"]) == expected_cells(rows, world["members"])
        assert computed(world["lab_user"]) == expected_cells(rows, world["companies"])
        view = service_demand.demand_view(world["officer"], service_demand.DemandFilters(), TODAY)
        expected = expected_cells(rows, world["companies"])
        assert view.needs == sum(v[0] for v in expected.values())
        assert view.quantity == sum(v[1] for v in expected.values())
        assert view.requests == sum(v[2] for v in expected.values())
        assert view.gaps == sum(1 for v in expected.values() if v[6])


def test_a_region_with_demand_and_no_accredited_body_is_a_gap(client, world):
    torque = service_field("calibration_torque_force")
    dimensional = service_field("calibration_dimensional")
    for field, quantity in ((torque, 40), (dimensional, 300)):
        _db.session.add(
            InfrastructureNeed(
                organisation_id=world["members"][0].id,
                kind=field.kind,
                field_id=field.id,
                quantity_per_year=quantity,
                region="MA-01",
                quarter="2026-Q3",
            )
        )
    _db.session.flush()
    cells = {c.field_id: c for c in computed_cells(world["officer"])}
    assert cells[torque.id].gap and (cells[torque.id].accredited, cells[torque.id].offers) == (
        0,
        1,
    )
    assert not cells[dimensional.id].gap and cells[dimensional.id].accredited == 1
    sign_in(client, world["officer"])
    page = client.get("/requests/demand?region=MA-01").get_data(as_text=True)
    rows = page.split("<tr")
    torque_row = next(r for r in rows if torque.name_fr in r and "2026-Q3" in r)
    dimensional_row = next(r for r in rows if dimensional.name_fr in r and "2026-Q3" in r)
    assert "Manque" in torque_row and 'class="table-warning"' in torque_row
    assert "Manque" not in dimensional_row


def computed_cells(user):
    return service_demand.demand_cells(user, service_demand.DemandFilters(), TODAY)


def test_bodies_see_counts_never_company_names(client, world):
    grow(world, 30)
    names = [c.name_fr for c in world["companies"]]
    sign_in(client, world["lab_user"])
    page = client.get("/requests/demand").get_data(as_text=True)
    assert "Demande de services" in page
    assert not [name for name in names if name in page]
    csv = client.get("/requests/demand.csv")
    assert csv.status_code == 200
    text = csv.get_data().decode("utf-8-sig")
    assert not [name for name in names if name in text]
    assert len(text.splitlines()) > 2
    xlsx = client.get("/requests/demand.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert not [name for name in names if any(name in value for value in cells)]
    # No drill-down to the needs behind a cell for a body.
    field_id = service_field("calibration_dimensional").id
    cell = f"/requests/demand/cell?kind=calibration&field={field_id}&region=MA-01&quarter=2026-Q2"
    assert client.get(cell).status_code == 403
    assert "/requests/demand/cell" not in page
    # The federation opens its members' needs behind a cell, named.
    sign_in(client, world["staff"])
    need = InfrastructureNeed(
        organisation_id=world["members"][1].id,
        kind=service_field("calibration_dimensional").kind,
        field_id=field_id,
        quantity_per_year=5,
        region="MA-01",
        quarter="2026-Q2",
    )
    _db.session.add(need)
    _db.session.flush()
    shown = client.get(cell).get_data(as_text=True)
    assert "Forges du Détroit" in shown and "Chimie Atlas" not in shown


@pytest.mark.parametrize("who", ["officer", "staff", "lab_user"])
def test_the_query_count_does_not_grow_with_the_demand(client, world, who):
    sign_in(client, world[who])
    grow(world, 10, seed=1)
    client.get("/requests/demand")
    with count_queries() as few:
        assert client.get("/requests/demand").status_code == 200
    grow(world, 80, seed=2)
    client.get("/requests/demand")
    with count_queries() as many:
        assert client.get("/requests/demand").status_code == 200
    assert few.count == many.count


def test_the_catalogue_directory_query_count_does_not_grow(client, world):
    sign_in(client, world["officer"])
    fields = list(_db.session.query(ServiceField).limit(5))
    client.get("/requests/bodies")
    with count_queries() as few:
        assert client.get("/requests/bodies").status_code == 200
    for i in range(30):
        lab = make_lab(name_fr=f"Labo {i}")
        offer_service(lab, fields[i % 5].code, "MA-06", accredited=i % 2 == 0)
    client.get("/requests/bodies")
    with count_queries() as many:
        assert client.get("/requests/bodies").status_code == 200
    assert few.count == many.count


def test_a_body_home_lists_the_demand_in_its_fields_counted(client, world):
    torque = service_field("calibration_torque_force")
    _db.session.add(
        InfrastructureNeed(
            organisation_id=world["members"][0].id,
            kind=torque.kind,
            field_id=torque.id,
            quantity_per_year=40,
            region="MA-01",
            quarter="2026-Q3",
        )
    )
    _db.session.flush()
    sign_in(client, world["lab_user"])
    response = client.get("/home")
    assert response.status_code == 200, response.headers
    home = response.get_data(as_text=True)
    assert "Demande dans les domaines de votre catalogue" in home
    assert "40 par an" in home and "Manque" in home
    assert not [c.name_fr for c in world["companies"] if c.name_fr in home]


@pytest.mark.parametrize("who", ["officer", "staff", "sme"])
def test_the_needs_list_reads_an_index_in_its_order(client, world, who):
    from tests.plans import plan_problems

    grow(world, 30)
    user = world[who] if who != "sme" else make_user("sme_user", world["members"][0])
    sign_in(client, user)
    problems = plan_problems(
        lambda: client.get("/requests/needs"),
        allowed=("ecosystems", "data_versions", "notifications"),
        matching="ORDER BY infrastructure_needs.created_at",
    )
    assert problems == {}
