"""Each role lands on its own home page, which runs a bounded number of queries."""

import pytest

from portal.models import MembershipRole, MembershipStatus, OrganisationKind, Role
from tests.conftest import count_queries, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    members_of,
)
from tests.home.queue_builders import sections


@pytest.fixture
def ecosystem(db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    return EcosystemFactory(
        lead_federation=amica, name_fr="Écosystème automobile", name_ar="منظومة السيارات"
    )


def add_members(ecosystem, count, status=MembershipStatus.ACTIVE):
    regions = [f"MA-{n:02d}" for n in range(1, 13)]
    members_of(ecosystem, [{"region": regions[n % 12]} for n in range(count)], status)


HEADINGS = {
    Role.ADMIN: "Administration de la plateforme",
    Role.MINISTRY_OFFICER: "Vue d'ensemble des écosystèmes",
    Role.SME_USER: "Écosystèmes",
}


def test_each_role_sees_its_own_home(client, db, ecosystem):
    add_members(ecosystem, 3)
    add_members(ecosystem, 1, MembershipStatus.REQUESTED)
    for role, heading in HEADINGS.items():
        user = make_user(role, preferred_locale="fr")
        sign_in(client, user)
        page = client.get("/home").get_data(as_text=True)
        assert heading in page, role
    staff = make_user(Role.FEDERATION_STAFF, organisation=ecosystem.lead_federation)
    sign_in(client, staff)
    page = client.get("/home").get_data(as_text=True)
    assert "Écosystème automobile" in page
    assert sections(page)["join_requests"].total == 1


def test_federation_home_counts_only_its_ecosystems(client, db, ecosystem):
    add_members(ecosystem, 4)
    other = EcosystemFactory(name_fr="Écosystème chimie")
    add_members(other, 2, MembershipStatus.REQUESTED)
    staff = make_user(Role.FEDERATION_STAFF, organisation=ecosystem.lead_federation)
    sign_in(client, staff)
    page = client.get("/home").get_data(as_text=True)
    assert "Écosystème chimie" not in page
    assert sections(page)["join_requests"].total == 0


def test_member_home_lists_its_memberships(client, db, ecosystem):
    sme = OrganisationFactory(name_fr="Câblerie Test")
    MembershipFactory(ecosystem=ecosystem, organisation=sme, role=MembershipRole.MEMBER_SME)
    user = make_user(Role.SME_USER, organisation=sme, preferred_locale="ar")
    sign_in(client, user)
    page = client.get("/home").get_data(as_text=True)
    assert "منظومة السيارات" in page
    assert 'dir="rtl"' in page


@pytest.mark.parametrize(
    "role", [Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.SME_USER]
)
def test_home_query_count_does_not_grow_with_members(client, db, ecosystem, role):
    organisation = ecosystem.lead_federation if role == Role.FEDERATION_STAFF else None
    user = make_user(role, organisation=organisation)
    sign_in(client, user)
    add_members(ecosystem, 10)
    add_members(ecosystem, 3, MembershipStatus.REQUESTED)
    client.get("/home")
    with count_queries() as small:
        assert client.get("/home").status_code == 200
    add_members(ecosystem, 300)
    add_members(ecosystem, 30, MembershipStatus.REQUESTED)
    client.get("/home")  # the cached figures recomputed once after the change
    with count_queries() as large:
        assert client.get("/home").status_code == 200
    assert large.count == small.count, large.statements
    assert small.count <= 20


def test_public_front_page_shows_counts_not_names(client, db, ecosystem):
    MembershipFactory(ecosystem=ecosystem, organisation=OrganisationFactory(name_fr="Secrète SARL"))
    page = client.get("/").get_data(as_text=True)
    assert "Écosystème automobile" in page
    assert "Secrète SARL" not in page
