"""The navbar: one menu per domain, offering each role exactly the pages it may open (every
link answers 200), the training pages nothing led to before, and the current page marked."""

from __future__ import annotations

import re

import pytest

from portal.models import OrganisationKind, Role
from tests.conftest import sign_in
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

NAV = re.compile(r'<header class="site-header">(.*?)</header>', re.S)
HREF = re.compile(r'href="([^"#]+)"')

# The pages each role finds in the navbar (besides the home page, the ecosystems, the
# conventions, the offers, the topics, certificate verification, experts, notifications and
# the account, which every signed-in user finds).
EVERYONE = {
    "/home",
    "/",
    "/conventions/",
    "/training/offers",
    "/training/topics",
    "/certificates/verify",
    "/experts/",
    "/notifications/",
    "/account/",
    "/complaints/",
}
EXPECTED = {
    Role.ADMIN: {
        "/dashboard/",
        "/surveys/",
        "/directory/organisations",
        "/ecosystems/auto/members",
        "/training/sessions",
        "/training/needs",
        "/training/demand",
        "/support/",
        "/support/pipeline",
        "/certificates/",
        "/requests/",
        "/requests/bodies",
        "/requests/needs",
        "/requests/demand",
        "/admin/audit",
        "/admin/standards",
    },
    Role.MINISTRY_OFFICER: {
        "/dashboard/",
        "/surveys/",
        "/directory/organisations",
        "/ecosystems/auto/members",
        "/training/sessions",
        "/training/needs",
        "/training/demand",
        "/support/",
        "/support/pipeline",
        "/certificates/",
        "/requests/",
        "/requests/bodies",
        "/requests/needs",
        "/requests/demand",
    },
    Role.FEDERATION_STAFF: {
        "/dashboard/",
        "/surveys/",
        "/directory/organisations",
        "/ecosystems/auto/members",
        "/training/sessions",
        "/training/needs",
        "/training/demand",
        "/support/",
        "/support/pipeline",
        "/certificates/",
        "/requests/",
        "/requests/bodies",
        "/requests/needs",
        "/requests/demand",
    },
    Role.SME_USER: {
        "/directory/",
        "/training/sessions",
        "/training/needs",
        "/training/needs/new",
        "/support/",
        "/certificates/",
        "/requests/",
        "/requests/bodies",
        "/requests/needs",
    },
    Role.INSTITUTE_USER: {"/directory/", "/training/sessions", "/training/demand", "/surveys/"},
    Role.INFRASTRUCTURE_USER: {
        "/directory/",
        "/certificates/",
        "/requests/",
        "/requests/bodies",
        "/requests/demand",
        "/surveys/",
    },
    # A consultant: the cases of the firm, and the public directory anyone reads.
    Role.CONSULTANT: {"/directory/", "/support/"},
}


@pytest.fixture
def federation(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    EcosystemFactory(slug="auto", lead_federation=federation)
    EcosystemFactory(slug="other")  # led by another federation: not in AMICA's menu
    return federation


def nav_links(client, path: str = "/home") -> tuple[set[str], str]:
    response = client.get(path)
    assert response.status_code == 200
    header = NAV.search(response.get_data(as_text=True)).group(1)
    return set(HREF.findall(header)) - {"/static/img/favicon.svg"}, header


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_each_role_finds_the_pages_it_may_open_and_only_those(client, db, federation, role):
    organisation = federation if role is Role.FEDERATION_STAFF else None
    user = make_user(role, organisation, preferred_locale="fr")
    sign_in(client, user)
    links, _ = nav_links(client)
    links.discard("/language")
    expected = EVERYONE | EXPECTED[role]
    if role is Role.INFRASTRUCTURE_USER:  # the body's own catalogue
        expected |= {f"/requests/bodies/{user.organisation_id}"}
    if role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        expected |= {"/ecosystems/other/members"}
    assert links - {"/auth/logout"} == expected
    for link in sorted(links - {"/auth/logout"}):
        assert client.get(link).status_code == 200, link


def test_the_current_page_is_marked_in_its_menu(client, db, federation):
    sign_in(client, make_user(Role.FEDERATION_STAFF, federation, preferred_locale="fr"))
    _, header = nav_links(client, "/training/demand")
    toggle = re.search(r'<button type="button" id="nav-training"[^>]*>', header).group(0)
    assert 'aria-current="true"' in toggle and "dropdown-toggle" in toggle
    current = re.findall(
        r'<a class="dropdown-item active" href="([^"]+)" aria-current="page"', header
    )
    assert current == ["/training/demand"]
    assert header.count('aria-current="page"') == 1
    # Another domain's menu is not marked.
    other = re.search(r'<button type="button" id="nav-certification"[^>]*>', header).group(0)
    assert "aria-current" not in other


def test_anonymous_visitors_find_the_public_pages(client, db):
    links, header = nav_links(client, "/")
    links.discard("/language")
    assert links == {
        "/",
        "/conventions/",
        "/directory/",
        "/certificates/verify",
        "/auth/signup",
        "/auth/login",
        "/complaints/contact",
    }
    assert "dropdown-toggle" not in header


def test_the_navbar_data_is_kept_until_what_it_shows_changes(client, db, federation):
    """The member lists and the unread count are read once, then kept (no query of their own
    on the next pages) until a notification or an ecosystem changes; kept per language."""
    from portal.extensions import db as _db
    from portal.models import Ecosystem
    from portal.services.notifications import notify
    from tests.conftest import count_queries

    user = make_user(Role.FEDERATION_STAFF, federation, preferred_locale=None)
    sign_in(client, user)
    links, header = nav_links(client)
    assert "/ecosystems/auto/members" in links and "text-bg-warning" not in header
    with count_queries() as kept:
        nav_links(client, "/account/")  # a page that reads neither itself
    read = " ".join(kept.statements)
    assert "count(notifications.id)" not in read and "FROM ecosystems" not in read

    notify([user], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    _db.session.commit()
    _, header = nav_links(client)
    assert re.search(r'class="badge text-bg-warning">1<', header)

    EcosystemFactory(slug="fresh", lead_federation=federation)
    _db.session.commit()
    links, _ = nav_links(client)
    assert "/ecosystems/fresh/members" in links

    auto = _db.session.execute(_db.select(Ecosystem).filter_by(slug="auto")).scalar_one()
    french = client.get("/home", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    arabic = client.get("/home", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert auto.name_fr in NAV.search(french).group(1)
    assert auto.name_ar in NAV.search(arabic).group(1)


def test_the_kept_header_puts_in_each_page_address_and_session_token(app, client, db, federation):
    """The header is kept as HTML per viewer, language and page (issue 11): the language
    switch still comes back to this visit's own address (escaped), its forms carry this
    session's CSRF token, the current page follows the page, a new name shows."""
    from portal.extensions import db as _db

    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user(Role.FEDERATION_STAFF, federation, preferred_locale="fr")
    sign_in(client, user)
    for query in ("?status=validated", '?q="<b>'):
        html = client.get(f"/training/needs{query}").get_data(as_text=True)
        back = re.search(r'<input type="hidden" name="next" value="([^"]*)">', html).group(1)
        escaped = "/training/needs?q=&#34;&lt;b&gt;"  # as sent, escaped
        assert back == ("/training/needs?status=validated" if "status" in query else escaped)
        assert "placeholder" not in html
    tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', html))
    assert len(tokens) == 1
    # the token is the session's own: another session gets another one in the same header
    other = app.test_client()
    sign_in(other, user)
    again = other.get("/training/needs?status=validated").get_data(as_text=True)
    assert set(re.findall(r'name="csrf_token" value="([^"]+)"', again)) != tokens
    assert "csrfplaceholder" not in again and "backplaceholder" not in again
    # the current page follows the page
    _, header = nav_links(client, "/training/demand")
    assert re.findall(r'href="([^"]+)" aria-current="page"', header) == ["/training/demand"]
    _, header = nav_links(client, "/training/needs")
    assert re.findall(r'href="([^"]+)" aria-current="page"', header) == ["/training/needs"]
    # a new name shows
    user.full_name = "Nom Nouveau"
    _db.session.commit()
    _, header = nav_links(client, "/training/needs")
    assert "Nom Nouveau" in header
