"""Fixtures: the app on SQLite (or PostgreSQL with TEST_DATABASE_URL), a database session
rolled back after each test, a client, factories and a helper to sign in as any role."""

from __future__ import annotations

import contextvars
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db as _db
from portal.extensions import limiter

# The access rows' world and fixtures (``access``), shared by every domain's test_access.py.
pytest_plugins = ["tests.access"]

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
ROOT = Path(__file__).resolve().parent.parent


# --- databases ------------------------------------------------------------------------


def fresh_database_url(suffix: str, tmp_dir: Path) -> str:
    """An empty database for this worker: a SQLite file, or a PostgreSQL database created
    next to TEST_DATABASE_URL's (dropped first if a previous run left it)."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_dir / f'{suffix}.sqlite3'}"
    url = make_url(base)
    name = f"{url.database}_{suffix}_{WORKER}".replace("-", "_")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def using_postgresql() -> bool:
    """Whether this run is the PostgreSQL one."""
    return bool(os.environ.get("TEST_DATABASE_URL"))


def make_test_app(database_url: str, tmp_dir: Path, **overrides) -> Flask:
    """A test-mode app on the given database, its schema built by the migrations."""
    from flask_migrate import upgrade

    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_DIR": str(tmp_dir / "uploads"),
        **overrides,
    }
    app = create_app("test", config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    tmp_dir = tmp_path_factory.mktemp("app")
    app = make_test_app(fresh_database_url("suite", tmp_dir), tmp_dir)
    yield app
    with app.app_context():
        _db.engine.dispose()


class ConnectionBoundSession(FlaskSession):
    """A session that always uses the test's connection, so everything it does, commits
    included (they release savepoints), is undone when the test's transaction rolls back."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture
def db(app: Flask) -> Iterator:
    """The database, each test inside a transaction that is rolled back at its end."""
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        session = _db._make_scoped_session(
            {
                "class_": ConnectionBoundSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
        original = _db.session
        _db.session = session
        limiter.reset()
        app.extensions["mail_outbox"] = []
        try:
            yield _db
        finally:
            session.remove()
            transaction.rollback()
            connection.close()
            _db.session = original


def bind_session(connection):
    """Point ``db.session`` at ``connection``: the app's commits release SAVEPOINTs only."""
    session = _db._make_scoped_session(
        {
            "class_": ConnectionBoundSession,
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
        }
    )
    _db.session = session
    return session


@contextmanager
def module_database(app: Flask) -> Iterator:
    """A connection inside a transaction rolled back at the end of the block, ``db.session``
    on it: data built once for a test module (see ``savepoint_database``)."""
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        bind_session(connection)
        try:
            yield connection
        finally:
            _db.session.remove()
            _db.session = original
            transaction.rollback()
            connection.close()


@contextmanager
def savepoint_database(app: Flask, connection) -> Iterator:
    """``db.session`` on a module's connection, inside a SAVEPOINT rolled back at the end of
    the block (a test), with the rate limits and the mail outbox emptied."""
    with app.app_context():
        savepoint = connection.begin_nested()
        bind_session(connection)
        limiter.reset()
        app.extensions["mail_outbox"] = []
        try:
            yield _db
        finally:
            _db.session.remove()
            if savepoint.is_active:
                savepoint.rollback()


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a real server would: the test's own app
    context (and its ``g``, its session) is not reused by the request, and a streamed body
    is read in the request's context, as the server reads it."""

    def open(self, *args, **kwargs):
        # buffered: a streamed body (exports) is read inside the request's context too.
        kwargs.setdefault("buffered", True)
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app: Flask, db) -> FlaskClient:
    return app.test_client()


# --- signing in ---------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/") -> str:
    """The CSRF token of the client's session, read from a page's form."""
    response = client.get(path)
    match = CSRF_INPUT.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: dict | None = None, **kwargs):
    """POST a form with the session's CSRF token, as a browser would."""
    payload = {"csrf_token": csrf_token(client), **(data or {})}
    return client.post(path, data=payload, **kwargs)


def sign_in(client: FlaskClient, user) -> None:
    """Give the client a server-side session for the user (the login form is tested apart)."""
    import secrets

    from portal.models import LoginSession

    token = secrets.token_urlsafe(32)
    _db.session.add(LoginSession(token_hash=LoginSession.hash_token(token), user_id=user.id))
    _db.session.flush()
    with client.session_transaction() as session:
        session.clear()
        session["sid"] = token


class Auth:
    """Sign the test client in as a fresh user of any role."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login_as(self, role: str, **kwargs):
        from tests.factories import make_user

        user = make_user(role, **kwargs)
        sign_in(self.client, user)
        return user


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


# --- a fixed clock ------------------------------------------------------------------------


class FixedClock:
    """``portal.clock.today`` fixed at a day; ``fixed_clock(day)`` moves it to another."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, day: date) -> None:
        self.monkeypatch = monkeypatch
        self(day)

    def __call__(self, day: date) -> None:
        self.today = day
        self.monkeypatch.setattr("portal.clock.today", lambda: day)


@pytest.fixture
def fixed_clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    """Today is the test module's ``TODAY`` (``fixed_clock.today``); ``fixed_clock(day)``
    moves the clock."""
    day = getattr(request.module, "TODAY", None)
    if not isinstance(day, date):
        pytest.fail(f"{request.module.__name__} uses fixed_clock without a TODAY date")
    return FixedClock(monkeypatch, day)


# --- e-mail -----------------------------------------------------------------------------------


def sent_mail(app: Flask) -> list:
    """The e-mails delivered so far in this test: runs the outbox's sender (what ``flask
    outbox send`` does every minute) with the app pointed at a real SMTP server on loopback
    (tests/smtp.py), and gives every message that server received (kept, per test, in
    ``app.extensions["mail_outbox"]``)."""
    from flask import current_app, has_app_context

    from portal.services.mail import deliver_due
    from tests.smtp import shared_server

    server = shared_server()
    settings = server.settings()
    saved = {key: app.config.get(key) for key in settings}
    app.config.update(settings)
    try:
        if has_app_context() and current_app._get_current_object() is app:
            deliver_due()
        else:
            with app.app_context():
                deliver_due()
    finally:
        app.config.update(saved)
    received = app.extensions.setdefault("mail_outbox", [])
    received.extend(server.inbox.take())
    return received


# --- counting queries ---------------------------------------------------------------------


class QueryCounter:
    """Counts the SQL statements sent while active."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(engine=None) -> Iterator[QueryCounter]:
    """Count the statements run on the app's engine inside the block (savepoints excluded)."""
    engine = engine or _db.engine
    counter = QueryCounter()

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)


# --- every text shown is in the catalogs ----------------------------------------------------

# Messages looked up in the portal's catalog during the current test and not found there: a
# text shown in English to French and Arabic readers (a constant translated at run time, a
# message extraction never saw, a catalog not updated).
MISSING_MESSAGES: set[str] = set()


def _install_missing_message_guard() -> None:
    from babel.support import Translations
    from flask_babel import get_locale

    plain, plural = Translations.ugettext, Translations.ungettext

    def checked(translations, key, message) -> None:
        # English is the language of the message ids: only French and Arabic need an entry.
        if translations.domain != "messages" or not message or key in translations._catalog:
            return
        locale = get_locale()
        if locale is not None and locale.language in ("fr", "ar"):
            MISSING_MESSAGES.add(message)

    def gettext(self, message):
        checked(self, message, message)
        return plain(self, message)

    def ngettext(self, singular, plural_message, n):
        checked(self, (singular, 0), singular)
        return plural(self, singular, plural_message, n)

    Translations.ugettext = gettext
    Translations.ungettext = ngettext


def _compile_stale_catalogs() -> None:
    """Build the .mo files whose .po changed since (``make test`` does it too)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        partial = mo.with_suffix(f".{WORKER}.tmp")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(mo)


def pytest_configure(config: pytest.Config) -> None:
    _compile_stale_catalogs()
    _install_missing_message_guard()


@pytest.fixture(autouse=True)
def every_text_shown_is_translated() -> Iterator[None]:
    """Fail the test whose pages or messages looked up a text missing from the catalogs."""
    MISSING_MESSAGES.clear()
    yield
    missing = sorted(MISSING_MESSAGES)
    MISSING_MESSAGES.clear()
    if missing:
        pytest.fail(f"shown but missing from the catalogs: {missing}", pytrace=False)


# --- CI: a skipped test is a failed run ----------------------------------------------------


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With FAIL_ON_SKIP set (CI), any skipped test fails the run."""
    if not os.environ.get("FAIL_ON_SKIP"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"FAIL_ON_SKIP: {len(skipped)} test(s) skipped", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
