"""Who offers what and the demand for services, in French and in Arabic: the SME chooses a
service and sees only the bodies offering it in its region (accredited first), declares a
need, and the laboratory's demand page counts it without naming the company; the pages pass
axe-core."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, serious_violations

WINDOW = {"width": 1280, "height": 900}


def _option_value(page, select: str, text: str) -> str:
    return page.evaluate(
        """([select, text]) => [...document.querySelectorAll(`${select} option`)]
            .find(o => o.textContent.includes(text)).value""",
        [select, text],
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_sme_finds_who_offers_a_service_and_declares_a_need(page_as, live_server, language):
    sme = page_as("pme@example.org", language, WINDOW)
    sme.goto(live_server.url + "/requests/new")
    assert sme.get_attribute("html", "lang") == language
    label = "القياسات البعدية" if language == "ar" else "Dimensionnel"
    field = _option_value(sme, "select[name=field_id]", label)
    sme.select_option("select[name=field_id]", field)
    with sme.expect_navigation():
        sme.locator("main form[method=get] button[type=submit]").click()
    bodies = sme.locator("input[name=body_id]")
    assert bodies.count() >= 1
    # In the company's region (Tangier) the accredited calibration laboratory (AME) offers
    # it; LPEE offers it in Casablanca only.
    offered = sme.locator("main fieldset").inner_text()
    assert "AME" in offered and "LPEE" not in offered
    assert serious_violations(sme) == []
    screenshot(sme, f"request-bodies-{language}")

    region = {"fr": "MA-08", "ar": "MA-10"}[language]  # a region of its own per run
    sme.goto(f"{live_server.url}/requests/needs/new?field_id={field}&region={region}")
    sme.fill("input[name=quantity_per_year]", "321")
    sme.fill("textarea[name=description]", "Étalonnage de calibres")
    with sme.expect_navigation():
        sme.locator("main form[method=post] button[type=submit]").click()
    assert "/requests/needs" in sme.url
    assert "321" in sme.locator("main").inner_text()

    lab = page_as("labo@example.org", language, WINDOW)
    lab.goto(f"{live_server.url}/requests/demand?region={region}")
    text = lab.locator("main").inner_text()
    assert "321" in text
    assert "Câblerie" not in text  # counts, never the company's name
    assert serious_violations(lab) == []
    screenshot(lab, f"service-demand-{language}")
    lab.goto(f"{live_server.url}/requests/bodies/{_lab_id(lab, live_server)}")
    screenshot(lab, f"service-catalogue-{language}")


def _lab_id(page, live_server) -> int:
    page.goto(live_server.url + "/home")
    href = page.locator("a[href*='/requests/bodies/']").first.get_attribute("href")
    return int(href.rsplit("/", 1)[1])
