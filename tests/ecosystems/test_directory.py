"""Directory search, filters, bounded queries and exports."""

import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from portal.models import Membership, MembershipStatus, OrganisationKind
from tests.conftest import count_queries, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    members_of,
)


@pytest.fixture
def staff(client, db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    user = make_user("federation_staff", organisation=amica)
    ecosystem = EcosystemFactory(lead_federation=amica, slug="automobile")
    sign_in(client, user)
    return ecosystem


def member(ecosystem, **fields):
    organisation = OrganisationFactory(**fields)
    MembershipFactory(ecosystem=ecosystem, organisation=organisation)
    return organisation


def names(response):
    return response.get_data(as_text=True)


def test_search_ignores_accents_and_punctuation(client, staff):
    member(staff, name_fr="societe generale d equipement", name_ar="شركة")
    member(staff, name_fr="Autre Société", name_ar="أخرى")
    page = names(
        client.get("/directory/organisations", query_string={"q": "Société Générale d'Équipement"})
    )
    assert "societe generale d equipement" in page
    assert "Autre Société" not in page


def test_search_ignores_arabic_diacritics_and_letter_variants(client, staff):
    member(staff, name_fr="Qualité Un", name_ar="مركز الجوده")
    member(staff, name_fr="Qualité Deux", name_ar="مختبر الْجَوْدَة")
    member(staff, name_fr="Sans Rapport", name_ar="شركة النسيج")
    page = names(client.get("/directory/organisations", query_string={"q": "الجودة"}))
    assert "Qualité Un" in page and "Qualité Deux" in page
    assert "Sans Rapport" not in page
    members = names(client.get("/ecosystems/automobile/members", query_string={"q": "إلجوده"}))
    assert "Qualité Un" in members and "Sans Rapport" not in members


def test_search_by_ice_prefix_and_filters(client, staff):
    wanted = member(staff, name_fr="Par ICE", region="MA-01")
    member(staff, name_fr="Autre Région", region="MA-09")
    page = names(client.get("/directory/organisations", query_string={"q": wanted.ice[:9]}))
    assert "Par ICE" in page
    page = names(client.get("/ecosystems/automobile/members", query_string={"region": "MA-09"}))
    assert "Autre Région" in page and "Par ICE" not in page
    # Unknown filter values are ignored, not trusted.
    assert (
        client.get(
            "/ecosystems/automobile/members", query_string={"region": "MA-99", "sort": "x;drop"}
        ).status_code
        == 200
    )


def test_member_list_queries_do_not_grow_with_members(client, staff):
    for n in range(10):
        member(staff, region=f"MA-{n % 12 + 1:02d}")
    client.get("/ecosystems/automobile/members")
    with count_queries() as small:
        assert client.get("/ecosystems/automobile/members").status_code == 200
    client.get("/directory/organisations")
    with count_queries() as small_listing:
        assert client.get("/directory/organisations").status_code == 200
    members_of(
        staff,
        [{"region": f"MA-{n % 12 + 1:02d}", "name_fr": f"Membre {n:04d}"} for n in range(990)],
    )
    client.get("/ecosystems/automobile/members")  # warm, as before the small count
    with count_queries() as large:
        page = client.get("/ecosystems/automobile/members")
    assert page.status_code == 200
    assert "1\u202f000" in names(page) or "1 000" in names(page) or "1000" in names(page)
    assert large.count == small.count, large.statements
    client.get("/directory/organisations")  # its results are kept: warm, as before too
    with count_queries() as listing:
        assert client.get("/directory/organisations").status_code == 200
    assert listing.count == small_listing.count, listing.statements


def test_exports_keep_arabic_and_neutralise_formulas(client, staff):
    member(staff, name_fr='=HYPERLINK("http://evil")', name_ar="@مقاولة الجودة", city="+212")
    csv = client.get("/ecosystems/automobile/members.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    data = csv.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@مقاولة الجودة" in text and "'+212" in text
    assert "\n=" not in text and ",=" not in text

    xlsx = client.get("/ecosystems/automobile/members.xlsx")
    assert xlsx.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(xlsx.get_data()))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    workbook = load_workbook(io.BytesIO(xlsx.get_data()))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "'@مقاولة الجودة" in values


def test_exports_apply_the_filters(client, staff):
    member(staff, name_fr="Dans le filtre", region="MA-05")
    member(staff, name_fr="Hors filtre", region="MA-06")
    text = (
        client.get("/directory/organisations.csv", query_string={"region": "MA-05"})
        .get_data()
        .decode("utf-8-sig")
    )
    assert "Dans le filtre" in text and "Hors filtre" not in text


def test_public_directory_shows_active_members_and_public_fields_only(client, db):
    ecosystem = EcosystemFactory()
    active = member(ecosystem, name_fr="Membre Public", phone="+212 522-000000", rc="RC 123")
    pending = OrganisationFactory(name_fr="En Attente")
    MembershipFactory(ecosystem=ecosystem, organisation=pending, status=MembershipStatus.REQUESTED)
    listing = names(client.get("/directory/"))
    assert "Membre Public" in listing and "En Attente" not in listing
    profile = names(client.get(f"/directory/{active.id}"))
    assert "Membre Public" in profile
    assert active.ice not in profile and "522-000000" not in profile and "RC 123" not in profile
    assert client.get(f"/directory/{pending.id}").status_code == 404


def test_the_kept_public_directory_follows_new_and_ended_memberships(client, db):
    """The public directory's results are kept as HTML (issue 11) until a table they were
    read from changes: a new member shows, one whose membership ended leaves."""
    ecosystem = EcosystemFactory()
    first = member(ecosystem, name_fr="Premier Public")
    assert "Premier Public" in names(client.get("/directory/"))
    member(ecosystem, name_fr="Second Public")
    listing = names(client.get("/directory/"))
    assert "Premier Public" in listing and "Second Public" in listing
    db.session.execute(
        update(Membership)
        .where(Membership.organisation_id == first.id)
        .values(status=MembershipStatus.LEFT)
    )
    listing = names(client.get("/directory/"))
    assert "Premier Public" not in listing and "Second Public" in listing


def test_kept_member_list_follows_changes_and_each_session_token(app, client, staff):
    """The member list is kept as HTML (portal.fragments): a new member shows at once, each
    viewer gets their own rendering, and the row forms carry the session's own CSRF token."""
    app.config["WTF_CSRF_ENABLED"] = True
    member(staff, name_fr="Premier Membre")
    first = names(client.get("/ecosystems/automobile/members"))
    assert "Premier Membre" in first and "csrfplaceholder" not in first
    kept = names(client.get("/ecosystems/automobile/members"))
    assert kept.count('name="csrf_token"') == first.count('name="csrf_token"') > 0
    member(staff, name_fr="Second Membre")  # a write gives memberships a new token
    assert "Second Membre" in names(client.get("/ecosystems/automobile/members"))

    # The ministry reads the same list without the decision forms of the federation's staff.
    ministry = make_user(
        "ministry_officer", organisation=OrganisationFactory(kind=OrganisationKind.MINISTRY)
    )
    other = app.test_client()
    sign_in(other, ministry)
    seen = names(other.get("/ecosystems/automobile/members"))
    assert "Second Membre" in seen and 'name="decision"' not in seen

    # The kept page's forms post with a token this session accepts.
    page = names(client.get("/ecosystems/automobile/members"))
    action, rest = page.split('<form method="post" action="', 1)[1].split('"', 1)
    token = rest.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answer = client.post(action, data={"csrf_token": token, "decision": "end", "back": "members"})
    assert answer.status_code == 302
    forged = client.post(action, data={"csrf_token": "x" + token, "decision": "end"})
    assert forged.status_code == 400


def test_the_kept_staff_list_follows_changes_and_each_viewer(app, client, db, staff):
    """The staff list's results are kept as HTML per viewer (issue 11) until a table they
    were read from changes: a new member, a renamed organisation and a renamed sector show
    on the next visit, and the ministry sees its own, wider list."""
    first = member(staff, name_fr="Premier Listé")
    OrganisationFactory(name_fr="Hors Fédération")
    listing = names(client.get("/directory/organisations"))
    assert "Premier Listé" in listing and "Hors Fédération" not in listing
    member(staff, name_fr="Second Listé")
    first.name_fr = "Premier Renommé"
    staff.sector_fr = "Secteur Renommé"
    db.session.flush()
    listing = names(client.get("/directory/organisations"))
    assert "Second Listé" in listing and "Premier Renommé" in listing
    assert "Premier Listé" not in listing and "Secteur Renommé" in listing

    ministry = make_user(
        "ministry_officer", organisation=OrganisationFactory(kind=OrganisationKind.MINISTRY)
    )
    other = app.test_client()
    sign_in(other, ministry)
    assert "Hors Fédération" in names(other.get("/directory/organisations"))
    assert "Hors Fédération" not in names(client.get("/directory/organisations"))
