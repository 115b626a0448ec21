"""Real Chromium: each demo role's home shows its work queue, in French and in Arabic (right
to left), with a count and a link on every section; the same load of each home checks its
navbar (test_layout) and runs axe-core (test_accessibility). Screenshots with
BROWSER_SCREENSHOTS=1, for a person to look at."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, screenshot, serious_violations
from tests.browser.conftest import WINDOW as AXE_WINDOW
from tests.browser.test_layout import DEMO_ACCOUNTS, check_navbar_fits_one_row

ACCOUNTS = {
    "admin@example.org": "admin",
    "ministere@example.org": "ministry",
    "amica@example.org": "federation",
    "pme@example.org": "company",
    "institut@example.org": "institute",
    "labo@example.org": "body",
}
# The homes axe-core checks (test_accessibility's list, where the other pages are).
AXE_HOMES = set(ACCOUNTS)


def check_queue(page, email: str, language: str) -> None:
    sections = page.locator("section.queue-section")
    assert sections.count() > 0, f"{email} home in {language} shows no queue"
    totals = [int(sections.nth(i).get_attribute("data-total")) for i in range(sections.count())]
    assert sum(totals) > 0, totals
    # Every section's items lead somewhere, and nothing overflows the page sideways.
    assert page.locator("section.queue-section li.list-group-item a").count() > 0
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    if language == "ar":
        assert page.get_attribute("html", "dir") == "rtl"
        header = sections.first.locator(".card-header")
        title, badge = (
            header.locator("h2").bounding_box(),
            header.locator(".badge").bounding_box(),
        )
        assert title["x"] > badge["x"]  # the title starts on the right, the count on the left
    screenshot(page, f"home-{ACCOUNTS[email]}-{language}")


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_each_demo_home(page_as, live_server, email, language):
    """Each demo home, loaded once at 1366 px: its work queue (above), its navbar on one row
    (test_layout), then axe-core at the accessibility tests' 1280 px (test_accessibility); the
    failures of the three checks are all reported, each named."""
    page = page_as(email, language, DESKTOP)
    page.goto(live_server.url + "/home")
    assert page.get_attribute("html", "lang") == language
    failures = []
    checks = [("navbar", check_navbar_fits_one_row)]
    if email in ACCOUNTS:
        checks.insert(0, ("queue", check_queue))
    for name, check in checks:
        try:
            check(page, email, language)
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    if email in AXE_HOMES:
        page.set_viewport_size(AXE_WINDOW)
        if violations := serious_violations(page):
            failures.append(f"axe-core: {violations}")
    assert failures == [], f"/home as {email} in {language}"
