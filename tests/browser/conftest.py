"""A live portal with the demo data, and headless Chromium (Debian's, never downloaded).

What is costly here is Chromium, not the portal: a new page costs about three times a
navigation, signing in through the form three navigations, a full-page screenshot and axe-core
about as much as a navigation. So each worker signs the demo accounts in once (through the
login form's HTTP requests, without rendering it), keeps a few pages that the accounts take
in turn (with their cookies) and one for visitors, which every test navigates at its window
size (``page_as``), injects axe-core once per context, lets the browser cache the static
files, and takes screenshots only when asked (BROWSER_SCREENSHOTS=1). The tests that are
about the login form or the language switcher still go through them (test_pages)."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fresh_database_url, make_test_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "") not in ("", "0")
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Debian's wrapper turns GPU rasterization on (/etc/chromium.d); without a GPU that is
    # SwiftShader emulating one on the CPU, about a fifth more work per page than Skia's own
    # software rasterizer. Layout checks read computed styles and boxes, not pixels.
    "--disable-gpu-rasterization",
    "--disable-gpu-compositing",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


class LiveServer:
    """The portal served by werkzeug in a thread, on a free port of 127.0.0.1."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    from portal.demo.seed import seed
    from portal.extensions import db

    tmp_dir = tmp_path_factory.mktemp("live")
    app = make_test_app(
        fresh_database_url("browser", tmp_dir),
        tmp_dir,
        # The browser tests sign in many times from one address.
        LOGIN_FAILURES_PER_ADDRESS=1000,
        # The browser keeps the static files instead of asking again on every page.
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    with app.app_context():
        seed()
        db.session.commit()
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(demo_accounts):
    """A page of a browser that holds no cookie (no one signed in, no language chosen) and
    asks for French, at 1280 × 900."""
    return demo_accounts.stranger("fr-FR", WINDOW)


@pytest.fixture
def newcomer_page(demo_accounts):
    """``newcomer_page(language)``: the page of a browser that holds no cookie and asks for
    the language (someone signing up or accepting an invitation), at 1280 × 900."""
    return lambda language: demo_accounts.stranger(language, WINDOW)


def demo_password(live_server: LiveServer, email: str) -> str:
    from portal.demo.seed import demo_password as derive

    with live_server.app.app_context():
        return derive(email)


def sign_in(page, live_server: LiveServer, email: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{live_server.url}/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", demo_password(live_server, email))
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def fill_sign_up(page, live_server: LiveServer, language: str, kind: str, **values: str) -> None:
    """Open the sign-up form and fill it: the kind of organisation, the language chosen, and
    the other fields by name (``ice`` only for a company); the passwords are ``password``."""
    page.goto(live_server.url + "/auth/signup")
    assert page.get_attribute("html", "lang") == language
    page.check(f"input[name=kind][value={kind}]")
    page.select_option("select[name=region]", values.pop("region"))
    password = values.pop("password")
    for name in ("new_password", "confirm_password"):
        page.fill(f"input[name={name}]", password)
    for name, value in values.items():
        page.fill(f"input[name={name}]", value)
    page.check(f"input[name=preferred_locale][value={language}]")


def use_language(page, language: str) -> None:
    """Switch the page to a language with the header's switcher, if it is not already in it."""
    if page.get_attribute("html", "lang") != language:
        with page.expect_navigation():
            page.click(f"button[name=language][value={language}]")
    assert page.get_attribute("html", "lang") == language


DESKTOP = {"width": 1366, "height": 900}
WINDOW = {"width": 1280, "height": 900}


class DemoAccounts:
    """The browser contexts of the session (per worker), one page in each, which the tests
    navigate: a new page costs about three navigations, a new context as much again.

    Accounts take turns in a few contexts: the first account a test opens gets the first
    context, the second the second (a test may go back and forth between two people), and the
    context is given the account's cookies (kept when another account takes its place). Each
    account signs in once, by posting the login form's fields with a context's own HTTP client
    (its cookie is the pages' one). Visitors have a context of their own, its cookies cleared
    each time a test asks for it (``stranger``). The window size is set on the page for each
    test; the account's language is set in the database rather than by clicking the switcher
    (test_pages clicks it, and signs in through the form as a person would). axe-core is
    loaded in every page (it only defines window.axe) and so compiled once per process
    instead of sent and compiled again on every check."""

    def __init__(self, browser, live_server: LiveServer) -> None:
        self.browser = browser
        self.live_server = live_server
        self.contexts: list = []  # the accounts' contexts, in the order a test takes them
        self.holder: dict[int, str | None] = {}  # whose cookies each context holds
        self.cookies: dict[str, list] = {}  # the cookies of the accounts not in a context
        self.visitors = None
        self.in_test: dict[str, int] = {}  # the context of each account the test opened

    def begin_test(self) -> None:
        self.in_test = {}

    def sign_in(self, context, email: str) -> None:
        url = f"{self.live_server.url}/auth/login"
        token = CSRF_INPUT.search(context.request.get(url).text()).group(1)
        form = {"csrf_token": token, "email": email}
        form["password"] = demo_password(self.live_server, email)
        # The redirect to the home is followed: it shows (and so clears) the welcome message.
        response = context.request.post(url, form=form)
        assert response.ok and response.url.endswith("/home"), f"{email} could not sign in"

    def set_language(self, email: str, language: str) -> None:
        from sqlalchemy import update

        from portal.extensions import db
        from portal.models import User

        with self.live_server.app.app_context():
            db.session.execute(
                update(User).where(User.email == email).values(preferred_locale=language)
            )
            db.session.commit()

    def _new_context(self, viewport: dict[str, int]):
        context = self.browser.new_context(viewport=viewport)
        context.add_init_script(axe_script())
        context.new_page()
        return context

    @staticmethod
    def _sized(context, viewport: dict[str, int]):
        page = context.pages[0]
        if page.viewport_size != viewport:
            page.set_viewport_size(viewport)
        return page

    def _context_of(self, email: str, viewport: dict[str, int]):
        """The context the account has in this test, holding the account's cookies."""
        if email not in self.in_test:
            self.in_test[email] = len(self.in_test)
        index = self.in_test[email]
        while len(self.contexts) <= index:
            self.contexts.append(self._new_context(viewport))
        context = self.contexts[index]
        if self.holder.get(index) != email:
            for other, holder in list(self.holder.items()):
                if holder is not None and (other == index or holder == email):
                    self.cookies[holder] = self.contexts[other].cookies()
                    self.holder[other] = None
            context.clear_cookies()
            if email in self.cookies:
                context.add_cookies(self.cookies[email])
            else:
                self.sign_in(context, email)
            self.holder[index] = email
        return context

    def page(self, email: str | None, language: str, viewport: dict[str, int]):
        """The page of the account at the window size, the next pages in the language."""
        if email is None:
            return self.stranger(language, viewport)
        self.set_language(email, language)
        page = self._sized(self._context_of(email, viewport), viewport)
        page.set_extra_http_headers({"Accept-Language": language})
        return page

    def stranger(self, language: str, viewport: dict[str, int]):
        """The visitors' page, its cookies cleared, asking for the language."""
        if self.visitors is None:
            self.visitors = self._new_context(viewport)
        self.visitors.clear_cookies()
        page = self._sized(self.visitors, viewport)
        page.set_extra_http_headers({"Accept-Language": language})
        page.goto("about:blank")
        return page

    def close(self) -> None:
        for context in [*self.contexts, self.visitors]:
            if context is not None:
                context.close()


@pytest.fixture(scope="session")
def demo_accounts(browser, live_server) -> Iterator[DemoAccounts]:
    accounts = DemoAccounts(browser, live_server)
    yield accounts
    accounts.close()


@pytest.fixture
def page_as(demo_accounts):
    """``page_as(email or None, language, viewport)``: the page of the demo account (anonymous
    for None), signed in, in the language, at the window size. Each test navigates it first."""

    demo_accounts.begin_test()

    def open_page(email: str | None, language: str, viewport: dict[str, int] = DESKTOP):
        return demo_accounts.page(email, language, viewport)

    return open_page


def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page (all its rules, as shipped)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    results = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> Path | None:
    """With BROWSER_SCREENSHOTS=1, save a full-page screenshot under test-artifacts/screenshots
    (git-ignored) for a person to look at; no test reads them, and each costs about a page."""
    if not SCREENSHOTS:
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
