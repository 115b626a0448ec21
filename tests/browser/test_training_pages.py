"""The training pages of issue 16 in both languages, right to left in Arabic (screenshots):
the planner's session page with the seats kept for the companies, the company's with its
enrolment forms, a held two-day session's attendance sheet, and the calendar."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

WINDOW = {"width": 1280, "height": 900}
PAGES = [
    ("amica@example.org", "/training/sessions/3", "#kept-seats", "session-planner"),
    ("pme@example.org", "/training/sessions/3", "#enrol-many", "session-company"),
    ("institut@example.org", "/training/sessions/2/attendance", "#attendance-sheet", "attendance"),
    ("amica@example.org", "/training/calendar?ecosystem=1", "table.training-calendar", "calendar"),
]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("email", "path", "selector", "name"), PAGES, ids=[p[3] for p in PAGES])
def test_the_page_shows_in_each_language(
    page_as, live_server, email, path, selector, name, language
):
    page = page_as(email, language, WINDOW)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator(selector).count() == 1
    screenshot(page, f"training-{name}-{language}")
