"""Issue 14's whole journey, in French then in Arabic: a public body signs up, AMICA accepts
it in the automotive ecosystem, it asks for ISO 9001 support; AMICA accepts the case, plans
it over twelve months and assigns Qualitas Conseil; the consultant holds the first steering
committee and runs the diagnostic; the body writes its quality policy; the consultant writes
and carries out the action plan; AMICA records the internal audit (a major nonconformity,
then closed), the body its management review; the case passes each gate to the
certification audit, is certified, and the certification body records the first
surveillance audit on the certificate (screenshots at each step)."""

from __future__ import annotations

import re
import secrets

import pytest

from portal import clock
from tests.browser.conftest import fill_sign_up, screenshot
from tests.conftest import sent_mail

WINDOW = {"width": 1280, "height": 900}
PASSWORD = "une agence urbaine au service des usagers 7"
STAFF = "amica@example.org"
CONSULTANT = "conseil@example.org"
BODY = "certification@example.org"


def _last_link(live_server, email: str, path: str) -> str:
    messages = [m for m in sent_mail(live_server.app) if m["To"] == email]
    body = messages[-1].get_body(("plain",)).get_content()
    return re.search(rf"http://\S+?({path}/\S+)", body).group(1)


def _submit(page, form: str) -> None:
    """Submit the form (a CSS selector) and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def _open(page, form: str) -> None:
    """Unfold the details that hold the form, as a person clicks its summary."""
    details = page.locator("details", has=page.locator(form)).first
    if details.count() and details.get_attribute("open") is None:
        details.locator("summary").first.click()


def _advance(page, live_server, case_id: int) -> None:
    """The federation moves the case to its next stage from the case page."""
    page.goto(f"{live_server.url}/support/{case_id}")
    assert page.locator("#gate-missing").count() == 0, page.locator("#gate-missing").inner_text()
    _submit(page, "form[action$='/advance']")
    assert page.locator(".alert-danger").count() == 0


def _option(page, select: str, text: str) -> str:
    """The value of the first option of the select whose label holds the text."""
    return page.evaluate(
        """([select, text]) => [...document.querySelectorAll(select + ' option')]
            .find(o => o.textContent.includes(text)).value""",
        [select, text],
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_public_body_journey_to_the_first_surveillance_audit(
    newcomer_page, page_as, live_server, language, tmp_path
):
    from portal.demo.files import demo_pdf

    tag = secrets.token_hex(3)
    today = clock.today().isoformat()
    email = f"qualite-{tag}@agence-{language}.example.org"
    name_fr = f"Agence urbaine d'Oujda {tag}"
    name_ar = f"الوكالة الحضرية لوجدة {tag}"
    name = name_fr if language == "fr" else name_ar
    rtl = "rtl" if language == "ar" else "ltr"

    # A public body signs up (no ICE), confirms its e-mail and asks to join.
    agency = newcomer_page(language)
    fill_sign_up(
        agency,
        live_server,
        language,
        "public_body",
        name_fr=name_fr,
        name_ar=name_ar,
        region="MA-02",
        city="Oujda",
        full_name="Nadia Berrada",
        email=email,
        password=PASSWORD,
    )
    _submit(agency, "main form")
    agency.goto(live_server.url + _last_link(live_server, email, "/auth/confirm"))
    agency.fill("input[name=email]", email)
    agency.fill("input[name=password]", PASSWORD)
    _submit(agency, "main form")
    assert agency.url.endswith("/home")
    agency.goto(live_server.url + "/ecosystems/automobile")
    _submit(agency, "form[action$='/ecosystems/automobile/join']")

    staff = page_as(STAFF, language, WINDOW)
    staff.goto(live_server.url + "/ecosystems/automobile/requests")
    request = staff.locator("article", has_text=name)
    with staff.expect_navigation():
        request.locator("input[name=decision][value=approve] ~ button").click()

    # It asks for ISO 9001 support.
    agency.goto(live_server.url + "/support/new")
    agency.select_option(
        "select[name=standard_id]", _option(agency, "select[name=standard_id]", "ISO 9001")
    )
    agency.fill("textarea[name=motivation]", "Des délais tenus et annoncés aux usagers")
    _submit(agency, "main form")
    case_id = int(re.search(r"/support/(\d+)", agency.url).group(1))
    assert agency.get_attribute("html", "dir") == rtl

    # AMICA accepts the case, plans it over twelve months and assigns the consulting firm.
    _advance(staff, live_server, case_id)
    staff.select_option(
        "select[name=consulting_firm_id]",
        _option(
            staff, "select[name=consulting_firm_id]", "Qualitas" if language == "fr" else "كواليتاس"
        ),
    )
    staff.check("input[name=expert_may_contribute]")
    _submit(staff, "form[action$='/details']")
    _open(staff, "form[action$='/plan']")
    staff.fill("form[action$='/plan'] input[name=planned_start]", today)
    staff.fill("form[action$='/plan'] input[name=planned_months]", "12")
    _submit(staff, "form[action$='/plan']")
    _advance(staff, live_server, case_id)  # to the diagnostic
    screenshot(staff, f"journey-case-firm-{language}")

    # The consultant holds the first steering committee and runs the diagnostic.
    consultant = page_as(CONSULTANT, language, WINDOW)
    consultant.goto(f"{live_server.url}/support/{case_id}")
    minutes = tmp_path / "comite-1.pdf"
    minutes.write_bytes(demo_pdf(["Comité de pilotage n° 1", name_fr]))
    meeting = "form[action$='/meetings']"
    _open(consultant, meeting)
    consultant.fill(f"{meeting} input[name=held_on]", today)
    consultant.fill(
        f"{meeting} textarea[name=attendees]", "Direction, responsable qualité, consultant"
    )
    consultant.fill(f"{meeting} textarea[name=decisions]", "Périmètre et calendrier validés")
    consultant.set_input_files(f"{meeting} input[name=minutes]", str(minutes))
    _submit(consultant, meeting)
    assert consultant.locator("a[href*='/minutes']").count() >= 1
    consultant.goto(f"{live_server.url}/support/{case_id}/diagnostics")
    _submit(consultant, "form[action$='/diagnostics/new']")
    for name_attr in sorted(
        set(
            consultant.eval_on_selector_all(
                "input[type=radio][name^='rating-']", "rs => rs.map(r => r.name)"
            )
        )
    ):
        consultant.check(f"input[name='{name_attr}'][value=partial]")
    with consultant.expect_navigation():
        consultant.click("button[name=complete], input[name=complete]")
    screenshot(consultant, f"journey-diagnostic-{language}")

    # The body writes its quality policy.
    agency.goto(f"{live_server.url}/support/{case_id}/quality-policy")
    agency.fill("textarea[name=text_fr]", "Nous nous engageons à tenir les délais annoncés.")
    agency.fill("textarea[name=text_ar]", "نلتزم باحترام الآجال المعلنة.")
    agency.fill("input[name=approved_by]", "Le directeur de l'agence")
    agency.fill("input[name=approved_on]", today)
    _submit(agency, "main form[method=post]")
    assert (
        agency.locator("main").inner_text().count("Nous nous engageons")
        + agency.locator("main").inner_text().count("نلتزم")
        >= 1
    )
    screenshot(agency, f"journey-policy-{language}")

    # The action plan, written and carried out by the consultant.
    _advance(staff, live_server, case_id)  # to the action plan
    consultant.goto(f"{live_server.url}/support/{case_id}/action-plan")
    consultant.fill("form[action$='/action-plan'] input[name=title]", "Cartographier les processus")
    consultant.fill("form[action$='/action-plan'] input[name=owner]", "Responsable qualité")
    _submit(consultant, "form[action$='/action-plan']")
    _advance(staff, live_server, case_id)  # to implementation
    consultant.goto(f"{live_server.url}/support/{case_id}/action-plan")
    # The row's fields belong to its form by their form attribute.
    consultant.locator("select[form^='update-'][name$='-status']").first.select_option("done")
    with consultant.expect_navigation():
        consultant.locator("form[id^='update-'] button[type=submit]").first.click()
    screenshot(consultant, f"journey-action-plan-{language}")
    _advance(staff, live_server, case_id)  # to the internal audit: every action done

    # The internal audit finds a major nonconformity: the gate refuses, until it is closed.
    staff.goto(f"{live_server.url}/support/{case_id}/audits/new")
    staff.select_option("select[name=kind]", "internal")
    staff.fill("input[name=held_on]", today)
    staff.select_option("select[name=result]", "conform_with_findings")
    staff.fill("textarea[name=summary]", "Audit interne de tous les processus")
    _submit(staff, "main form")
    nonconformity = "form[action$='/nonconformities']"
    staff.goto(f"{live_server.url}/support/{case_id}")
    _open(staff, nonconformity)
    staff.check(f"{nonconformity} input[name$=severity][value=major]")
    staff.fill(f"{nonconformity} textarea[name$=description]", "Délais non suivis")
    _submit(staff, nonconformity)
    staff.goto(f"{live_server.url}/support/{case_id}")
    assert staff.locator("#gate-missing").count() == 1
    screenshot(staff, f"journey-gate-{language}")
    close = "form[action$='/close'][action*='/nonconformities/']"
    _open(staff, close)
    staff.fill(f"{close} textarea[name$=corrective_action]", "Tableau de bord des délais")
    _submit(staff, close)

    # The body holds its management review.
    agency.goto(f"{live_server.url}/support/{case_id}/management-reviews")
    agency.fill("input[name=held_on]", today)
    for letter in "abcdef":
        agency.check(f"input[name=inputs][value={letter}]")
    agency.fill("textarea[name=decisions]", "Objectifs maintenus")
    _submit(agency, "main form[method=post]")
    assert agency.locator("main table tbody tr").count() == 1
    screenshot(agency, f"journey-review-{language}")

    # Certification audit, certificate, first surveillance audit.
    _advance(staff, live_server, case_id)  # to the certification audit
    staff.goto(f"{live_server.url}/support/{case_id}/audits/new")
    staff.select_option("select[name=kind]", "stage_2")
    staff.fill("input[name=held_on]", today)
    staff.select_option("select[name=result]", "conform")
    _submit(staff, "main form")
    staff.goto(f"{live_server.url}/support/{case_id}/certify")
    staff.fill("input[name=number]", f"NC-9001-{tag}-{language}")
    staff.fill("input[name=issued_on]", today)
    bodies = "select[name=issuing_body_id] option:not([value='']):not([value='0'])"
    staff.select_option(
        "select[name=issuing_body_id]", staff.locator(bodies).first.get_attribute("value")
    )
    staff.fill("textarea[name=scope_fr], input[name=scope_fr]", "Instruction des autorisations")
    staff.fill("textarea[name=scope_ar], input[name=scope_ar]", "دراسة الرخص")
    _submit(staff, "main form")
    staff.goto(f"{live_server.url}/support/{case_id}")
    certificate_link = staff.locator("#certificate a[href*='/certificates/']")
    certificate_id = int(
        re.search(r"/certificates/(\d+)", certificate_link.get_attribute("href")).group(1)
    )

    # AMICA's word awaits the body's confirmation: not valid yet, in public verification too.
    staff.goto(f"{live_server.url}/certificates/{certificate_id}")
    assert staff.locator("main").inner_text().count(name) >= 1
    body = page_as(BODY, language, WINDOW)
    body.goto(f"{live_server.url}/certificates/{certificate_id}")
    screenshot(body, f"journey-to-confirm-{language}")
    _submit(body, "form[action$='/confirm']")
    audit = "form[action$='/audits']"
    _open(body, audit)
    body.select_option(f"{audit} select[name=kind]", "surveillance")
    body.fill(f"{audit} input[name=held_on]", today)
    body.select_option(f"{audit} select[name=result]", "conform")
    body.fill(f"{audit} input[name=major_findings]", "0")
    body.fill(f"{audit} input[name=minor_findings]", "0")
    body.fill(f"{audit} textarea[name=findings]", "Aucun écart")
    _submit(body, audit)
    assert body.get_attribute("html", "dir") == rtl
    assert body.locator("main table").filter(has_text="Aucun écart").count() == 1
    screenshot(body, f"journey-surveillance-{language}")

    agency.goto(f"{live_server.url}/support/{case_id}")
    history = agency.locator("#history").inner_text()
    assert agency.locator("#certificate").count() == 1 and history
