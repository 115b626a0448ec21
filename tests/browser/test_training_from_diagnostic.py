"""From diagnostics to training (issue 16, item 4), in a browser: a company's ISO 45001
diagnostic (a public body's ISO 14001 one in Arabic) rates clause 9.2 (internal audit) "not
started"; its result proposes the internal auditor training, declared in one click; the need
is then in the company's needs (French and Arabic, screenshots)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, serious_violations

WINDOW = {"width": 1280, "height": 900}
TOPIC = {"fr": "Auditeur interne qualité", "ar": "مدقق داخلي للجودة"}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_clause_9_2_not_started_proposes_internal_auditor_declared_in_one_click(
    page_as, live_server, language
):
    # A company per run (the need declared in one run would show as declared in the other).
    email = {"fr": "pme@example.org", "ar": "agence@example.org"}[language]
    sme = page_as(email, language, WINDOW)
    sme.goto(live_server.url + "/support/new")
    # A standard no other test opens a case for (a company has one open case per standard):
    # both map 9.2 to the internal auditor training.
    reference = {"fr": "ISO 45001", "ar": "ISO 14001"}[language]
    standard = sme.evaluate(
        """(reference) => [...document.querySelectorAll('select[name=standard_id] option')]
            .find(o => o.textContent.includes(reference)).value""",
        reference,
    )
    sme.select_option("select[name=standard_id]", standard)
    sme.fill("textarea[name=motivation]", "Exigence de nos clients")
    with sme.expect_navigation():
        sme.click("main form button[type=submit]")
    case_id = int(re.search(r"/support/(\d+)", sme.url).group(1))

    staff = page_as("amica@example.org", "fr", WINDOW)
    staff.goto(f"{live_server.url}/support/{case_id}")
    with staff.expect_navigation():
        staff.click("form[action$='/advance'] button[type=submit]")

    sme.goto(f"{live_server.url}/support/{case_id}/diagnostics")
    with sme.expect_navigation():
        sme.click("form[action$='/diagnostics/new'] button")
    names = sorted(
        set(
            sme.eval_on_selector_all(
                "input[type=radio][name^='rating-']", "rs => rs.map(r => r.name)"
            )
        )
    )
    for name in names:
        value = "not_started" if name == "rating-9.2" else "fully"
        sme.check(f"input[name='{name}'][value={value}]")
    with sme.expect_navigation():
        sme.click("button[name=complete], input[name=complete]")

    sme.goto(f"{live_server.url}/support/{case_id}/diagnostics/1/result")
    assert sme.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    proposal = sme.locator("#training-proposals tr[data-clause='9.2'][data-topic=internal_auditor]")
    assert proposal.count() == 1
    assert TOPIC[language] in proposal.inner_text()
    # Only the clause rated low proposes training.
    assert sme.locator("#training-proposals tbody tr").count() == 1
    assert serious_violations(sme) == []
    screenshot(sme, f"diagnostic-training-proposed-{language}")

    with sme.expect_navigation():
        proposal.locator("button[type=submit]").click()
    assert sme.locator(".alert-success").count() == 1
    assert proposal.locator(".badge").count() == 1  # "need declared": no second click
    assert proposal.locator("button").count() == 0
    screenshot(sme, f"diagnostic-training-declared-{language}")

    sme.goto(f"{live_server.url}/training/needs")
    assert TOPIC[language] in sme.locator("main").inner_text()
