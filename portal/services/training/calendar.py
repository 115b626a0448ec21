"""The training calendar (issue 16, item 5): the sessions a user sees, month by month, and
iCalendar feeds a calendar application subscribes to — one per institute (the sessions it
runs), per company (the sessions of its ecosystems and those its staff take part in) and per
ecosystem. A feed's address carries a token signed with the portal's secret key (calendar
applications cannot sign in): whoever has the address reads the feed, so it is shown only to
those who may see its sessions."""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import exists, or_, select

from portal.authz.training import member_ecosystem_ids, session_scope
from portal.extensions import db
from portal.models import Enrolment, SessionStatus, TrainingSession
from portal.services import icalendar
from portal.services.training.invitations import session_event

# Sessions shown on one day of the month view; the others are counted ("3 more").
PER_DAY = 3
# Sessions read for a month view, and for a feed (from three months back to a year ahead).
MONTH_LIMIT = 400
FEED_LIMIT = 1000
FEED_KINDS = ("institute", "company", "ecosystem")
_SALT = "training-calendar-feed"


@dataclass(frozen=True)
class Month:
    """A month of the calendar: its weeks (Monday first; days of the months around it are
    None), its first and last days, the months before and after."""

    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, month_calendar.monthrange(self.year, self.month)[1])

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def weeks(self) -> list[list[date | None]]:
        return [
            [day if day.month == self.month else None for day in week]
            for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(
                self.year, self.month
            )
        ]

    def before(self) -> Month:
        previous = self.first - timedelta(days=1)
        return Month(previous.year, previous.month)

    def after(self) -> Month:
        following = self.last + timedelta(days=1)
        return Month(following.year, following.month)


def month_of(text: str | None, today: date) -> Month:
    """The month ``YYYY-MM`` names (between 2000 and 2100), else today's."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return Month(year, month)
    except ValueError:
        pass
    return Month(today.year, today.month)


@dataclass
class MonthView:
    """The sessions of each day of a month (those running that day), a few per day."""

    month: Month
    days: dict[date, list[TrainingSession]]
    more: dict[date, int]
    truncated: bool  # more sessions in the month than were read


def month_view(user: Any, month: Month, ecosystem_id: int | None) -> MonthView:
    """The sessions the user sees that run during the month (one query, bounded)."""
    statement = (
        select(TrainingSession)
        .where(
            session_scope(user),
            TrainingSession.starts_on <= month.last,
            TrainingSession.ends_on >= month.first,
            TrainingSession.status != SessionStatus.CANCELLED,
        )
        .order_by(TrainingSession.starts_on, TrainingSession.id)
        .limit(MONTH_LIMIT + 1)
    )
    if ecosystem_id:
        statement = statement.where(TrainingSession.ecosystem_id == ecosystem_id)
    sessions = list(db.session.execute(statement).scalars())
    days: dict[date, list[TrainingSession]] = {}
    more: dict[date, int] = {}
    for session in sessions[:MONTH_LIMIT]:
        day = max(session.starts_on, month.first)
        while day <= min(session.ends_on, month.last):
            shown = days.setdefault(day, [])
            if len(shown) < PER_DAY:
                shown.append(session)
            else:
                more[day] = more.get(day, 0) + 1
            day += timedelta(days=1)
    return MonthView(month, days, more, truncated=len(sessions) > MONTH_LIMIT)


# --- feeds ----------------------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def feed_token(kind: str, object_id: int) -> str:
    """The token of a feed's address."""
    return _serializer().dumps([kind, object_id])


def feed_url(kind: str, object_id: int) -> str:
    return url_for("training.calendar_feed", token=feed_token(kind, object_id), _external=True)


def read_feed_token(token: str) -> tuple[str, int] | None:
    """The (kind, id) a token names, or None for a token the portal did not sign."""
    try:
        kind, object_id = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if kind not in FEED_KINDS or not isinstance(object_id, int):
        return None
    return kind, object_id


def feed(kind: str, object_id: int, today: date, name: str = "") -> str:
    """The iCalendar feed: the sessions of the institute, company or ecosystem from three
    months back to a year ahead (not the cancelled ones)."""
    if kind == "institute":
        scope = TrainingSession.institute_id == object_id
    elif kind == "company":
        enrolled = exists().where(
            Enrolment.session_id == TrainingSession.id, Enrolment.organisation_id == object_id
        )
        scope = or_(TrainingSession.ecosystem_id.in_(member_ecosystem_ids(object_id)), enrolled)
    else:
        scope = TrainingSession.ecosystem_id == object_id
    sessions = db.session.execute(
        select(TrainingSession)
        .where(
            scope,
            TrainingSession.status != SessionStatus.CANCELLED,
            TrainingSession.starts_on >= today - timedelta(days=90),
            TrainingSession.starts_on <= today + timedelta(days=365),
        )
        .order_by(TrainingSession.starts_on, TrainingSession.id)
        .limit(FEED_LIMIT)
    ).scalars()
    events = [session_event(s, f"training-session-{s.id}@portail-qualite") for s in sessions]
    return icalendar.calendar(events, name=name)
