"""AMICA invites the first user of a demo company that has no account (as after an import);
the invitee opens the e-mailed link, chooses a password, lands signed in and completes the
company's profile: in French, then in Arabic (screenshots)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, serious_violations
from tests.conftest import sent_mail

PASSWORD = "la première invitée du portail 2026"
# Demo companies of the automotive ecosystem without any account, one per language.
COMPANIES = {"fr": "003926638000028", "ar": "003627373000083"}


def _invitation_link(live_server, email: str) -> str:
    messages = [m for m in sent_mail(live_server.app) if m["To"] == email]
    assert len(messages) == 1
    return re.search(
        r"http://\S+?(/auth/invitation/\S+)", messages[0].get_body(("plain",)).get_content()
    ).group(1)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_federation_invites_the_first_user_who_completes_the_profile(
    newcomer_page, page_as, live_server, language
):
    ice = COMPANIES[language]
    email = f"direction-{language}@{ice}.example.ma"
    staff = page_as("amica@example.org", language, {"width": 1280, "height": 900})
    staff.goto(f"{live_server.url}/ecosystems/automobile/members?q={ice}")
    assert staff.get_attribute("html", "lang") == language
    row = staff.locator("tbody tr", has_text=ice)
    with staff.expect_navigation():
        row.locator("a[href$='/invite']").click()
    assert re.search(r"/organisations/\d+/invite$", staff.url)
    assert serious_violations(staff) == []
    staff.fill("input[name=email]", email)
    with staff.expect_navigation():
        staff.click("main form button[type=submit]")
    organisation_url = staff.url
    assert re.search(r"/organisations/\d+$", organisation_url)
    pending = staff.locator("#invitation-pending")
    assert email in pending.inner_text()
    assert staff.locator("#first-user form button[type=submit]").is_visible()  # again
    assert serious_violations(staff) == []
    screenshot(staff, f"first-user-invited-{language}")

    link = _invitation_link(live_server, email)
    page = newcomer_page(language)
    page.goto(live_server.url + link)
    assert page.get_attribute("html", "lang") == language
    page.fill("input[name=full_name]", "Latifa Benjelloun")
    page.check(f"input[name=preferred_locale][value={language}]")
    page.fill("input[name=new_password]", PASSWORD)
    page.fill("input[name=confirm_password]", PASSWORD)
    screenshot(page, f"first-user-accept-{language}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # Signed in at once, on the company's profile to complete it.
    assert page.url == organisation_url + "/edit"
    page.click("#nav-account")  # signing out is in the account menu
    assert page.locator("header form[action$='/auth/logout'] button").is_visible()
    page.keyboard.press("Escape")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    page.select_option("select[name=legal_form]", "sarl")
    page.select_option("select[name=headcount_band]", "pme")
    page.fill("input[name=phone]", "+212 522-000111")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == organisation_url
    profile = page.locator("main dl").inner_text()
    assert "+212 522-000111" in profile and "SARL" in profile
    assert page.locator("#first-user").count() == 0  # it has an account now
    screenshot(page, f"first-user-profile-{language}")
