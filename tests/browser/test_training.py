"""An SME declares a need, AMICA validates it, the demand cell counts it, a session is
planned from the best-matching offer, the SME enrols two people, the institute records
attendance and the need becomes fulfilled — in French and in Arabic."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal import clock
from tests.browser.conftest import screenshot

WINDOW = {"width": 1280, "height": 900}


def _submit(page, selector: str = "main form[method=post] button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).last.click()


def _option_value(page, select: str, text: str) -> str:
    return page.evaluate(
        """([select, text]) => [...document.querySelectorAll(`${select} option`)]
            .find(o => o.textContent.includes(text)).value""",
        [select, text],
    )


@pytest.mark.parametrize(("language", "quarter_index"), [("fr", 3), ("ar", 4)])
def test_need_to_fulfilled_session(page_as, live_server, language, quarter_index):
    def page_for(email: str):
        return page_as(email, language, WINDOW)

    sme = page_for("pme@example.org")
    sme.goto(live_server.url + "/training/needs/new")
    assert sme.get_attribute("html", "lang") == language
    sme.select_option("select[name=topic_id]", _option_value(sme, "select[name=topic_id]", "APQP"))
    sme.select_option("select[name=job_category]", "engineers")
    sme.fill("input[name=people]", "2")
    quarter = sme.locator("select[name=quarter] option").nth(quarter_index).get_attribute("value")
    sme.select_option("select[name=quarter]", quarter)
    sme.select_option("select[name=modality]", "in_person")
    sme.select_option("select[name=region]", "MA-01")
    _submit(sme)
    assert "/training/needs" in sme.url

    staff = page_for("amica@example.org")
    staff.goto(f"{live_server.url}/training/needs?quarter={quarter}&status=submitted")
    row = staff.locator("tr", has_text=quarter).filter(has=staff.locator("input[value=validate]"))
    with staff.expect_navigation():
        row.first.locator("form:has(input[value=validate]) button").click()
    staff.goto(live_server.url + "/training/demand")
    topic_id = staff.evaluate(
        """() => { const a = [...document.querySelectorAll('a[href*="/training/demand/cell"]')]
            .find(a => a.href.includes('"""
        + quarter
        + """') && a.href.includes('MA-01'));
            return a ? new URL(a.href).searchParams.get('topic') : null; }"""
    )
    assert topic_id, "the validated need is not in the demand"
    staff.goto(
        f"{live_server.url}/training/demand/cell?topic={topic_id}&region=MA-01&quarter={quarter}"
    )
    assert "Câblerie Atlas" in staff.content() or "الأسلاك" in staff.content()
    with staff.expect_navigation():
        staff.locator("main a[href*='/training/plan']").first.click()
    first_offer = staff.locator("#matching-offers input[name=offer_id]").first
    first_offer.check()
    assert "APQP" in staff.locator("#matching-offers tbody tr").first.inner_text()
    start = clock.today()  # the portal's day (Morocco): past 23:00 UTC it is tomorrow
    staff.fill("input[name=starts_on]", start.isoformat())
    staff.fill("input[name=ends_on]", (start + timedelta(days=2)).isoformat())
    staff.fill("input[name=place]", "IFMIA Tanger Automotive City")
    _submit(staff)
    session_id = int(re.search(r"/training/sessions/(\d+)", staff.url).group(1))
    screenshot(staff, f"training-session-{language}")

    sme.goto(f"{live_server.url}/training/sessions/{session_id}")
    for name in ("Imane Tazi", "Omar Alami"):
        sme.fill("input[name=participant_name]", name)
        sme.fill("input[name=participant_job]", "Ingénieur qualité")
        _submit(sme, "form[action$='/enrol'] button[type=submit]")
    assert sme.locator("main", has_text="Omar Alami").count() == 1

    institute = page_for("institut@example.org")
    institute.goto(f"{live_server.url}/training/sessions/{session_id}/attendance")
    # A box per participant and day of the session: both present every day.
    boxes = institute.locator("#attendance-sheet input[name=present]")
    assert boxes.count() >= 2 and boxes.count() % 2 == 0
    for index in range(boxes.count()):
        boxes.nth(index).check()
    _submit(institute)

    sme.goto(f"{live_server.url}/training/needs?quarter={quarter}")
    assert sme.locator("tr", has_text=quarter).count() >= 1
    assert (
        sme.locator("tr", has_text=quarter)
        .filter(has_text=_fulfilled(live_server, language))
        .count()
        == 1
    )
    screenshot(sme, f"training-needs-fulfilled-{language}")


def _fulfilled(live_server, language: str) -> str:
    """The label of a fulfilled need as the page shows it in a language."""
    from flask_babel import force_locale, gettext

    with live_server.app.test_request_context(), force_locale(f"{language}_MA"):
        return gettext("Fulfilled")
