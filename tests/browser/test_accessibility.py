"""axe-core (bundled by axe-playwright-python) on the main pages, in French and in Arabic:
every rule axe-core runs by default, a serious or critical violation fails (with the page,
the language, the rule and the first elements named)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import WINDOW as AXE_WINDOW
from tests.browser.conftest import serious_violations

# The demo accounts' homes are checked by test_homes (each home loaded once for its queue,
# its navbar and axe-core): admin, ministere, amica, pme, institut, labo (and fcp).
PAGES = [
    (None, "/"),
    (None, "/auth/login"),
    (None, "/auth/reset"),
    (None, "/no-such-page"),
    ("admin@example.org", "/admin/audit"),
    ("pme@example.org", "/account/"),
    ("pme@example.org", "/account/password"),
    ("pme@example.org", "/notifications/"),
    # Pages of the layout review (issue #9): lists, overdue rows, the heat map, breadcrumbs.
    ("admin@example.org", "/ecosystems/automobile/members"),
    ("admin@example.org", "/requests/"),
    ("amica@example.org", "/training/demand"),
    ("amica@example.org", "/conventions/1"),
    # Complaints and suggestions (issue 12): a handler's list with its answer-time figures, a
    # complaint answered (its author's rating and reopening forms) and one to answer (the
    # assign and answer forms, an attachment), the form to file one, the public contact form.
    ("amica@example.org", "/complaints/"),
    ("pme@example.org", "/complaints/2"),
    ("labo@example.org", "/complaints/3"),
    ("pme@example.org", "/complaints/new"),
    (None, "/complaints/contact"),
    # Satisfaction surveys: the list, a survey's questions, its results (charts and tables).
    ("amica@example.org", "/surveys/"),
    ("admin@example.org", "/surveys/1"),
    ("amica@example.org", "/surveys/2/results"),
    # Open data: the table of a year and its schema.
    (None, "/open-data/"),
    # A beneficiary's quality objectives (charts, data tables, the forms of those who work on
    # the case), and the public verification of a certificate awaiting its body's
    # confirmation (issue 14).
    ("admin@example.org", "/support/1/quality-objectives"),
    (None, "/certificates/verify?number=NC-14001-2026-0611"),
    # The standards catalogue: the list, IATF 16949's outline with its guidance questions,
    # the demo's draft of ISO 14001's next version (issue 14, item 6).
    ("admin@example.org", "/admin/standards"),
    ("admin@example.org", "/admin/standards/2"),
    ("admin@example.org", "/admin/standards/3/draft"),
    ("admin@example.org", "/admin/standards/new"),
    # A service request's life (issue 15): the demo company's quoted request (its decision,
    # cancel and message forms), the laboratory's request in progress (delivery form, thread),
    # the company's delivered one (closing with a rating), and the bodies' figures.
    ("pme@example.org", "/requests/6"),
    ("labo@example.org", "/requests/7"),
    ("pme@example.org", "/requests/8"),
    ("ministere@example.org", "/requests/figures"),
    # Training (issue 16): the planner's session page with the seats kept for the companies,
    # the company's with its enrolment forms, an attendance sheet of a held two-day session
    # with its certificates, the calendar, and the mapping of clauses to topics.
    ("amica@example.org", "/training/sessions/3"),
    ("pme@example.org", "/training/sessions/3"),
    ("institut@example.org", "/training/sessions/2/attendance"),
    ("amica@example.org", "/training/calendar?ecosystem=1"),
    ("amica@example.org", "/training/topics/clauses"),
]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("email", "path"), PAGES, ids=[f"{e or 'anon'}{p}" for e, p in PAGES])
def test_no_serious_or_critical_violation(page_as, live_server, email, path, language):
    page = page_as(email, language, AXE_WINDOW)
    page.goto(live_server.url + path)
    assert page.get_attribute("html", "lang") == language
    assert serious_violations(page) == [], f"{path} as {email or 'a visitor'} in {language}"
