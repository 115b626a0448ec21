"""Detail pages say where they sit: one translated breadcrumb trail, above the heading, from
base.html's breadcrumbs block, whose links the user may follow and whose last item is the page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from markupsafe import escape

from portal.extensions import db as _db
from portal.models import (
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionType,
    MembershipStatus,
    OrganisationKind,
    PartyRole,
    Role,
)
from tests.conftest import sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

TRAIL = re.compile(r'<nav aria-label="([^"]+)" class="breadcrumbs">(.*?)</nav>', re.S)
LABEL = {"fr": "Fil d'Ariane", "ar": "مسار التصفح"}


@pytest.fixture
def world(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(slug="auto", lead_federation=federation)
    member = MembershipFactory(ecosystem=ecosystem, status=MembershipStatus.REQUESTED)
    convention = Convention(
        reference="MIC-TRAIL-2023",
        title_fr="Convention du fil",
        title_ar="اتفاقية المسار",
        ecosystem_id=ecosystem.id,
        type=ConventionType.PARTNERSHIP,
        signed_on=date(2023, 11, 22),
        effective_from=date(2023, 11, 22),
        ends_on=date(2026, 11, 21),
        status=ConventionStatus.IN_PROGRESS,
        budget_mad=Decimal("1000"),
    )
    _db.session.add(convention)
    _db.session.flush()
    _db.session.add(
        ConventionParty(
            convention_id=convention.id, organisation_id=federation.id, role=PartyRole.SIGNATORY
        )
    )
    _db.session.flush()
    return {
        "staff": make_user(Role.FEDERATION_STAFF, federation),
        "sme": make_user(Role.SME_USER, member.organisation),
        "convention": convention,
        "member": member.organisation,
    }


def _trail(client, path: str, language: str) -> tuple[list[str], str]:
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, path
    page = response.get_data(as_text=True)
    trails = TRAIL.findall(page)
    assert len(trails) == 1, f"{path}: one trail"
    label, trail = trails[0]
    assert label == LABEL[language]
    main = page[page.index('<main id="main"') :]
    assert main.index('class="breadcrumbs"') < main.index("<h1"), f"{path}: above the heading"
    assert trail.count('aria-current="page"') == 1
    assert trail.rstrip().endswith("</ol>")
    last = trail.rsplit('<li class="breadcrumb-item', 1)[1]
    assert 'aria-current="page"' in last and "<a " not in last
    return re.findall(r'href="([^"]+)"', trail), trail


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_detail_pages_have_a_trail_of_pages_the_user_may_open(client, world, language):
    world["staff"].preferred_locale = language
    sign_in(client, world["staff"])
    convention_id = world["convention"].id
    pages = {
        f"/conventions/{convention_id}": ["/conventions/"],
        "/ecosystems/auto/members": ["/", "/ecosystems/auto"],
        "/ecosystems/auto/requests": ["/", "/ecosystems/auto", "/ecosystems/auto/members"],
        "/ecosystems/auto/import": ["/", "/ecosystems/auto", "/ecosystems/auto/members"],
        f"/organisations/{world['member'].id}": ["/directory/organisations"],
    }
    for path, links in pages.items():
        found, _ = _trail(client, path, language)
        assert found == links, path
        for link in found:
            assert client.get(link).status_code == 200, link


def test_a_company_s_own_page_leads_back_to_its_dashboard(client, world):
    sign_in(client, world["sme"])
    links, trail = _trail(client, f"/organisations/{world['member'].id}", "fr")
    assert links == ["/home"]
    assert f"<bdi>{escape(world['member'].name_fr)}</bdi>" in trail
