"""Fair seats (issue 16, item 1): a session planned from needs keeps seats for each company
whose needs it serves, in proportion to the people each declared, until a date the planner
sets (``TrainingSession.seats_reserved_until``, included); after it, free seats open to every
member company, then the waiting list.

The rule every seat decision follows (``may_take_seat``): while seats are kept, a company
takes a seat only if what is left still covers the seats kept for the *other* companies and
not yet taken by them; after the date, only the session's seat count limits. Enrolments,
cancellations, the planner's changes and the daily release (``flask reminders send``) all
decide under the session's row lock (``lock_session``), so concurrent requests never
overbook nor take another company's kept seats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.models import (
    Enrolment,
    EnrolmentStatus,
    SeatReservation,
    SessionStatus,
    TrainingNeed,
    TrainingSession,
)
from portal.models.base import utcnow
from portal.services.editing import StaleEdit, check_version
from portal.services.notifications import bilingual
from portal.services.reminders import portal_request
from portal.services.training import invitations
from portal.services.training.common import TrainingError, tell

# Without a date from the planner, seats are kept until this many days before the start.
DEFAULT_KEPT_DAYS_BEFORE_START = 14
# The waiting list read at once when seats are given out (a session seats at most a few
# hundred people).
WAITING_READ = 500


def proportional_seats(people: Mapping[int, int], seats: int) -> dict[int, int]:
    """Seats for each company in proportion to the people it declared (largest remainders:
    whole quotas first, then the seats left to the largest fractions, ties to the company
    that declared more, then the older one), never more than it declared."""
    total = sum(people.values())
    if total <= seats:
        return dict(people)
    shares = {company: seats * count / total for company, count in people.items()}
    given = {company: int(share) for company, share in shares.items()}
    left = seats - sum(given.values())
    by_remainder = sorted(
        people, key=lambda company: (-(shares[company] - given[company]), -people[company], company)
    )
    for company in by_remainder[:left]:
        given[company] += 1
    return given


def default_kept_until(starts_on: date, today: date) -> date | None:
    """The day seats are kept until when the planner gives none: two weeks before the start,
    not before today; none for a session already started."""
    if starts_on < today:
        return None
    return max(starts_on - timedelta(days=DEFAULT_KEPT_DAYS_BEFORE_START), today)


def check_kept_until(kept_until: date | None, starts_on: date, today: date) -> None:
    """The planner's date: none (no seat kept), or from today to the first day."""
    if kept_until is None:
        return
    if kept_until < today:
        raise TrainingError(_("Seats cannot be kept until a day already past."))
    if kept_until > starts_on:
        raise TrainingError(_("Seats cannot be kept after the session's first day."))


def keep_seats(
    session: TrainingSession, needs: Iterable[TrainingNeed], kept_until: date | None
) -> list[SeatReservation]:
    """At planning: the seats kept for each company whose needs the session serves."""
    people: Counter[int] = Counter()
    for need in needs:
        people[need.organisation_id] += need.people
    session.seats_reserved_until = kept_until if people else None
    reservations = [
        SeatReservation(session_id=session.id, organisation_id=company, seats=count)
        for company, count in sorted(proportional_seats(people, session.seats).items())
    ]
    db.session.add_all(reservations)
    db.session.flush()
    return reservations


def lock_session(session_id: int) -> None:
    """Take the session's row lock (PostgreSQL; the database's write lock on SQLite): every
    decision about its seats waits here, then counts them in turn."""
    db.session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == session_id)
        .values(enrolment_counter=TrainingSession.enrolment_counter + 1)
        .execution_options(synchronize_session=False)
    )


def keeps_seats(session: TrainingSession, today: date) -> bool:
    """Whether seats are still kept for the companies on ``today``."""
    return session.seats_reserved_until is not None and today <= session.seats_reserved_until


@dataclass
class SeatCount:
    """Who holds the session's seats, and what is kept for whom."""

    seats: int
    kept: dict[int, int]  # company -> seats kept for it (empty once the date passed)
    seated: Counter  # company -> participants holding a seat

    @property
    def taken(self) -> int:
        return sum(self.seated.values())

    def owed(self, company: int) -> int:
        """Seats kept for the other companies and not yet taken by them."""
        return sum(
            max(count - self.seated[other], 0)
            for other, count in self.kept.items()
            if other != company
        )

    def may_take_seat(self, company: int) -> bool:
        return self.taken + self.owed(company) < self.seats


def reservations_of(session_id: int) -> dict[int, int]:
    """The seats kept for each company in the session (whatever the date)."""
    return dict(
        db.session.execute(
            select(SeatReservation.organisation_id, SeatReservation.seats).where(
                SeatReservation.session_id == session_id
            )
        ).all()
    )


def seat_count(session: TrainingSession, today: date) -> SeatCount:
    """The session's seats as they stand (two queries)."""
    seated = Counter(
        dict(
            db.session.execute(
                select(Enrolment.organisation_id, func.count(Enrolment.id))
                .where(
                    Enrolment.session_id == session.id,
                    Enrolment.status == EnrolmentStatus.ENROLLED,
                )
                .group_by(Enrolment.organisation_id)
            ).all()
        )
    )
    kept = reservations_of(session.id) if keeps_seats(session, today) else {}
    return SeatCount(seats=session.seats, kept=kept, seated=seated)


def give_free_seats(session: TrainingSession, today: date) -> list[Enrolment]:
    """Seat the waiting participants the rule allows, first asked first served (under the
    session's lock); their companies are told."""
    count = seat_count(session, today)
    if count.taken >= count.seats:
        return []
    waiting = db.session.execute(
        select(Enrolment)
        .where(Enrolment.session_id == session.id, Enrolment.status == EnrolmentStatus.WAITING)
        .order_by(Enrolment.requested_at, Enrolment.id)
        .limit(WAITING_READ)
    ).scalars()
    promoted = []
    for enrolment in waiting:
        if count.taken >= count.seats:
            break
        if count.may_take_seat(enrolment.organisation_id):
            enrolment.status = EnrolmentStatus.ENROLLED
            count.seated[enrolment.organisation_id] += 1
            promoted.append(enrolment)
    if promoted:
        db.session.flush()
        for enrolment in promoted:
            invitations.invite(session, enrolment)
            tell(
                [enrolment.organisation_id],
                "training_seat_granted",
                {"topic": bilingual(session.topic), "name": enrolment.participant_name},
                url_for("training.session", session_id=session.id),
            )
    return promoted


def release_kept_seats(today: date) -> int:
    """Daily (``flask reminders send``): in the planned sessions whose seats were kept until
    before today, give the seats left free to the waiting list. Returns the participants
    seated."""
    sessions = db.session.execute(
        select(TrainingSession)
        .where(
            TrainingSession.status == SessionStatus.PLANNED,
            TrainingSession.seats_reserved_until < today,
            TrainingSession.starts_on >= today,
            select(Enrolment.id)
            .where(
                Enrolment.session_id == TrainingSession.id,
                Enrolment.status == EnrolmentStatus.WAITING,
            )
            .exists(),
        )
        .order_by(TrainingSession.id)
    ).scalars()
    seated = 0
    with portal_request():  # the notifications link to the session
        for session in list(sessions):
            lock_session(session.id)
            seated += len(give_free_seats(session, today))
            db.session.commit()
    return seated


@dataclass
class KeptSeats:
    """What a session keeps for each company, for its page."""

    until: date | None
    active: bool
    rows: list[dict[str, Any]]  # company, declared, kept, seated

    @property
    def total(self) -> int:
        return sum(row["kept"] for row in self.rows)


def kept_seats(
    session: TrainingSession, today: date, *, only_organisation_id: int | None = None
) -> KeptSeats:
    """The seats kept for each company (or one), beside the people its needs declared and
    the seats it holds."""
    statement = (
        select(SeatReservation)
        .where(SeatReservation.session_id == session.id)
        .order_by(SeatReservation.id)
    )
    if only_organisation_id is not None:
        statement = statement.where(SeatReservation.organisation_id == only_organisation_id)
    reservations = list(db.session.execute(statement).scalars())
    declared = dict(
        db.session.execute(
            select(TrainingNeed.organisation_id, func.sum(TrainingNeed.people))
            .where(TrainingNeed.session_id == session.id)
            .group_by(TrainingNeed.organisation_id)
        ).all()
    )
    seated = seat_count(session, today).seated
    rows = [
        {
            "organisation": reservation.organisation,
            "organisation_id": reservation.organisation_id,
            "declared": declared.get(reservation.organisation_id, 0),
            "kept": reservation.seats,
            "seated": seated[reservation.organisation_id],
        }
        for reservation in reservations
    ]
    return KeptSeats(
        until=session.seats_reserved_until, active=keeps_seats(session, today), rows=rows
    )


def change_kept_seats(
    session: TrainingSession,
    kept: Mapping[int, int],
    kept_until: date | None,
    submitted_version: Any,
    today: date,
) -> list[Enrolment]:
    """The planner changes the seats kept for the companies and the date; refused when the
    session changed since the form was read, when a count is negative or names a company
    the session does not serve, or when more seats would be kept than the session has.
    Waiting participants the change lets in are seated."""
    if session.status != SessionStatus.PLANNED:
        raise TrainingError(_("Seats can only be changed while the session is planned."))
    check_version(session, submitted_version)
    current = {
        reservation.organisation_id: reservation
        for reservation in db.session.execute(
            select(SeatReservation).where(SeatReservation.session_id == session.id)
        ).scalars()
    }
    if set(kept) - set(current):
        raise TrainingError(_("Seats can only be kept for the companies the session serves."))
    if any(count < 0 for count in kept.values()):
        raise TrainingError(_("A number of seats cannot be negative."))
    if sum(kept.get(company, r.seats) for company, r in current.items()) > session.seats:
        raise TrainingError(
            _("The session has %(seats)s seats: it cannot keep more.", seats=session.seats)
        )
    check_kept_until(kept_until, session.starts_on, today)
    lock_session(session.id)
    for company, count in kept.items():
        if current[company].seats != count:
            current[company].seats = count
    session.seats_reserved_until = kept_until
    # The session's row is written (and its version bumped) whatever changed, so that a
    # planner working from an older page is refused even when only the seats changed.
    session.updated_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise StaleEdit() from None
    return give_free_seats(session, today)
