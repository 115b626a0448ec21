"""What every page pays for before its own work: only what it needs (issue 11).

Each test names one piece of per-request work that served no purpose on most pages and was
removed; the behaviour it served is tested where it belongs (limits: ``test_auth.py``,
``test_support_cases.py::test_rapid_lookups_are_throttled``; the session: ``test_auth.py``).
"""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import limiter


@pytest.fixture
def resolved_limits(monkeypatch):
    """The number of times the limiter worked out which limits apply to a request."""
    calls = []
    manager = limiter.limit_manager
    original = manager.resolve_limits

    def counting(*args, **kwargs):
        calls.append(kwargs.get("in_middleware", args[4] if len(args) > 4 else None))
        return original(*args, **kwargs)

    monkeypatch.setattr(manager, "resolve_limits", counting)
    return calls


def test_a_page_without_a_limit_works_out_none_before_it_runs(client, auth, resolved_limits):
    auth.login_as("federation_staff")
    assert client.get("/home").status_code == 200
    assert client.get("/").status_code == 200
    assert resolved_limits == []


def test_a_limited_route_is_still_checked_by_its_own_decorator(client, db, resolved_limits):
    limiter.reset()
    assert client.get("/certificates/verify?number=X-1").status_code == 404
    assert resolved_limits == [False]  # once, by the route's decorator, not before the request


def test_the_session_cookie_s_signer_is_built_once_per_key(app):
    interface = app.session_interface
    signer = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is signer
    saved = app.secret_key
    try:
        app.secret_key = "another key of the right length for the test"
        other = interface.get_signing_serializer(app)
        assert other is not signer
        # A cookie signed with the former key is not accepted under the new one.
        assert other.loads_unsafe(signer.dumps({"sid": "x"}))[0] is False
    finally:
        app.secret_key = saved
    assert interface.get_signing_serializer(app).loads(signer.dumps({"sid": "y"})) == {"sid": "y"}


def test_a_signed_in_page_runs_its_per_request_statements_without_the_orm_s_tokens_work(
    app, client, auth
):
    # The version tokens every kept part checks are read with one Core statement on the
    # session's connection: no ORM event (soft-delete criteria, view recording) runs for it.
    auth.login_as("federation_staff")
    client.get("/home")  # warm
    orm_statements = []

    def record(state):
        orm_statements.append(str(state.statement))

    event.listen(Session, "do_orm_execute", record)
    try:
        assert client.get("/home").status_code == 200
    finally:
        event.remove(Session, "do_orm_execute", record)
    assert orm_statements  # the listener heard the page's own statements
    assert not [text for text in orm_statements if "data_versions" in text]
