"""Every page has a way in: following links from each role's home page (and the public home
for visitors), on the demo data, reaches every GET route that role may open.

The routes a role may open are those the access rows (tests/<domain>/test_access.py) expect
to answer 200 for it; the crawl follows `<a href>` links only (no typed URL), so a page that
nothing links to fails here with its endpoint named. Every page the crawl opens is also
checked for a stylesheet or script inside <main> (test_page_assets).
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from tests.access import ANONYMOUS, all_rows
from tests.conftest import fresh_database_url, make_test_app
from tests.web.test_page_assets import assets_inside_main

# Reached from an e-mail (a token), by machines, or before signing in only: not by links.
NOT_LINKED = {
    "public.healthz",
    "auth.confirm_email",
    "auth.reset_password",
    "auth.accept_invitation",
    # A calendar feed: read by calendar applications at its signed address (shown, to copy,
    # on the training calendar of those who may follow it).
    "training.calendar_feed",
}

# The demo accounts of each audience (role), whose column of the access rows they follow: a page
# counts as reachable for a role when a link leads to it from the home of one of them (the
# demo spreads its objects over the two federations and the two bodies).
DEMO_ACCOUNTS = {
    "admin": ["admin@example.org"],
    "ministry_officer": ["ministere@example.org"],
    "federation_staff": ["amica@example.org", "fcp@example.org"],
    "sme_user": ["pme@example.org"],
    "institute_user": ["institut@example.org"],
    "infrastructure_user": ["labo@example.org", "certification@example.org"],
    "consultant": ["conseil@example.org"],
}

# Pages a role may open only on objects the demo gives none of its accounts: conventions are
# signed by the ministry and the federations, so companies, institutes and bodies are party
# to none (the access rows open these pages for a party of any kind).
CONVENTION_PARTY_PAGES = {
    "conventions.download_document",
    "conventions.export_xlsx",
    "conventions.report",
}
NOTHING_TO_OPEN = {
    "sme_user": CONVENTION_PARTY_PAGES,
    "institute_user": CONVENTION_PARTY_PAGES,
    "infrastructure_user": CONVENTION_PARTY_PAGES,
    "consultant": CONVENTION_PARTY_PAGES,
}

# Bounds of the crawl: each endpoint is opened for this many distinct URLs at most (lists
# have many pages and filters; one of each is enough to know the page is reachable).
PER_ENDPOINT = 12
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)', re.I)


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    from portal.demo.seed import seed
    from portal.extensions import db

    tmp_dir = tmp_path_factory.mktemp("crawl")
    app = make_test_app(
        fresh_database_url("crawl", tmp_dir), tmp_dir, LOGIN_FAILURES_PER_ADDRESS=1000
    )
    with app.app_context():
        seed()
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def expected_for(audience: str) -> set[str]:
    """GET endpoints the access rows let this audience open (and the demo gives it something to
    open on)."""
    return {
        endpoint
        for (endpoint, method), case in all_rows().items()
        if method == "GET"
        and case.expect[audience] == 200
        and endpoint not in NOT_LINKED | NOTHING_TO_OPEN.get(audience, set())
    }


def crawl(client, adapter, start: str, language: str) -> tuple[set[str], list[str]]:
    """Endpoints reached by following links from ``start``, and the pages that failed."""
    reached: set[str] = set()
    failures: list[str] = []
    opened: dict[str, int] = {}
    # Endpoints that answered a download (CSV, XLSX, PDF, iCalendar): reached, and holding no
    # link, so one of each is opened (a PDF report costs a second to draw).
    downloads: set[str] = set()
    seen = {start}
    queue = deque([start])
    while queue:
        path = queue.popleft()
        try:
            endpoint, _args = adapter.match(urlsplit(path).path, method="GET")
        except HTTPException:
            failures.append(f"{path}: no route")
            continue
        if endpoint in downloads:
            continue
        response = client.get(path, headers={"Accept-Language": language})
        if response.status_code >= 500 or response.status_code in (403, 404, 429):
            failures.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        reached.add(endpoint)
        if response.mimetype != "text/html":
            downloads.add(endpoint)
            continue
        html = response.get_data(as_text=True)
        if misplaced := assets_inside_main(html):
            failures.append(f"{path}: stylesheet or script inside <main>: {misplaced}")
        for href in HREF.findall(html):
            link = urlsplit(unescape(href))
            if link.scheme or link.netloc or not link.path.startswith("/"):
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            if target in seen or link.path.startswith("/static/"):
                continue
            try:
                linked, _ = adapter.match(link.path, method="GET")
            except HTTPException:
                failures.append(f"{target}: no route (linked from {path})")
                continue
            if linked in downloads or opened.get(linked, 0) >= PER_ENDPOINT:
                continue
            opened[linked] = opened.get(linked, 0) + 1
            seen.add(target)
            queue.append(target)
    return reached, failures


def sign_in_demo(client, app, email: str) -> None:
    from portal.demo.seed import demo_password
    from tests.conftest import CSRF_INPUT

    page = client.get("/auth/login").get_data(as_text=True)
    token = CSRF_INPUT.search(page).group(1)
    with app.app_context():
        password = demo_password(email)
    response = client.post(
        "/auth/login", data={"csrf_token": token, "email": email, "password": password}
    )
    assert response.status_code == 302, f"{email} could not sign in"


@pytest.mark.parametrize(
    ("audience", "language"),
    [(a, "ar" if i % 2 else "fr") for i, a in enumerate([ANONYMOUS, *DEMO_ACCOUNTS])],
)
def test_every_page_a_role_may_open_is_linked_from_its_home(demo_app, audience, language):
    from portal.extensions import limiter

    limiter.reset()  # counters are per process: other tests' look-ups must not throttle these
    adapter = demo_app.url_map.bind("localhost")
    reached: set[str] = set()
    for email in DEMO_ACCOUNTS.get(audience, [None]):
        client = demo_app.test_client()
        if email is not None:
            sign_in_demo(client, demo_app, email)
        found, failures = crawl(client, adapter, "/home" if email else "/", language)
        assert failures == [], email
        reached |= found
    missing = sorted(expected_for(audience) - reached)
    assert missing == [], f"{audience}: no link leads to {missing}"
