"""The outbox (issue 12, item 4): e-mails are written in the transaction of the change that
causes them and delivered by ``flask outbox send`` to a real SMTP server on loopback
(aiosmtpd, started here); a mail server that is down makes no action fail and loses no
message; two senders running at once send each message once."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import OutboundEmail
from portal.models.base import utcnow
from portal.services.mail import RETRY_MAX, deliver_due, retry_delay, send_mail
from tests.conftest import fresh_database_url, make_test_app, post_form
from tests.factories import make_user
from tests.smtp import SmtpServer


@pytest.fixture
def smtp_server():
    """A server of the test's own, which it may stop and start again."""
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailing_app(app, smtp_server, monkeypatch):
    """The test app sending through the loopback SMTP server."""
    for key, value in smtp_server.settings().items():
        monkeypatch.setitem(app.config, key, value)
    return app


def send_outbox(app):
    """``flask outbox send``, as cron runs it."""
    return app.test_cli_runner().invoke(args=["outbox", "send"])


def unsent() -> list[OutboundEmail]:
    return list(
        _db.session.execute(select(OutboundEmail).where(OutboundEmail.sent_at.is_(None)))
        .scalars()
        .all()
    )


def test_a_mail_goes_when_the_sender_runs_in_the_recipients_language(
    mailing_app, client, db, smtp_server
):
    make_user("sme_user", email="arabe@example.org", preferred_locale="ar")
    assert post_form(client, "/auth/reset", {"email": "arabe@example.org"}).status_code == 302
    # Written with the request, not sent by it.
    assert smtp_server.inbox.messages == []
    assert [email.recipient for email in unsent()] == ["arabe@example.org"]

    result = send_outbox(mailing_app)
    assert result.exit_code == 0, result.output
    assert "Sent: 1" in result.output
    [message] = smtp_server.inbox.messages
    assert message["To"] == "arabe@example.org"
    assert re.search(r"[\u0600-\u06FF]", message["Subject"])
    assert "/auth/reset/" in message.get_body(("plain",)).get_content()
    # The same in HTML, its link clickable, each paragraph in its own direction.
    html = message.get_body(("html",)).get_content()
    assert re.search(r'<p dir="auto">.*<a href="http://localhost/auth/reset/[^"]+">', html)
    assert unsent() == []

    # Sent once: the next run finds nothing.
    assert "Sent: 0" in send_outbox(mailing_app).output
    assert len(smtp_server.inbox.messages) == 1


def test_a_mail_server_down_fails_no_action_and_loses_no_mail(mailing_app, client, db, smtp_server):
    make_user("sme_user", email="panne@example.org")
    smtp_server.stop()
    assert post_form(client, "/auth/reset", {"email": "panne@example.org"}).status_code == 302

    result = send_outbox(mailing_app)
    assert result.exit_code == 1 and "to try again later: 1" in result.output
    [waiting] = unsent()
    _db.session.refresh(waiting)
    assert waiting.attempts == 1 and "Error" in waiting.last_error
    assert waiting.next_attempt_at > utcnow() + timedelta(seconds=30)  # a minute later

    smtp_server.start()
    # Not due yet: the next minute's run sends nothing…
    assert "Sent: 0" in send_outbox(mailing_app).output
    assert smtp_server.inbox.messages == []
    # …the run after the delay delivers it, once.
    delivery = deliver_due(now=utcnow() + timedelta(minutes=2))
    assert (delivery.sent, delivery.failed) == (1, 0)
    assert [m["To"] for m in smtp_server.inbox.messages] == ["panne@example.org"]
    assert unsent() == []
    assert deliver_due(now=utcnow() + timedelta(minutes=5)).sent == 0


def test_a_change_rolled_back_sends_nothing(app, db):
    with app.test_request_context():
        send_mail("nobody@example.org", "Subject", "Body")
        _db.session.rollback()
    assert _db.session.scalar(select(func.count(OutboundEmail.id))) == 0


def test_retries_wait_longer_each_time_up_to_a_bound():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert retry_delay(50) == RETRY_MAX


def test_two_senders_at_once_send_each_message_once(tmp_path, smtp_server):
    """Committed messages, two senders started together on their own connections (two app
    servers running the cron job at the same minute): every message arrives exactly once."""
    app = make_test_app(fresh_database_url("outbox", tmp_path), tmp_path, **smtp_server.settings())
    recipients = [f"membre{n:02d}@example.org" for n in range(40)]
    with app.app_context():
        for recipient in recipients:
            send_mail(recipient, "Rappel", "Bonjour")
        _db.session.commit()

    start = threading.Barrier(2)
    results, errors = [], []

    def sender() -> None:
        try:
            with app.app_context():
                start.wait()
                results.append(deliver_due())
        except Exception as error:  # reported below, with the thread's error
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert sorted(m["To"] for m in smtp_server.inbox.messages) == recipients
        assert sum(result.sent for result in results) == len(recipients)
        with app.app_context():
            assert (
                _db.session.scalar(select(func.count()).where(OutboundEmail.sent_at.is_(None))) == 0
            )
    finally:
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()


def test_the_administrators_home_shows_mail_waiting_too_long(app, client, db):
    from tests.conftest import sign_in

    admin = make_user("admin")
    sign_in(client, admin)
    with app.test_request_context():
        send_mail("attente@example.org", "Sujet", "Corps")
    _db.session.commit()
    # A message just written is not a backlog.
    assert "attendent d'être envoyés" not in client.get("/home").get_data(as_text=True)
    waiting = _db.session.execute(select(OutboundEmail)).scalar_one()
    waiting.created_at = utcnow() - timedelta(minutes=20)
    waiting.last_error = "ConnectionRefusedError: [Errno 111] Connection refused"
    _db.session.commit()
    page = client.get("/home").get_data(as_text=True)
    assert "Des e-mails attendent d'être envoyés" in page
    assert "flask outbox send" in page and "Connection refused" in page
    # Not on the other homes.
    sign_in(client, make_user("ministry_officer"))
    assert "attendent d'être envoyés" not in client.get("/home").get_data(as_text=True)


def test_sent_mail_is_kept_thirty_days_and_waiting_mail_always(app, db):
    from portal.services.mail import prune_sent

    now = utcnow()
    _db.session.add_all(
        [
            OutboundEmail(
                recipient="old@x.ma", subject="s", body="b", sent_at=now - timedelta(days=31)
            ),
            OutboundEmail(
                recipient="new@x.ma", subject="s", body="b", sent_at=now - timedelta(days=2)
            ),
            OutboundEmail(
                recipient="wait@x.ma", subject="s", body="b", created_at=now - timedelta(days=60)
            ),
        ]
    )
    _db.session.commit()
    assert "Deleted: 1" in app.test_cli_runner().invoke(args=["outbox", "prune"]).output
    left = _db.session.execute(select(OutboundEmail.recipient).order_by(OutboundEmail.id))
    assert left.scalars().all() == ["new@x.ma", "wait@x.ma"]
    assert prune_sent() == 0


def test_a_long_subject_stays_within_its_column(app, db):
    with app.test_request_context():
        send_mail("long@example.org", "Organisation " * 40, "Corps")
    _db.session.commit()  # PostgreSQL refused a subject over 300 characters
    assert len(_db.session.execute(select(OutboundEmail.subject)).scalar_one()) == 300
