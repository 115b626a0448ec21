"""A live portal with the demo data, and headless Chromium (Debian's, never downloaded)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fresh_database_url, make_test_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
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
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


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


def use_language(page, language: str) -> None:
    """Switch the page to a language with the header's switcher, if it is not already in it."""
    if page.get_attribute("html", "lang") != language:
        with page.expect_navigation():
            page.click(f"button[name=language][value={language}]")
    assert page.get_attribute("html", "lang") == language


DESKTOP = {"width": 1366, "height": 900}


class DemoAccounts:
    """The demo accounts signed in once per session: their browser state (the session cookie)
    is kept, so a test opens a page as an account without the login form (which
    test_pages, test_onboarding and the workflow tests go through), and the account's language
    is set in the database rather than by clicking the switcher (test_pages clicks it)."""

    def __init__(self, browser, live_server: LiveServer) -> None:
        self.browser = browser
        self.live_server = live_server
        self.states: dict[str, dict] = {}
        self.contexts: dict[tuple, object] = {}

    def state(self, email: str) -> dict:
        if email not in self.states:
            context = self.browser.new_context()
            sign_in(context.new_page(), self.live_server, email)
            self.states[email] = context.storage_state()
            context.close()
        return self.states[email]

    def set_language(self, email: str, language: str) -> None:
        from sqlalchemy import update

        from portal.extensions import db
        from portal.models import User

        with self.live_server.app.app_context():
            db.session.execute(
                update(User).where(User.email == email).values(preferred_locale=language)
            )
            db.session.commit()

    def context(self, email: str | None, viewport: dict[str, int]):
        """One browser context per account and window size for the whole session."""
        key = (email, viewport["width"], viewport["height"])
        if key not in self.contexts:
            self.contexts[key] = self.browser.new_context(
                viewport=viewport, storage_state=self.state(email) if email else None
            )
        return self.contexts[key]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def demo_accounts(browser, live_server) -> Iterator[DemoAccounts]:
    accounts = DemoAccounts(browser, live_server)
    yield accounts
    accounts.close()


@pytest.fixture
def page_as(demo_accounts):
    """``page_as(email or None, language, viewport)``: a new page, signed in as the demo
    account (anonymous for None), in the language, at the window size."""
    pages = []

    def open_page(email: str | None, language: str, viewport: dict[str, int] = DESKTOP):
        if email:
            demo_accounts.set_language(email, language)
        page = demo_accounts.context(email, viewport).new_page()
        page.set_extra_http_headers({"Accept-Language": language})
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
