"""In-app notifications, stored untranslated (a kind and its parameters) and worded in the
reader's language when shown; and the outbox of e-mails waiting to be delivered."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import UTCDateTime, utcnow


class Notification(db.Model):
    """Something a user should know about, with a link to where to act."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        # A user's notifications, newest first (the notification centre), all or one group.
        Index("ix_notifications_user_created", "user_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    # Bilingual values are {"fr": ..., "ar": ...}; the reader's language is picked when shown.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OutboundEmail(db.Model):
    """An e-mail, written in the same transaction as the change that causes it (a rolled-back
    change sends nothing) and delivered later by ``flask outbox send``
    (portal/services/mail.py), retried with a growing delay until the mail server takes it.

    ``next_attempt_at`` is when a sender may next take it: a sender that takes it first moves
    it past its lease, so that no other sender takes it meanwhile."""

    __tablename__ = "outbound_emails"
    # The messages due, oldest first: unsent ones by the time they may next be tried.
    __table_args__ = (Index("ix_outbound_emails_due", "sent_at", "next_attempt_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))
    # An invitation's calendar file (iCalendar text), attached as invitation.ics.
    calendar: Mapped[str | None] = mapped_column(Text)


class ReminderSent(db.Model):
    """A reminder sent (``flask reminders send``): one row per kind, record and occasion (due
    soon, overdue…), so that the daily run, or two runs the same day, remind once."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "occasion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    subject_id: Mapped[int] = mapped_column(Integer)
    occasion: Mapped[str] = mapped_column(String(40))
    sent_on: Mapped[date] = mapped_column(Date)
