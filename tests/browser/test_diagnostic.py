"""An SME asks for ISO 9001 support, AMICA accepts, and the SME completes a diagnostic of
every clause in Arabic, sees its readiness per clause group and overall, then a second
diagnostic shows the difference clause by clause (screenshots)."""

from __future__ import annotations

import re

from tests.browser.conftest import screenshot

WINDOW = {"width": 1280, "height": 900}

# The rating given to each clause group in the first and the second diagnostic.
FIRST = {
    "4": "fully",
    "5": "largely",
    "6": "partial",
    "7": "partial",
    "8": "not_started",
    "9": "partial",
    "10": "largely",
}
SECOND = {**FIRST, "6": "largely", "8": "partial"}


def _fill(page, ratings: dict[str, str]) -> int:
    names = sorted(
        set(
            page.eval_on_selector_all(
                "input[type=radio][name^='rating-']", "rs => rs.map(r => r.name)"
            )
        )
    )
    for name in names:
        group = name.removeprefix("rating-").split(".")[0]
        page.check(f"input[name='{name}'][value={ratings[group]}]")
    with page.expect_navigation():
        page.click("button[name=complete], input[name=complete]")
    return len(names)


def test_sme_diagnostic_in_arabic_with_comparison(page_as, live_server):
    sme = page_as("pme@example.org", "ar", WINDOW)
    sme.goto(live_server.url + "/support/new")
    assert sme.get_attribute("html", "lang") == "ar"
    standard = sme.evaluate(
        """() => [...document.querySelectorAll('select[name=standard_id] option')]
            .find(o => o.textContent.includes('ISO 9001')).value"""
    )
    sme.select_option("select[name=standard_id]", standard)
    sme.fill("textarea[name=motivation]", "طلب من زبنائنا")
    with sme.expect_navigation():
        sme.click("main form button[type=submit]")
    case_id = int(re.search(r"/support/(\d+)", sme.url).group(1))

    staff = page_as("amica@example.org", "fr", WINDOW)
    staff.goto(f"{live_server.url}/support/{case_id}")
    with staff.expect_navigation():
        staff.click("form[action$='/advance'] button[type=submit]")
    assert "accepted" in staff.content() or staff.locator("[aria-current=step]").count() == 1

    sme.goto(f"{live_server.url}/support/{case_id}/diagnostics")
    with sme.expect_navigation():
        sme.click("form[action$='/diagnostics/new'] button")
    assert sme.get_attribute("html", "dir") == "rtl"
    rated = _fill(sme, FIRST)
    assert rated == 28
    sme.goto(f"{live_server.url}/support/{case_id}/diagnostics/1/result")
    text = sme.locator("main").inner_text()
    # Clauses per group: 4→4, 5→3, 6→3, 7→5, 8→7, 9→3, 10→3. Group 4 fully implemented:
    # 100 %; overall (4×3 + 3×2 + 3×1 + 5×1 + 7×0 + 3×1 + 3×2) / (28×3) = 35/84 = 42 %.
    assert "100%" in text.replace("\u00a0", "").replace(" ", "")
    assert "42%" in text.replace("\u00a0", "").replace(" ", "")
    screenshot(sme, "diagnostic-1-ar")

    sme.goto(f"{live_server.url}/support/{case_id}/diagnostics")
    with sme.expect_navigation():
        sme.click("form[action$='/diagnostics/new'] button")
    _fill(sme, SECOND)
    sme.goto(f"{live_server.url}/support/{case_id}/diagnostics/2/result")
    comparison = sme.locator("main").inner_text()
    # Overall now (35 + 3 for group 6 + 7 for group 8) / 84 = 54 %, compared with 42 %.
    compact = comparison.replace("\u00a0", "").replace(" ", "")
    assert "54%" in compact and "42%" in compact
    screenshot(sme, "diagnostic-2-comparison-ar")
