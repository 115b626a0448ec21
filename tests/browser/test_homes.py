"""Real Chromium: each demo role's home shows its work queue, in French and in Arabic (right
to left), with a count and a link on every section; the screenshots are for a person to look at."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

ACCOUNTS = {
    "admin@example.org": "admin",
    "ministere@example.org": "ministry",
    "amica@example.org": "federation",
    "pme@example.org": "company",
    "institut@example.org": "institute",
    "labo@example.org": "body",
}


@pytest.mark.parametrize("email", sorted(ACCOUNTS))
def test_each_demo_home_shows_its_queue_in_both_languages(page_as, live_server, email):
    for language in ("fr", "ar"):
        page = page_as(email, language)
        page.goto(live_server.url + "/home")
        sections = page.locator("section.queue-section")
        assert sections.count() > 0
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
