"""Outgoing e-mail, through an outbox that loses nothing.

``send_mail`` writes the message to the outbox (``OutboundEmail``) in the transaction of the
change that causes it: a change rolled back sends nothing, and a mail server that is down
never makes the user's action fail. ``deliver_due`` (``flask outbox send``, run every minute
by cron or a systemd timer, README "E-mail") hands the messages due to the mail server, one
at a time, each committed as it goes:

- a sender takes a message by moving its ``next_attempt_at`` past a lease (one UPDATE that
  only succeeds while the message is still due), so several senders running at once never
  take the same message; on PostgreSQL the candidates are read ``FOR UPDATE SKIP LOCKED``,
  so they do not even wait for each other;
- a message the server refuses or cannot take is tried again later, after 1, 2, 4…
  minutes (at most ``RETRY_MAX``), with the error kept; none is given up.

Where the messages go: the SMTP server of ``MAIL_SERVER`` (the tests' is aiosmtpd on
loopback); without one, in demo mode, the log, at once (``make run`` shows the links it
would have mailed); otherwise they wait in the outbox for a server to be configured.
"""

from __future__ import annotations

import re
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from flask import current_app
from markupsafe import escape
from sqlalchemy import Row, delete, func, select, update

from portal.extensions import db
from portal.models import OutboundEmail
from portal.models.base import utcnow

# A sender that took a message and did not finish (stopped mid-way) lets it go after this.
LEASE = timedelta(minutes=10)
RETRY_MAX = timedelta(hours=6)
# Messages a run of ``deliver_due`` sends at most (the next run goes on).
BATCH = 500


class MailNotConfigured(RuntimeError):
    """No MAIL_SERVER: the messages wait in the outbox."""


def send_mail(to: str, subject: str, body: str, *, calendar: str | None = None) -> None:
    """Put a plain-text message in the outbox (delivered by ``flask outbox send``), with a
    calendar file (iCalendar text, attached as invitation.ics) when given."""
    # A subject naming a long organisation name stays within its column.
    email = OutboundEmail(
        recipient=to, subject=subject[:300], body=body, attempts=0, calendar=calendar
    )
    config = current_app.config
    if not config.get("MAIL_SERVER") and config.get("DEMO_MODE") and not current_app.testing:
        # Demo without a mail server: the log is where its messages go, at once.
        current_app.logger.warning("E-mail (MAIL_SERVER unset) to %s:\n%s", to, body)
        email.sent_at = utcnow()
    db.session.add(email)


_LINK = re.compile(r"https?://[^\s<>\"]+")


def html_body(body: str) -> str:
    """The plain-text message as HTML: its paragraphs, its addresses as links, each paragraph
    in the direction of its own text (``dir="auto"``: Arabic right to left)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.strip()):
        escaped = str(escape(block))
        linked = _LINK.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append(f'<p dir="auto">{linked.replace(chr(10), "<br>")}</p>')
    return "<!DOCTYPE html>\n<html><body>\n" + "\n".join(paragraphs) + "\n</body></html>\n"


# Sent messages are kept this long (what went to whom, and when), then deleted: their bodies
# hold links that open accounts, and the table would grow with every notification.
KEEP_SENT = timedelta(days=30)


def prune_sent(now: datetime | None = None, keep: timedelta = KEEP_SENT) -> int:
    """Delete the messages sent more than ``keep`` ago (those waiting are never deleted);
    the number deleted."""
    now = now or utcnow()
    deleted = db.session.execute(
        delete(OutboundEmail)
        .where(OutboundEmail.sent_at.is_not(None), OutboundEmail.sent_at < now - keep)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return deleted.rowcount


# Messages waiting longer than this are a backlog the administrators are told of.
BACKLOG_AFTER = timedelta(minutes=15)


@dataclass
class Backlog:
    """E-mails waiting longer than ``BACKLOG_AFTER``: how many, since when, the last error."""

    waiting: int
    oldest: datetime | None
    last_error: str | None


def backlog(now: datetime | None = None) -> Backlog | None:
    """The outbox's backlog (None when every message went or is recent): one query on the
    unsent messages' index."""
    now = now or utcnow()
    waiting, oldest, last_error = db.session.execute(
        select(
            func.count(OutboundEmail.id),
            func.min(OutboundEmail.created_at),
            func.max(OutboundEmail.last_error),
        ).where(
            OutboundEmail.sent_at.is_(None),
            OutboundEmail.created_at < now - BACKLOG_AFTER,
        )
    ).one()
    if not waiting:
        return None
    return Backlog(waiting, oldest, last_error)


def _message(recipient: str, subject: str, body: str, calendar: str | None = None) -> EmailMessage:
    """The message in plain text, with the same in HTML as its alternative, and its calendar
    file attached."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = recipient
    message["Subject"] = subject
    message.set_content(body)
    message.add_alternative(html_body(body), subtype="html")
    if calendar:
        message.add_attachment(
            calendar.encode(),
            maintype="text",
            subtype="calendar",
            filename="invitation.ics",
            params={"method": "PUBLISH"},
        )
    return message


def _transmit(message: EmailMessage) -> None:
    """Hand one message to where messages go (see the module's doc)."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        raise MailNotConfigured("MAIL_SERVER is not set")
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def retry_delay(attempts: int) -> timedelta:
    """How long a message that failed ``attempts`` times waits: 1, 2, 4… minutes, capped."""
    return min(timedelta(minutes=2 ** min(attempts - 1, 16)), RETRY_MAX)


@dataclass
class Delivery:
    """What a run of the sender did."""

    sent: int = 0
    failed: int = 0
    last_error: str = ""


def _take_next(now: datetime) -> Row | None:
    """The oldest message due, taken for this sender and committed (None: nothing due).

    One UPDATE takes it, moving it past its lease while it is still due: on PostgreSQL its
    row is chosen ``FOR UPDATE SKIP LOCKED`` (another sender skips it instead of waiting);
    on SQLite the write lock puts the senders in turn. Nothing is read before, in the same
    transaction: a SQLite transaction that has read cannot wait for another's write."""
    due = (
        select(OutboundEmail.id)
        .where(OutboundEmail.sent_at.is_(None), OutboundEmail.next_attempt_at <= now)
        .order_by(OutboundEmail.next_attempt_at, OutboundEmail.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    taken = db.session.execute(
        update(OutboundEmail)
        .where(
            OutboundEmail.id == due,
            OutboundEmail.sent_at.is_(None),
            OutboundEmail.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + LEASE, attempts=OutboundEmail.attempts + 1)
        .returning(
            OutboundEmail.id,
            OutboundEmail.recipient,
            OutboundEmail.subject,
            OutboundEmail.body,
            OutboundEmail.calendar,
            OutboundEmail.attempts,
        )
        .execution_options(synchronize_session=False)
    ).first()
    db.session.commit()
    return taken


def _record(email_id: int, **values: Any) -> None:
    db.session.execute(
        update(OutboundEmail)
        .where(OutboundEmail.id == email_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def deliver_due(now: datetime | None = None, limit: int = BATCH) -> Delivery:
    """Send the messages due, oldest first, each committed as it goes."""
    now = now or utcnow()
    delivery = Delivery()
    for _ in range(limit):
        email = _take_next(now)
        if email is None:
            break
        try:
            _transmit(_message(email.recipient, email.subject, email.body, email.calendar))
        except (OSError, smtplib.SMTPException, MailNotConfigured) as error:
            delivery.failed += 1
            delivery.last_error = f"{type(error).__name__}: {error}"[:500]
            _record(
                email.id,
                next_attempt_at=now + retry_delay(email.attempts),
                last_error=delivery.last_error,
            )
        else:
            delivery.sent += 1
            _record(email.id, sent_at=utcnow(), last_error=None)
    return delivery
