"""A new SME signs up, confirms its e-mail, asks to join the automotive ecosystem, AMICA
staff approve it, and it appears in the member list: in French, then in Arabic."""

from __future__ import annotations

import re
import secrets

import pytest

from tests.browser.conftest import fill_sign_up, screenshot
from tests.conftest import sent_mail
from tests.factories import valid_ice

PASSWORD = "une forge solide sous le soleil 9"


def _last_link(live_server, email: str, path: str) -> str:
    messages = [m for m in sent_mail(live_server.app) if m["To"] == email]
    body = messages[-1].get_body(("plain",)).get_content()
    return re.search(rf"http://\S+?({path}/\S+)", body).group(1)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_sign_up_join_approve_listed(newcomer_page, page_as, live_server, language):
    tag = secrets.token_hex(3)
    email = f"qualite-{tag}@forge-{language}.example.org"
    name_fr = f"Forge Atlas {tag}"
    name_ar = f"مسبك الأطلس {tag}"
    ice = valid_ice(int(tag, 16) + (10**9 if language == "ar" else 0))
    page = newcomer_page(language)
    fill_sign_up(
        page,
        live_server,
        language,
        "sme",
        name_fr=name_fr,
        name_ar=name_ar,
        ice=ice,
        region="MA-09",
        city="Agadir",
        full_name="Yasmine Ouhadi",
        email=email,
        password=PASSWORD,
    )
    screenshot(page, f"signup-{language}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("main h1").count() == 1
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")

    page.goto(live_server.url + _last_link(live_server, email, "/auth/confirm"))
    assert page.url.endswith("/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/home")

    page.goto(live_server.url + "/ecosystems/automobile")
    with page.expect_navigation():
        page.click("form[action$='/ecosystems/automobile/join'] button")
    assert page.locator(".badge.status-requested").count() == 1
    screenshot(page, f"join-requested-{language}")

    staff = page_as("amica@example.org", language, {"width": 1280, "height": 900})
    staff.goto(live_server.url + "/ecosystems/automobile/requests")
    assert staff.get_attribute("html", "lang") == language
    request = staff.locator("article", has_text=name_fr if language == "fr" else name_ar)
    assert request.count() == 1
    screenshot(staff, f"requests-{language}")
    with staff.expect_navigation():
        request.locator("input[name=decision][value=approve] ~ button").click()
    staff.goto(live_server.url + "/ecosystems/automobile/members?status=active&q=" + ice)
    row = staff.locator("tbody tr", has_text=ice)
    assert row.count() == 1
    assert row.locator(".badge.status-active").count() == 1
    screenshot(staff, f"members-{language}")
