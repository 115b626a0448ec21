"""Every page has a way in: following links from each role's home page (and the public home
for visitors), on the demo data, reaches every GET route that role may open.

The routes a role may open are those the access matrix expects to answer 200 for it; the
crawl follows `<a href>` links only (no typed URL), so a page that nothing links to fails
here with its endpoint named.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from tests.conftest import fresh_database_url, make_test_app
from tests.web.test_access_matrix import ANONYMOUS, MATRIX

# Reached from an e-mail (a token), by machines, or before signing in only: not by links.
NOT_LINKED = {
    "public.healthz",
    "auth.confirm_email",
    "auth.reset_password",
    "auth.accept_invitation",
}

# Each demo account and the audience (role) whose column of the matrix it follows.
DEMO_ACCOUNTS = {
    "admin@example.org": "admin",
    "ministere@example.org": "ministry_officer",
    "amica@example.org": "federation_staff",
    "pme@example.org": "sme_user",
    "institut@example.org": "institute_user",
    "labo@example.org": "infrastructure_user",
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
    """GET endpoints the matrix lets this audience open."""
    return {
        endpoint
        for (endpoint, method), case in MATRIX.items()
        if method == "GET" and case.expect[audience] == 200 and endpoint not in NOT_LINKED
    }


def crawl(client, adapter, start: str, language: str) -> tuple[set[str], list[str]]:
    """Endpoints reached by following links from ``start``, and the pages that failed."""
    reached: set[str] = set()
    failures: list[str] = []
    opened: dict[str, int] = {}
    seen = {start}
    queue = deque([start])
    while queue:
        path = queue.popleft()
        try:
            endpoint, _args = adapter.match(urlsplit(path).path, method="GET")
        except HTTPException:
            failures.append(f"{path}: no route")
            continue
        response = client.get(path, headers={"Accept-Language": language})
        if response.status_code >= 500 or response.status_code in (403, 404):
            failures.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        reached.add(endpoint)
        if response.mimetype != "text/html":
            continue
        for href in HREF.findall(response.get_data(as_text=True)):
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
            if opened.get(linked, 0) >= PER_ENDPOINT:
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
    ("email", "language"),
    [(email, "ar" if i % 2 else "fr") for i, email in enumerate([ANONYMOUS, *DEMO_ACCOUNTS])],
)
def test_every_page_a_role_may_open_is_linked_from_its_home(demo_app, email, language):
    client = demo_app.test_client()
    audience = ANONYMOUS if email == ANONYMOUS else DEMO_ACCOUNTS[email]
    start = "/"
    if email != ANONYMOUS:
        sign_in_demo(client, demo_app, email)
        start = "/home"
    adapter = demo_app.url_map.bind("localhost")
    reached, failures = crawl(client, adapter, start, language)
    assert failures == []
    missing = sorted(expected_for(audience) - reached)
    assert missing == [], f"{audience}: no link leads to {missing}"
