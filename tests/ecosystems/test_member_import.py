"""Federation staff import member companies from CSV or XLSX: a per-row report first, then
one confirmed write of the valid rows; importing the same file again writes nothing."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from portal.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Role,
)
from portal.models.base import utcnow
from portal.services.ecosystems import import_columns, import_store, member_import
from portal.services.ecosystems.member_import import RowStatus
from portal.services.tabular import csv_bytes, read_table, xlsx_bytes
from tests.conftest import count_queries, csrf_token, post_form, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    valid_ice,
)

HEADERS = ["name_fr", "name_ar", "ice", "region", "city", "email", "headcount_band", "legal_form"]
REGION_SPELLINGS = [
    "MA-06",
    "Casablanca-Settat",
    "Tanger-Tétouan-Al Hoceïma",
    "ma-04",
    "Souss-Massa",
]


@pytest.fixture
def amica(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    return EcosystemFactory(slug="automobile", lead_federation=federation)


@pytest.fixture
def fcp(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    return EcosystemFactory(slug="chimie-parachimie", lead_federation=federation)


@pytest.fixture
def staff(client, amica):
    user = make_user(Role.FEDERATION_STAFF, organisation=amica.lead_federation)
    sign_in(client, user)
    return user


def good_row(n: int) -> list[str]:
    ice = valid_ice(5_000_000 + n)
    if n % 7 == 0:
        ice = ice.lstrip("0")  # as a spreadsheet that took the ICE for a number
    return [
        f"Société importée {n}",
        "" if n % 3 == 0 else f"شركة مستوردة {n}",
        ice,
        REGION_SPELLINGS[n % len(REGION_SPELLINGS)],
        "Casablanca",
        f"contact{n}@example.ma" if n % 2 else "",
        ["tpe", "PME", "eti", ""][n % 4],
        ["SARL", "sarl au", "S.A.", ""][n % 4],
    ]


def build_file(count: int, institute_ice: str | None = None) -> tuple[list[list[str]], dict]:
    """``count`` data rows; with ``institute_ice``, ten of them are wrong in different ways.
    Returns the rows and {line number: expected reason code} of the bad rows."""
    rows = [good_row(n) for n in range(count)]
    bad: dict[int, str] = {}
    if institute_ice is None:
        return rows, bad

    def spoil(index: int, reason: str, column: str, value: str) -> None:
        rows[index][HEADERS.index(column)] = value
        bad[index + 2] = reason  # line 1 is the header

    spoil(3, "missing_name", "name_fr", "")
    ice = valid_ice(123)
    spoil(97, "invalid_ice", "ice", ice[:-1] + str((int(ice[-1]) + 1) % 10))
    spoil(150, "unknown_region", "region", "Atlantide")
    spoil(200, "missing_ice", "ice", "")
    spoil(333, "missing_region", "region", "")
    spoil(420, "invalid_email", "email", "not-an-address")
    spoil(512, "duplicate_ice", "ice", rows[10][HEADERS.index("ice")])
    spoil(640, "not_a_company", "ice", institute_ice)
    spoil(777, "unknown_headcount_band", "headcount_band", "XXL")
    spoil(901, "unknown_legal_form", "legal_form", "LLC")
    return rows, bad


def upload(client, slug: str, data: bytes, filename: str = "members.csv"):
    return post_form(
        client,
        f"/ecosystems/{slug}/import",
        {"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def count_cell(page: str, status: str) -> int:
    match = re.search(rf'id="count-{status}">.*?<td>([^<]*)</td>', page)
    assert match, status
    return int(re.sub(r"\D", "", match.group(1)))


def token_of(page: str) -> str | None:
    match = re.search(r'<input[^>]*name="token"[^>]*>', page)
    if not match:
        return None
    return re.search(r'value="([^"]+)"', match.group(0)).group(1)


def reasons_by_line(page: str) -> dict[int, set[str]]:
    found = {}
    for row in re.finditer(r'<tr id="line-(\d+)".*?</tr>', page, re.S):
        found[int(row.group(1))] = set(re.findall(r'data-reason="([^"]+)"', row.group(0)))
    return found


def imported_count(db, ices) -> int:
    return db.session.scalar(select(func.count(Organisation.id)).where(Organisation.ice.in_(ices)))


def member_count(db, ecosystem) -> int:
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.ecosystem_id == ecosystem.id,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )


def test_thousand_rows_with_ten_bad_ones(client, db, amica, staff):
    institute_ice = valid_ice(8_888_888)
    OrganisationFactory(kind=OrganisationKind.INSTITUTE, ice=institute_ice)
    rows, bad = build_file(1000, institute_ice)
    data = csv_bytes(HEADERS, rows)

    response = upload(client, "automobile", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert reasons_by_line(page) == {line: {reason} for line, reason in bad.items()}
    assert count_cell(page, "new") == 990
    assert count_cell(page, "error") == 10
    assert count_cell(page, "join") == count_cell(page, "unchanged") == 0
    token = token_of(page)
    assert token and import_store.TOKEN_PATTERN.match(token)
    assert member_count(db, amica) == 0  # nothing written before the confirmation

    response = post_form(client, "/ecosystems/automobile/import/confirm", {"token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ecosystems/automobile/import")
    good_ices = [import_columns.clean_ice(row[2]) for i, row in enumerate(rows) if i + 2 not in bad]
    assert imported_count(db, good_ices) == 990
    assert member_count(db, amica) == 990
    assert "990" in client.get("/ecosystems/automobile/import").get_data(as_text=True)

    # Row 21 had its leading zeros dropped and no name_ar; row 7 a French region name.
    seventh, twenty_first = (
        db.session.scalar(select(Organisation).where(Organisation.ice == valid_ice(5_000_000 + n)))
        for n in (7, 21)
    )
    assert seventh.region == "MA-01"  # "Tanger-Tétouan-Al Hoceïma"
    assert twenty_first.kind == OrganisationKind.SME
    assert twenty_first.name_ar == twenty_first.name_fr == "Société importée 21"
    membership = db.session.scalar(
        select(Membership).where(Membership.organisation_id == twenty_first.id)
    )
    assert membership.role == MembershipRole.MEMBER_SME
    assert membership.decided_by_id == staff.id
    assert membership.decided_at is not None and membership.requested_at is not None

    # The stored file is gone: confirming again writes nothing.
    response = post_form(client, "/ecosystems/automobile/import/confirm", {"token": token})
    assert response.status_code == 302
    assert member_count(db, amica) == 990

    # The same file again: the same ten errors, nothing to write, no confirmation offered.
    page = upload(client, "automobile", data).get_data(as_text=True)
    assert set(reasons_by_line(page)) == set(bad)
    assert count_cell(page, "new") == count_cell(page, "join") == 0
    assert count_cell(page, "unchanged") == 990
    assert token_of(page) is None
    report = member_import.validate(amica, read_table("members.csv", data))
    assert member_import.apply(amica, report, staff) == 0
    assert imported_count(db, good_ices) == 990
    assert member_count(db, amica) == 990


def test_xlsx_with_french_headers(client, db, amica, staff):
    headers = ["Raison sociale", "Nom AR", "ICE", "Région", "Ville", "Taille", "Forme juridique"]
    rows = [
        [
            "Câblerie du Nord",
            "كابلات الشمال",
            int(valid_ice(42)),
            "Tanger-Tétouan-Al Hoceïma",
            "Tanger",
            "PME",
            "SARL AU",
        ],
        ["Plastiques de Kénitra", "", valid_ice(43), "Rabat-Salé-Kénitra", "Kénitra", "", ""],
    ]
    response = upload(client, "automobile", xlsx_bytes(headers, rows), "adherents.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert count_cell(page, "new") == 2 and count_cell(page, "error") == 0
    response = post_form(client, "/ecosystems/automobile/import/confirm", {"token": token_of(page)})
    assert response.status_code == 302
    cablerie = db.session.scalar(select(Organisation).where(Organisation.ice == valid_ice(42)))
    assert cablerie.name_fr == "Câblerie du Nord" and cablerie.region == "MA-01"
    assert cablerie.headcount_band.value == "pme" and cablerie.legal_form.value == "sarl_au"
    assert member_count(db, amica) == 2


def test_existing_companies_join_or_stay(db, amica, fcp):
    actor = make_user(Role.FEDERATION_STAFF, organisation=amica.lead_federation)
    elsewhere = OrganisationFactory()  # member of FCP's ecosystem only
    MembershipFactory(ecosystem=fcp, organisation=elsewhere)
    member = OrganisationFactory()
    MembershipFactory(ecosystem=amica, organisation=member, status=MembershipStatus.SUSPENDED)
    former = OrganisationFactory()
    left = MembershipFactory(ecosystem=amica, organisation=former, status=MembershipStatus.LEFT)
    deleted = OrganisationFactory(deleted_at=utcnow())
    rows = [
        {"_row": 2, "nom_fr": "A", "ice": elsewhere.ice, "region": "MA-06"},
        {"_row": 3, "nom_fr": "B", "ice": member.ice, "region": "MA-06"},
        {"_row": 4, "nom_fr": "C", "ice": former.ice, "region": "MA-06"},
        {"_row": 5, "nom_fr": "D", "ice": deleted.ice, "region": "MA-06"},
        {"_row": 6, "nom_fr": "E", "ice": valid_ice(99), "region": "Fès-Meknès"},
    ]
    report = member_import.validate(amica, rows)
    assert [row.status for row in report.rows] == [
        RowStatus.JOIN,
        RowStatus.UNCHANGED,
        RowStatus.JOIN,
        RowStatus.ERROR,
        RowStatus.NEW,
    ]
    assert report.rows[3].problems[0].code == "deleted_organisation"
    assert member_import.apply(amica, report, actor) == 3
    assert left.status == MembershipStatus.ACTIVE and left.decided_by_id == actor.id
    assert member_count(db, amica) == 3  # two joined, one new; the suspended one stays
    created = db.session.scalar(select(Organisation).where(Organisation.ice == valid_ice(99)))
    assert created.region == "MA-03"
    again = member_import.validate(amica, rows)
    assert again.to_write == 0 and member_import.apply(amica, again, actor) == 0


def test_unreadable_file_or_missing_columns_answer_422(client, db, amica, staff):
    response = upload(client, "automobile", b"\x00\x01\x02garbage", "members.xlsx")
    assert response.status_code == 422
    assert 'id="file-error"' in response.get_data(as_text=True)
    response = upload(client, "automobile", csv_bytes(["nom_fr", "ville"], [["A", "Fès"]]))
    assert response.status_code == 422
    assert "ice, region" in response.get_data(as_text=True)
    response = upload(client, "automobile", b"name_fr,ice\r\nA,1\r\n", "members.txt")
    assert response.status_code == 422


def test_template_is_importable(client, db, amica, staff):
    response = client.get("/ecosystems/automobile/import/template.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = read_table("template.csv", response.data)
    assert set(import_columns.REQUIRED_COLUMNS) <= set(rows[0])
    page = upload(client, "automobile", response.data).get_data(as_text=True)
    assert count_cell(page, "new") == 1 and count_cell(page, "error") == 0


def test_federation_of_another_ecosystem_gets_404(client, db, amica, fcp):
    sign_in(client, make_user(Role.FEDERATION_STAFF, organisation=fcp.lead_federation))
    data = csv_bytes(HEADERS, build_file(2)[0])
    assert client.get("/ecosystems/automobile/import").status_code == 404
    assert client.get("/ecosystems/automobile/import/template.csv").status_code == 404
    assert upload(client, "automobile", data).status_code == 404
    assert client.get("/ecosystems/chimie-parachimie/import").status_code == 200
    assert client.get("/ecosystems/no-such-ecosystem/import").status_code == 404


def test_admin_may_import_anywhere_and_sme_user_may_not(client, db, amica):
    sign_in(client, make_user(Role.ADMIN))
    assert client.get("/ecosystems/automobile/import").status_code == 200
    sign_in(client, make_user(Role.SME_USER))
    assert client.get("/ecosystems/automobile/import").status_code == 403
    assert upload(client, "automobile", b"x").status_code == 403


def test_token_of_another_user_is_404(client, db, amica, staff):
    page = upload(client, "automobile", csv_bytes(HEADERS, build_file(3)[0])).get_data(as_text=True)
    token = token_of(page)
    colleague = make_user(Role.FEDERATION_STAFF, organisation=amica.lead_federation)
    sign_in(client, colleague)
    path = "/ecosystems/automobile/import/confirm"
    assert post_form(client, path, {"token": token}).status_code == 404
    assert post_form(client, path, {"token": "../../etc/passwd"}).status_code == 404
    assert member_count(db, amica) == 0
    sign_in(client, staff)  # the uploader still can
    assert post_form(client, path, {"token": token}).status_code == 302
    assert member_count(db, amica) == 3


def test_report_runs_a_bounded_number_of_queries(client, db, amica, staff):
    def queries_for(count: int) -> int:
        data = csv_bytes(HEADERS, build_file(count)[0])
        token = csrf_token(client)
        with count_queries() as counter:
            response = client.post(
                "/ecosystems/automobile/import",
                data={"csrf_token": token, "file": (io.BytesIO(data), "members.csv")},
                content_type="multipart/form-data",
            )
        assert response.status_code == 200
        assert count_cell(response.get_data(as_text=True), "new") == count
        return counter.count

    assert queries_for(20) == queries_for(400)


def test_usual_size_spellings_are_read_and_unknown_columns_reported(client, db, amica, staff):
    headers = ["Raison sociale", "ICE", "Région", "Effectif", "Taille", "Secteur"]
    sizes = ["10-49", "10 à 49 salariés", "1–9", "250+", "<10", "Grande entreprise", "XXL"]
    rows = [
        [f"Société {n}", valid_ice(7_000 + n), "MA-06", "", size, "Automobile"]
        for n, size in enumerate(sizes)
    ]
    page = upload(client, "automobile", csv_bytes(headers, rows)).get_data(as_text=True)
    assert count_cell(page, "new") == 6 and count_cell(page, "error") == 1
    assert reasons_by_line(page) == {8: {"unknown_headcount_band"}}
    ignored = re.search(r'id="ignored-columns">(.*?)</div>', page, re.S).group(1)
    assert "effectif, secteur" in ignored and "taille" not in ignored
    assert (
        post_form(
            client, "/ecosystems/automobile/import/confirm", {"token": token_of(page)}
        ).status_code
        == 302
    )
    bands = dict(
        db.session.execute(
            select(Organisation.name_fr, Organisation.headcount_band).where(
                Organisation.ice.in_([row[1] for row in rows])
            )
        ).all()
    )
    assert {name: band.value for name, band in bands.items()} == {
        "Société 0": "pme",
        "Société 1": "pme",
        "Société 2": "tpe",
        "Société 3": "eti",
        "Société 4": "tpe",
        "Société 5": "ge",
    }
