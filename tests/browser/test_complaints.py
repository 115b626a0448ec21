"""Real Chromium, in French and in Arabic (right to left): the demo company's user opens the
complaint form (from the footer's link, or from the home's queue), files a message (about the
automotive ecosystem, or about the portal itself), lands on its page with its reference and
the days left to answer it; the organisation that answers it (AMICA, the ecosystem's lead
federation; the administrators, for the portal) answers on that page; the company's user then
reads the answer, sees it answered and rates it. The public contact form, without an account.
Screenshots with BROWSER_SCREENSHOTS=1."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from tests.browser.conftest import DESKTOP, screenshot

COMPANY = "pme@example.org"

# language: (how the company's user reaches the form, what the message is about — an
# ecosystem's slug or None for the portal —, who answers it, subject, text, answer)
CASES = {
    "fr": (
        "footer",
        "automobile",
        "amica@example.org",
        "Informations sur les audits croisés",
        "Nous n'avons reçu aucune information sur le calendrier des audits croisés.",
        "Le calendrier est publié sur la page de l'écosystème ; nous vous l'envoyons aussi.",
    ),
    "ar": (
        "home",
        None,
        "admin@example.org",
        "بطء تحميل صفحة الحاجيات",
        "تستغرق صفحة حاجيات التكوين وقتا طويلا قبل أن تظهر.",
        "شكرا على ملاحظتكم، تم تحسين سرعة الصفحة.",
    ),
}


def _localized(live_server, language: str, render):
    """What the portal writes in the language (``render`` called inside a request)."""
    from flask_babel import force_locale

    with live_server.app.test_request_context(), force_locale(f"{language}_MA"):
        return render()


def _ecosystem_id(live_server, slug: str) -> int:
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Ecosystem

    with live_server.app.app_context():
        return db.session.execute(select(Ecosystem.id).where(Ecosystem.slug == slug)).scalar_one()


def _submit(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def _check_direction(page, language: str) -> None:
    assert page.get_attribute("html", "lang") == language
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_file_answer_read_and_rate(page_as, live_server, language):
    from flask_babel import gettext

    from portal.templating import countdown

    way_in, slug, handler, subject, text, answer = CASES[language]

    company = page_as(COMPANY, language, DESKTOP)
    company.goto(live_server.url + "/home")
    _check_direction(company, language)
    if way_in == "footer":
        link = company.locator("footer a[href$='/complaints/new']")
    else:
        link = company.locator("#queue-complaints_own a[href$='/complaints/new']")
    with company.expect_navigation():
        link.click()
    assert company.url.endswith("/complaints/new")
    _check_direction(company, language)

    about = f"ecosystem-{_ecosystem_id(live_server, slug)}" if slug else "portal"
    company.select_option("select[name=about]", about)
    company.check("input[name=kind][value=complaint]")
    company.select_option("select[name=category]", "information" if slug else "other")
    company.fill("input[name=subject]", subject)
    company.fill("textarea[name=text]", text)
    _submit(company, "main form[method=post]")

    found = re.search(r"/complaints/(\d+)$", company.url)
    assert found, company.url
    complaint_url = company.url
    _check_direction(company, language)
    reference = company.locator("#complaint-reference").inner_text()
    assert re.fullmatch(r"R-\d{4}-\d{6}", reference), reference
    assert reference in company.locator(".flash-messages .alert-success").inner_text()
    assert company.locator("h1").inner_text() == subject
    # The clock: filed today, answered within 15 days.
    days_left = _localized(
        live_server, language, lambda: countdown(SimpleNamespace(overdue=False, days=15))
    )
    assert days_left in company.locator("main").inner_text()

    staff = page_as(handler, language, DESKTOP)
    staff.goto(complaint_url)
    _check_direction(staff, language)
    assert staff.locator("#complaint-reference").inner_text() == reference
    staff.fill("form[action$='/answer'] textarea[name=text]", answer)
    _submit(staff, "form[action$='/answer']")
    assert staff.url == complaint_url
    assert staff.locator(".flash-messages .alert-success").count() == 1
    assert staff.locator("form[action$='/answer']").count() == 0

    company = page_as(COMPANY, language, DESKTOP)
    company.goto(complaint_url)
    _check_direction(company, language)
    thread = company.locator("section[aria-labelledby=thread-title] article")
    assert thread.count() == 1
    assert answer in thread.first.inner_text()
    answered = _localized(live_server, language, lambda: gettext("Answered"))
    assert company.locator("main p .badge").first.inner_text() == answered
    assert company.locator("form[action$='/reopen']").count() == 1

    company.check("form[action$='/rate'] input[name=rating][value='4']")
    _submit(company, "form[action$='/rate']")
    assert company.url == complaint_url
    assert company.locator(".flash-messages .alert-success").count() == 1
    rated = _localized(live_server, language, lambda: gettext("%(rating)s out of 5", rating="4"))
    assert rated in company.locator("main dl").inner_text()
    if language == "ar":
        # The reference keeps its left-to-right order inside the right-to-left line.
        assert company.get_attribute("#complaint-reference", "dir") == "ltr"
        heading, badge = (
            company.locator("h1").bounding_box(),
            company.locator("main p .badge").first.bounding_box(),
        )
        assert heading["x"] + heading["width"] > badge["x"] + badge["width"]
    screenshot(company, f"complaints-show-{language}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_public_contact_form(page_as, live_server, language):
    visitor = page_as(None, language, DESKTOP)
    visitor.goto(live_server.url + "/")
    with visitor.expect_navigation():
        visitor.locator("footer a[href$='/complaints/contact']").click()
    assert visitor.url.endswith("/complaints/contact")
    _check_direction(visitor, language)
    for name in ("name", "email", "subject"):
        assert visitor.locator(f"input[name={name}]").is_visible()
    assert visitor.locator("textarea[name=text]").is_visible()
    # The robots' trap is neither seen nor reached with the keyboard.
    trap = visitor.locator("input[name=website]").bounding_box()
    width = visitor.viewport_size["width"]
    assert trap is None or trap["x"] + trap["width"] <= 0 or trap["x"] >= width, trap
    assert visitor.get_attribute("input[name=website]", "tabindex") == "-1"
    if language == "ar":
        assert visitor.get_attribute("input[name=email]", "dir") == "ltr"
    screenshot(visitor, f"complaints-contact-{language}")
