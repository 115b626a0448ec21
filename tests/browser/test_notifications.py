"""Real Chromium, in French and in Arabic (right to left): a company's user filters its
notifications by group, marks one as read (the header's count goes down), and chooses on
the account page which groups also come by e-mail. Screenshots with BROWSER_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, screenshot

EMAIL = "pme@example.org"


def _notify(live_server, number: str) -> None:
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import User
    from portal.services.notifications import notify

    with live_server.app.app_context():
        user = db.session.execute(select(User).where(User.email == EMAIL)).scalar_one()
        notify([user], "certificate_expiring", {"number": number, "date": "1"}, link="/home")
        notify([user], "membership_approved", {"ecosystem": f"Eco-{number}"}, link="/home")
        db.session.commit()


def _reset_mail_groups(live_server) -> None:
    from sqlalchemy import update

    from portal.extensions import db
    from portal.models import User

    with live_server.app.app_context():
        db.session.execute(update(User).where(User.email == EMAIL).values(muted_mail_groups=[]))
        db.session.commit()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_filter_mark_one_read_and_choose_the_mails(page_as, live_server, language):
    number = f"C-BROWSER-{language}"
    _notify(live_server, number)
    page = page_as(EMAIL, language, DESKTOP)
    try:
        page.goto(live_server.url + "/notifications/")
        assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        unread_before = int(page.locator("header .badge").first.inner_text().split()[0])

        page.select_option("select#group", "certificates")
        with page.expect_navigation():
            page.locator("main form[method=get] button[type=submit]").click()
        items = page.locator("main li.list-group-item")
        assert items.filter(has_text=number).count() == 1
        assert items.filter(has_text=f"Eco-{number}").count() == 0
        screenshot(page, f"notifications-{language}")

        with page.expect_navigation():
            items.filter(has_text=number).locator("button[type=submit]").click()
        assert "group=certificates" in page.url
        mine = page.locator("main li.list-group-item").filter(has_text=number)
        assert "list-group-item-info" not in (mine.get_attribute("class") or "")
        assert int(page.locator("header .badge").first.inner_text().split()[0]) == (
            unread_before - 1
        )

        page.goto(live_server.url + "/account/")
        box = page.locator("input[name=mail_groups][value=certificates]")
        assert box.is_checked()
        box.uncheck()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator(".alert-success").count() == 1
        assert not page.locator("input[name=mail_groups][value=certificates]").is_checked()
        assert page.locator("input[name=mail_groups][value=memberships]").is_checked()
        screenshot(page, f"account-mail-groups-{language}")
    finally:
        _reset_mail_groups(live_server)
