"""Real Chromium, in French and in Arabic (right to left): a service request's whole life. The
demo company's user files a request to the demo laboratory (labo@example.org) with the
existing form; the laboratory sends a quote with a PDF; the company accepts it; they exchange
messages (the company's with an attachment); the laboratory delivers a report PDF; the company
closes the request with a rating; the laboratory's figures then count it. Screenshots with
BROWSER_SCREENSHOTS=1."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, screenshot

COMPANY = "pme@example.org"
LAB = "labo@example.org"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SUBJECTS = {
    "fr": "Étalonnage de 40 clés dynamométriques",
    "ar": "معايرة 40 مفتاح عزم",
}


def _lab_id(live_server) -> int:
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import User

    with live_server.app.app_context():
        return db.session.execute(
            select(User.organisation_id).where(User.email == LAB)
        ).scalar_one()


def _organisation_id(live_server, email: str) -> int:
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import User

    with live_server.app.app_context():
        return db.session.execute(
            select(User.organisation_id).where(User.email == email)
        ).scalar_one()


def _submit(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def _check_direction(page, language: str) -> None:
    assert page.get_attribute("html", "lang") == language
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")


def _figures(page, live_server, lab_id: int) -> tuple[str, str]:
    page.goto(live_server.url + "/requests/figures")
    row = page.locator(f"#body-figures tr[data-body='{lab_id}']")
    return row.locator(".received").inner_text(), row.locator(".ratings").inner_text()


def _digits(text: str) -> int:
    """A number as the page writes it (Arabic-Indic digits and group separators included)."""
    return int("".join(str(int(c)) for c in text if c.isdigit()) or 0)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_request_quote_accept_messages_deliver_close_and_figures(
    page_as, live_server, language, tmp_path
):
    lab_id = _lab_id(live_server)
    quote_pdf = tmp_path / "devis.pdf"
    report_pdf = tmp_path / "rapport.pdf"
    plan_pdf = tmp_path / "plan-de-controle.pdf"
    for path in (quote_pdf, report_pdf, plan_pdf):
        path.write_bytes(PDF)

    lab = page_as(LAB, language, DESKTOP)
    received, ratings = (_digits(value) for value in _figures(lab, live_server, lab_id))

    # The company chooses the service (mechanical testing, in its region, Tangier): only the
    # bodies whose catalogue covers it are offered, the accredited laboratory first.
    company = page_as(COMPANY, language, DESKTOP)
    company.goto(live_server.url + "/requests/new")
    _check_direction(company, language)
    label = "الاختبارات الميكانيكية" if language == "ar" else "Essais mécaniques"
    field = company.evaluate(
        """(text) => [...document.querySelectorAll("select[name=field_id] option")]
            .find(o => o.textContent.includes(text)).value""",
        label,
    )
    company.select_option("select[name=field_id]", field)
    _submit(company, "main form[method=get]")
    offered = company.locator("input[name=body_id]").evaluate_all("(els) => els.map(e => e.value)")
    assert offered[0] == str(lab_id)
    assert str(_organisation_id(live_server, "certification@example.org")) not in offered
    company.check(f"input[name=body_id][value='{lab_id}']")
    company.fill("input[name=subject]", SUBJECTS[language])
    company.fill("textarea[name=description]", "40 clés, plage 5 à 200 N·m.")
    _submit(company, "main form[method=post]")
    found = re.search(r"/requests/(\d+)$", company.url)
    assert found, company.url
    request_url = company.url

    # The laboratory sends a quote with a PDF.
    lab = page_as(LAB, language, DESKTOP)
    lab.goto(request_url)
    _check_direction(lab, language)
    form = "form[action$='/quote']"
    lab.fill(f"{form} input[name=amount]", "12500")
    lab.fill(f"{form} input[name=lead_time_days]", "10")
    lab.fill(f"{form} input[name=valid_until]", "2099-12-31")
    lab.fill(f"{form} textarea[name=comment]", "Étalonnage selon ISO 6789, certificat joint.")
    lab.set_input_files(f"{form} input[name=attachments]", str(quote_pdf))
    _submit(lab, form)
    assert lab.locator(".flash-messages .alert-success").count() == 1
    assert lab.locator("#quote-1").count() == 1

    # The company reads the quote (its PDF is linked) and accepts it.
    company = page_as(COMPANY, language, DESKTOP)
    company.goto(request_url)
    assert company.locator("#quote-1 a", has_text="devis.pdf").count() == 1
    _submit(company, "form[action$='/quote/accept']")
    assert company.locator(".flash-messages .alert-success").count() == 1
    assert company.locator("form[action$='/quote/accept']").count() == 0

    # They write to each other, the company with an attachment.
    form = "form[action$='/messages']"
    company.fill(f"{form} textarea[name=text]", "Les clés seront déposées lundi.")
    company.set_input_files(f"{form} input[name=attachments]", str(plan_pdf))
    _submit(company, form)
    lab = page_as(LAB, language, DESKTOP)
    lab.goto(request_url)
    assert "Les clés seront déposées lundi." in lab.locator("#messages").inner_text()
    assert lab.locator("#messages a", has_text="plan-de-controle.pdf").count() == 1
    lab.fill(f"{form} textarea[name=text]", "Bien reçu, merci.")
    _submit(lab, form)
    messages = lab.locator("#messages > li")
    assert messages.count() == 2
    assert "Bien reçu, merci." in messages.last.inner_text()  # the newest at the bottom

    # The laboratory delivers its report.
    form = "form[action$='/deliver']"
    lab.set_input_files(f"{form} input[name=attachments]", str(report_pdf))
    lab.fill(f"{form} textarea[name=comment]", "Certificats d'étalonnage joints.")
    _submit(lab, form)
    assert lab.locator("#delivered-files a", has_text="rapport.pdf").count() == 1

    # The company closes the request with a rating.
    company = page_as(COMPANY, language, DESKTOP)
    company.goto(request_url)
    _check_direction(company, language)
    assert company.locator("#delivered-files a", has_text="rapport.pdf").count() == 1
    company.check("form[action$='/close'] input[name=rating][value='5']")
    company.fill("form[action$='/close'] textarea[name=comment]", "Délais tenus.")
    _submit(company, "form[action$='/close']")
    assert company.locator(".flash-messages .alert-success").count() == 1
    assert company.locator("#rating").count() == 1
    history = company.locator("#history tbody tr")
    assert history.count() == 5  # sent, quoted, quote accepted, delivered, closed
    if language == "ar":
        heading = company.locator("h1").bounding_box()
        assert heading["x"] + heading["width"] > DESKTOP["width"] / 2
    screenshot(company, f"service-request-closed-{language}")

    # The laboratory's figures count it.
    lab = page_as(LAB, language, DESKTOP)
    after_received, after_ratings = (_digits(v) for v in _figures(lab, live_server, lab_id))
    assert (after_received, after_ratings) == (received + 1, ratings + 1)
    screenshot(lab, f"service-figures-{language}")
