"""Real Chromium: each demo role signs in and lands on its home page, Arabic is right-to-left,
the layout holds on a phone, and axe-core finds no serious or critical violation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, sign_in, use_language

# Each demo account and the heading of the home page its role lands on (in French).
DEMO_HOMES = {
    "admin@example.org": "Administration de la plateforme",
    "ministere@example.org": "Vue d'ensemble des écosystèmes",
    "amica@example.org": "Association Marocaine pour l'Industrie et la Construction Automobile",
    "fcp@example.org": "Fédération de la Chimie et de la Parachimie",
    "pme@example.org": "Câblerie Atlas",
    "institut@example.org": "Institut de Formation aux Métiers de l'Industrie Automobile",
    "labo@example.org": "Laboratoire Public d'Essais",
}


@pytest.mark.parametrize("email", sorted(DEMO_HOMES))
def test_each_demo_role_signs_in_and_lands_on_its_home(page, live_server, email):
    sign_in(page, live_server, email)
    assert page.url == f"{live_server.url}/home"
    use_language(page, "fr")
    assert DEMO_HOMES[email] in page.locator("main h1").inner_text()
    page.click("#nav-account")  # signing out is in the account menu
    assert page.locator("header form[action$='/auth/logout'] button").is_visible()


def test_switching_to_arabic_turns_the_page_right_to_left(page, live_server):
    sign_in(page, live_server, "amica@example.org")
    use_language(page, "fr")
    assert page.get_attribute("html", "dir") == "ltr"
    screenshot(page, "home-federation-fr")
    with page.expect_navigation():
        page.click("button[name=language][value=ar]")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The RTL build of Bootstrap is the one in use: the brand sits on the right.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > 1280 / 2
    screenshot(page, "home-federation-ar")
    with page.expect_navigation():
        page.click("button[name=language][value=fr]")
    assert page.get_attribute("html", "dir") == "ltr"


def test_public_page_in_both_languages_for_the_readme(page, live_server):
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "lang") == "fr"
    screenshot(page, "public-fr")
    with page.expect_navigation():
        page.click("button[name=language][value=ar]")
    assert page.get_attribute("html", "dir") == "rtl"
    screenshot(page, "public-ar")


def test_the_layout_holds_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    try:
        sign_in(phone, live_server, "pme@example.org")
        assert phone.locator(".navbar-toggler").is_visible()
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        phone.click(".navbar-toggler")
        phone.locator("#main-nav.show").wait_for(state="visible")
        phone.click("#nav-account")
        assert phone.locator("header form[action$='/auth/logout'] button").is_visible()
        screenshot(phone, "home-sme-phone")
    finally:
        context.close()


def test_the_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_no_csp_violation_or_console_error(page, live_server):
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    def on_error(error):
        errors.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_error)
    try:
        sign_in(page, live_server, "ministere@example.org")
        page.goto(live_server.url + "/account/")
        page.goto(live_server.url + "/")
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
    assert errors == []
