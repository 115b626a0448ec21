"""Real Chromium, in French and in Arabic (right to left): the demo company answers the
ecosystem's annual survey from its home, once; the federation reads the results as bar
charts with their data tables. Screenshots with BROWSER_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, screenshot

COMPANY = "pme@example.org"
FEDERATION = "amica@example.org"


def _reopen_the_demo_invitation(live_server) -> None:
    """The demo company's invitation to the annual survey, unanswered again."""
    from sqlalchemy import delete, select, update

    from portal.extensions import db
    from portal.models import SurveyAnswer, SurveyInvitation, SurveyOccasion, User

    with live_server.app.app_context():
        company = db.session.execute(select(User).where(User.email == COMPANY)).scalar_one()
        invitation = db.session.execute(
            select(SurveyInvitation).where(
                SurveyInvitation.occasion == SurveyOccasion.ANNUAL,
                SurveyInvitation.organisation_id == company.organisation_id,
            )
        ).scalar_one()
        db.session.execute(delete(SurveyAnswer).where(SurveyAnswer.invitation_id == invitation.id))
        db.session.execute(
            update(SurveyInvitation)
            .where(SurveyInvitation.id == invitation.id)
            .values(answered_on=None)
        )
        db.session.commit()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_answer_the_annual_survey_then_read_the_results(page_as, live_server, language):
    _reopen_the_demo_invitation(live_server)
    page = page_as(COMPANY, language, DESKTOP)
    page.goto(live_server.url + "/home")
    link = page.locator('main a[href^="/surveys/invitations/"]').first
    with page.expect_navigation():
        link.click()
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    answer_page = page.url
    fieldsets = page.locator("main form fieldset")
    fieldsets.nth(0).locator("input[type=radio]").nth(3).check()  # 4: satisfied
    fieldsets.nth(1).locator("input[type=radio]").nth(0).check()
    page.locator("main textarea").fill("Plus de sessions à Tanger")
    screenshot(page, f"survey-answer-{language}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    # Answered once: the page now shows the answers, and no form.
    page.goto(answer_page)
    assert page.locator("#already-answered").count() == 1
    assert page.locator("main form").count() == 0

    page = page_as(FEDERATION, language, DESKTOP)
    page.goto(live_server.url + "/surveys/")
    with page.expect_navigation():
        page.locator('main a[href$="/results"]').first.click()
    assert page.locator("main svg").count() >= 2
    tables = page.locator("main table")
    assert tables.count() >= 2
    assert int(page.locator("#respondents").inner_text().split()[-1]) >= 1
    if language == "ar":
        # The bars grow from the right: the value bar ends at the right edge.
        bar = page.locator("main .bar-value").first.bounding_box()
        track = page.locator("main .bar-track").first.bounding_box()
        assert abs((bar["x"] + bar["width"]) - (track["x"] + track["width"])) < 2
    screenshot(page, f"survey-results-{language}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_open_data_page_reads_in_both_languages(page_as, live_server, language):
    page = page_as(None, language, DESKTOP)
    page.goto(live_server.url + "/open-data/")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("#open-data tbody tr").count() >= 1
    screenshot(page, f"open-data-{language}")
