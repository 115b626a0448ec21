"""The pool tries a connection before handing it out only when it has been idle a while: a
dead one (the server restarted, or closed it) is replaced, and one in steady use costs no
round trip more per request (issue 11: the pool's own pre-ping sent one with every request)."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, text

from portal.extensions import db
from tests.conftest import fresh_database_url, make_test_app


def _close_underneath(engine) -> None:
    """Check a connection out and back in, then close its DBAPI connection behind the pool's
    back, as a server closing it would."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        dbapi_connection = connection.connection.dbapi_connection
    dbapi_connection.close()


def _count_pings(engine, monkeypatch) -> list[object]:
    pings: list[object] = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection):
        pings.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return pings


@pytest.fixture
def make_app(tmp_path):
    apps = []

    def make(idle_seconds: int):
        app = make_test_app(
            fresh_database_url(f"pool{idle_seconds}", tmp_path),
            tmp_path,
            DATABASE_PING_AFTER_IDLE_SECONDS=idle_seconds,
        )
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_a_connection_idle_long_enough_is_tried_and_a_dead_one_replaced(make_app, monkeypatch):
    app = make_app(0)
    with app.app_context():
        pings = _count_pings(db.engine, monkeypatch)
        _close_underneath(db.engine)
        before = len(pings)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT 41 + 1")).scalar() == 42
        assert len(pings) == before + 1  # the closed one was tried, a new one is not
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert len(pings) == before + 2  # idle for 0 s or more: tried


def test_a_connection_used_a_moment_ago_is_handed_out_without_a_round_trip(make_app, monkeypatch):
    app = make_app(3600)
    with app.app_context():
        pings = _count_pings(db.engine, monkeypatch)
        for _ in range(3):
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 2"))
        assert pings == []
        # Not tried, so a connection closed underneath is found dead by the request itself.
        _close_underneath(db.engine)
        with pytest.raises(exc.DBAPIError), db.engine.connect() as connection:
            connection.execute(text("SELECT 3"))
