"""A ministry officer creates a convention with two parties, three milestones and two
indicators; AMICA staff record a measurement and mark a milestone done on a date they give,
with its evidence; progress and at-risk change — in French and in Arabic. The printed report
in Arabic is right-to-left (screenshot)."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

import pytest

from portal import clock
from tests.browser.conftest import screenshot

WINDOW = {"width": 1280, "height": 900}


def _select_containing(page, name: str, text: str) -> None:
    value = page.evaluate(
        """([name, text]) => [...document.querySelectorAll(`select[name=${name}] option`)]
            .find(o => o.textContent.includes(text)).value""",
        [name, text],
    )
    page.select_option(f"select[name={name}]", value)


def _submit(page) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _progress(page) -> float:
    return float(page.get_attribute("meter#overall-progress", "value"))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_create_convention_record_measurement_progress_and_risk(page_as, live_server, language):
    today = clock.today()  # the portal's day (Morocco), not the machine's
    reference = f"MIC-TEST-{language}-{secrets.token_hex(2)}"
    page = page_as("ministere@example.org", language, WINDOW)
    page.goto(live_server.url + "/conventions/new")
    assert page.get_attribute("html", "lang") == language
    page.fill("input[name=reference]", reference)
    page.fill("input[name=title_fr]", f"Convention d'essai {reference}")
    page.fill("input[name=title_ar]", f"اتفاقية تجريبية {reference}")
    _select_containing(page, "ecosystem_id", "automobile" if language == "fr" else "السيارات")
    page.fill("input[name=signed_on]", (today - timedelta(days=400)).isoformat())
    page.fill("input[name=effective_from]", (today - timedelta(days=400)).isoformat())
    page.fill("input[name=ends_on]", (today + timedelta(days=700)).isoformat())
    page.fill("input[name=budget_mad]", "1500000")
    _submit(page)
    convention_id = int(re.search(r"/conventions/(\d+)", page.url).group(1))
    base = f"{live_server.url}/conventions/{convention_id}"

    for acronym in ("(MIC)", "(AMICA)"):
        page.goto(base + "/parties/new")
        _select_containing(page, "organisation_id", acronym)
        page.select_option("select[name=role]", "signatory")
        _submit(page)
    for n, days in enumerate((60, 200, 500), 1):
        page.goto(base + "/milestones/new")
        page.fill("input[name=title_fr]", f"Jalon {n}")
        page.fill("input[name=title_ar]", f"مرحلة {n}")
        page.fill("input[name=due_date]", (today + timedelta(days=days)).isoformat())
        _submit(page)
    for name, baseline_days in (("PME accompagnées", 365), ("Experts du réseau", 0)):
        page.goto(base + "/indicators/new")
        page.fill("input[name=name_fr]", name)
        page.fill("input[name=name_ar]", f"مؤشر {name}")
        page.fill("input[name=baseline]", "0")
        page.fill("input[name=baseline_date]", (today - timedelta(days=baseline_days)).isoformat())
        page.fill("input[name=target]", "100")
        page.fill("input[name=target_date]", (today + timedelta(days=365)).isoformat())
        _submit(page)
    for status in ("signed", "in_progress"):
        page.goto(base)
        page.select_option("select[name=status]", status)
        with page.expect_navigation():
            page.click("form[action$='/status'] button[type=submit]")
    page.goto(base)
    assert page.locator(".badge.text-bg-danger").count() >= 1  # at risk: indicator 1
    assert _progress(page) == 0.0
    screenshot(page, f"convention-before-{language}")

    staff = page_as("amica@example.org", language, WINDOW)
    staff.goto(base)
    assert staff.get_attribute("html", "lang") == language
    form = staff.locator("form[action$='/measurements']").first
    form.evaluate("f => { const d = f.closest('details'); if (d) d.open = true; }")
    form.locator("input[name$=measured_on]").fill(today.isoformat())
    form.locator("input[name$=value]").fill("70")
    form.locator("input[name$=source]").fill("Rapport trimestriel AMICA")
    with staff.expect_navigation():
        form.locator("button[type=submit]").click()
    staff.goto(base)
    assert _progress(staff) > 0.1
    assert staff.locator("main .badge.text-bg-danger").count() == 0  # no longer at risk

    # The first milestone is done: the form asks for the day and the evidence.
    staff.locator("a[href$='/complete']").first.click()
    staff.wait_for_url(re.compile(r"/milestones/\d+/complete$"))
    staff.fill("input[name=completed_on]", today.isoformat())
    staff.fill("textarea[name=evidence_note]", "Procès-verbal du comité de pilotage")
    _submit(staff)
    milestones = staff.locator("#milestones").inner_text()
    assert "Procès-verbal du comité de pilotage" in milestones
    assert staff.locator("#milestones .badge.text-bg-success").count() == 1
    assert staff.locator("form[action$='/reopen']").count() == 1
    screenshot(staff, f"convention-after-{language}")
    staff.goto(base + "/report")
    assert staff.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    if language == "ar":
        assert "1.500.000,00" in staff.locator("main").inner_text()
    screenshot(staff, f"convention-report-{language}")
