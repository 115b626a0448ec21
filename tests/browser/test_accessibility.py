"""axe-core (bundled by axe-playwright-python) on the main pages, in French and in Arabic."""

from __future__ import annotations

import pytest

PAGES = [
    (None, "/"),
    (None, "/auth/login"),
    (None, "/auth/reset"),
    (None, "/no-such-page"),
    ("admin@example.org", "/home"),
    ("admin@example.org", "/admin/audit"),
    ("ministere@example.org", "/home"),
    ("amica@example.org", "/home"),
    ("pme@example.org", "/home"),
    ("pme@example.org", "/account/"),
    ("pme@example.org", "/account/password"),
    ("institut@example.org", "/home"),
    ("labo@example.org", "/home"),
    # Pages of the layout review (issue #9): lists, overdue rows, the heat map, breadcrumbs.
    ("admin@example.org", "/ecosystems/automobile/members"),
    ("admin@example.org", "/requests/"),
    ("amica@example.org", "/training/demand"),
    ("amica@example.org", "/conventions/1"),
]


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("email", "path"), PAGES, ids=[f"{e or 'anon'}{p}" for e, p in PAGES])
def test_no_serious_or_critical_violation(page_as, live_server, email, path, language):
    page = page_as(email, language, {"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    assert page.get_attribute("html", "lang") == language
    assert serious_violations(page) == []
