"""A signed-in page records the session's activity (at most once a minute) in a transaction
of its own: on SQLite a page that only reads must neither fail nor block others because it
also wrote that moment ("database is locked" under load, issue 11)."""

from __future__ import annotations

import secrets
import threading
import time
from datetime import timedelta

from sqlalchemy import select, update

from portal.extensions import db
from portal.models import LoginSession, User
from portal.models.base import utcnow
from portal.services.accounts import LAST_SEEN_PRECISION
from tests.conftest import fresh_database_url, make_test_app
from tests.factories import make_user


def signed_in_client(app, seen_ago: timedelta):
    with app.app_context():
        user = make_user("sme_user")
        other = make_user("sme_user")
        token = secrets.token_urlsafe(32)
        db.session.add(
            LoginSession(
                token_hash=LoginSession.hash_token(token),
                user_id=user.id,
                last_seen_at=utcnow() - seen_ago,
            )
        )
        db.session.commit()
        ids = user.id, other.id
    client = app.test_client()
    with client.session_transaction() as session:
        session["sid"] = token
    return client, ids


def last_seen(app, user_id: int):
    with app.app_context():
        return db.session.execute(
            select(LoginSession.last_seen_at).where(LoginSession.user_id == user_id)
        ).scalar_one()


def test_a_page_read_while_another_transaction_writes_records_the_activity(tmp_path):
    app = make_test_app(fresh_database_url("activity", tmp_path), tmp_path)
    client, (user_id, other_id) = signed_in_client(app, seen_ago=2 * LAST_SEEN_PRECISION)
    before = last_seen(app, user_id)
    answers = []
    with app.app_context():
        with db.engine.connect() as writer:
            transaction = writer.begin()
            writer.execute(update(User).where(User.id == other_id).values(full_name="Un autre nom"))
            page = threading.Thread(target=lambda: answers.append(client.get("/home")))
            page.start()
            time.sleep(0.3)  # the page reads, then wants to record the activity meanwhile
            transaction.commit()
            page.join()
        db.engine.dispose()
    assert answers[0].status_code == 200
    assert last_seen(app, user_id) > before


def test_activity_is_recorded_at_most_once_a_minute(tmp_path):
    app = make_test_app(fresh_database_url("activity", tmp_path), tmp_path)
    client, (user_id, _) = signed_in_client(app, seen_ago=timedelta(seconds=10))
    before = last_seen(app, user_id)
    assert client.get("/home").status_code == 200
    assert last_seen(app, user_id) == before
    with app.app_context():
        db.engine.dispose()
