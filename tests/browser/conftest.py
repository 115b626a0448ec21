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


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
