"""Training sessions: the list and export a user sees, a session's participants, enrolment
within the seat limit (safe under concurrent requests) with a waiting list, cancelling,
attendance and fulfilment, and the companies' evaluations (the answers to the session
survey: services/surveys.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal import clock
from portal.authz.training import session_scope
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Ecosystem,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    TrainingNeed,
    TrainingSession,
)
from portal.models.base import utcnow
from portal.models.reference import region_label
from portal.services.paging import paginate
from portal.services.surveys import first_rating_averages, session_summary
from portal.services.training import invitations, seats
from portal.services.training.common import TrainingError

# --- lists -----------------------------------------------------------------------------------


def sessions_page(user: Any, *, status: str = "", page: int, per_page: int) -> Pagination:
    """One page of the sessions the user may see, latest first (of one status if given)."""
    query = (
        select(TrainingSession)
        .where(session_scope(user))
        .order_by(TrainingSession.starts_on.desc(), TrainingSession.id.desc())
    )
    if status in {s.value for s in SessionStatus}:
        query = query.where(TrainingSession.status == SessionStatus(status))
    # Offer, institute and topic in one query each for the page, not joined to every row
    # read (a deep page skips its first rows inside the index); the count reads ids.
    query = query.options(
        selectinload(TrainingSession.offer),
        selectinload(TrainingSession.institute),
        selectinload(TrainingSession.topic),
    )
    return paginate(query, page=page, per_page=per_page)


def enrolment_counts(session_ids: list[int]) -> dict[int, Counter]:
    """Per session: participants enrolled, waiting, and who attended (one query)."""
    counts: dict[int, Counter] = defaultdict(Counter)
    if not session_ids:
        return counts
    rows = db.session.execute(
        select(Enrolment.session_id, Enrolment.status, Enrolment.attended, func.count(Enrolment.id))
        .where(Enrolment.session_id.in_(session_ids))
        .group_by(Enrolment.session_id, Enrolment.status, Enrolment.attended)
    )
    for session_id, status, attended, number in rows:
        counts[session_id][status.value] += number
        if attended:
            counts[session_id]["attended"] += number
    return counts


def sessions_table(user: Any) -> tuple[list[str], Iterator[list[Any]]]:
    """The sessions in the user's scope as a table for the export, with their participants
    and average rating: every session, read lazily two hundred at a time (two queries for the
    counts and ratings of each batch). A batch holds its sessions with their offers,
    institutes and topics: a thousand at a time held 17 MB more in the worker, two hundred
    8 MB (issue 11: exports in constant memory)."""
    query = (
        select(TrainingSession)
        .where(session_scope(user))
        .order_by(TrainingSession.starts_on, TrainingSession.id)
        .execution_options(yield_per=200)
    )
    headers = [
        _("Topic"),
        _("Offer"),
        _("Institute"),
        _("Ecosystem"),
        _("Region"),
        _("Quarter"),
        _("First day"),
        _("Last day"),
        _("Place"),
        _("Seats"),
        _("Enrolled"),
        _("Waiting list"),
        _("Attended"),
        _("Status"),
        _("Average rating"),
    ]
    ecosystems = {
        e.id: localized(e, "name") for e in db.session.execute(select(Ecosystem)).scalars()
    }

    def rows() -> Iterator[list[Any]]:
        for batch in db.session.execute(query).scalars().partitions():
            ids = [s.id for s in batch]
            counts = enrolment_counts(ids)
            ratings = first_rating_averages(ids)
            for s in batch:
                yield [
                    localized(s.topic, "name"),
                    localized(s.offer, "title"),
                    localized(s.institute, "name"),
                    ecosystems.get(s.ecosystem_id, ""),
                    region_label(s.region),
                    s.quarter,
                    s.starts_on,
                    s.ends_on,
                    s.place,
                    s.seats,
                    counts[s.id][EnrolmentStatus.ENROLLED.value],
                    counts[s.id][EnrolmentStatus.WAITING.value],
                    counts[s.id]["attended"],
                    s.status.label,
                    round(float(ratings[s.id]), 1) if ratings.get(s.id) is not None else "",
                ]

    return headers, rows()


# --- one session -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionParticipants:
    """A session's participants (a company's own only, if given), seats and waiting list."""

    ecosystem: Ecosystem | None
    enrolments: list[Enrolment]
    positions: dict[int, int]  # enrolment id -> place on the waiting list
    seated: int
    waiting: int
    seats_left: int
    served: list[TrainingNeed] = field(default_factory=list)


def session_participants(
    session: TrainingSession, *, only_organisation_id: int | None = None
) -> SessionParticipants:
    """Who takes part in the session, in order of request; with only_organisation_id, that
    company's participants only and not the needs the session serves (others' needs)."""
    listed = list(
        db.session.execute(
            select(Enrolment)
            .where(
                Enrolment.session_id == session.id,
                Enrolment.status != EnrolmentStatus.CANCELLED,
            )
            .order_by(Enrolment.requested_at, Enrolment.id)
        ).scalars()
    )
    waiting = [e.id for e in listed if e.status == EnrolmentStatus.WAITING]
    seated = len(listed) - len(waiting)
    served: list[TrainingNeed] = []
    if only_organisation_id is not None:
        listed = [e for e in listed if e.organisation_id == only_organisation_id]
    else:
        served = list(
            db.session.execute(
                select(TrainingNeed)
                .where(TrainingNeed.session_id == session.id)
                .order_by(TrainingNeed.id)
            ).scalars()
        )
    return SessionParticipants(
        ecosystem=db.session.get(Ecosystem, session.ecosystem_id),
        enrolments=listed,
        positions={enrolment_id: n for n, enrolment_id in enumerate(waiting, start=1)},
        seated=seated,
        waiting=len(waiting),
        seats_left=max(session.seats - seated, 0),
        served=served,
    )


def seated_enrolments(session: TrainingSession) -> list[Enrolment]:
    """The participants holding a seat, by name (the attendance sheet)."""
    return list(
        db.session.execute(
            select(Enrolment)
            .where(
                Enrolment.session_id == session.id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
            .order_by(Enrolment.participant_name, Enrolment.id)
        ).scalars()
    )


# --- enrolment -------------------------------------------------------------------------------


def enrolled_count(session_id: int) -> int:
    """Participants holding a seat."""
    return db.session.execute(
        select(func.count(Enrolment.id)).where(
            Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED
        )
    ).scalar_one()


def enrol(
    session: TrainingSession,
    organisation_id: int,
    name: str,
    job: str = "",
    email: str | None = None,
) -> Enrolment:
    """Enrol a named participant: a seat if the fair-seat rule leaves one to the company
    (``seats.SeatCount.may_take_seat``), else the waiting list. Waiting participants a
    passed reservation date lets in are seated first. A participant with an address who
    takes a seat gets the invitation (``invitations.invite``)."""
    if session.status != SessionStatus.PLANNED:
        raise TrainingError(_("This session no longer takes enrolments."))
    name = name.strip()
    if not name:
        raise TrainingError(_("Give the participant's name."))
    email = (email or "").strip() or None
    if email is not None and not invitations.valid_email(email):
        raise TrainingError(_("Enter a valid e-mail address."))
    today = clock.today()
    seats.lock_session(session.id)
    seats.give_free_seats(session, today)
    has_seat = seats.seat_count(session, today).may_take_seat(organisation_id)
    enrolment = Enrolment(
        session_id=session.id,
        organisation_id=organisation_id,
        participant_name=name[:200],
        participant_job=job.strip()[:200],
        participant_email=email,
        status=EnrolmentStatus.ENROLLED if has_seat else EnrolmentStatus.WAITING,
        requested_at=utcnow(),
    )
    db.session.add(enrolment)
    db.session.flush()
    invitations.invite(session, enrolment)
    return enrolment


@dataclass
class Participant:
    """A participant to enrol: name, job title, e-mail address."""

    name: str
    job: str = ""
    email: str = ""


MAX_PARTICIPANTS_AT_ONCE = 100


def read_participants(lines: Iterable[list[str]]) -> list[Participant]:
    """Participants from rows of cells (name, job title, e-mail address — the last two may be
    left out; a first row naming the columns is skipped; empty rows too). Refused, with
    every problem by its line, when a row has no name or an address that is not one, or
    when there are more than ``MAX_PARTICIPANTS_AT_ONCE``."""
    participants: list[Participant] = []
    problems: list[str] = []
    for number, cells in enumerate(lines, start=1):
        cells = [cell.strip() for cell in cells] + ["", "", ""]
        name, job, email = cells[:3]
        if not any(cells):
            continue
        if number == 1 and name.casefold() in HEADER_NAMES:
            continue
        if not name:
            problems.append(_("Line %(line)s: the participant's name is missing.", line=number))
        elif len(name) > 200 or len(job) > 200:
            problems.append(_("Line %(line)s: a name or job title is too long.", line=number))
        elif email and not invitations.valid_email(email):
            problems.append(
                _("Line %(line)s: %(email)s is not an e-mail address.", line=number, email=email)
            )
        else:
            participants.append(Participant(name, job, email))
    if len(participants) + len(problems) > MAX_PARTICIPANTS_AT_ONCE:
        raise TrainingError(
            _(
                "At most %(count)s participants can be enrolled at once.",
                count=MAX_PARTICIPANTS_AT_ONCE,
            )
        )
    if problems:
        raise TrainingError(" ".join(problems))
    if not participants:
        raise TrainingError(_("Give at least one participant."))
    return participants


# A first row naming the columns, in either language.
HEADER_NAMES = {"name", "nom", "participant", "الاسم"}


def enrol_many(
    session: TrainingSession, organisation_id: int, participants: list[Participant]
) -> list[Enrolment]:
    """Enrol several participants in turn (seats first, then the waiting list), all or
    none."""
    return [
        enrol(session, organisation_id, person.name, person.job, person.email)
        for person in participants
    ]


def cancel_enrolment(enrolment: Enrolment) -> Enrolment | None:
    """Cancel a participant; the freed seat goes to the first on the waiting list the
    fair-seat rule lets in (their company is told). Returns who took it, if anyone."""
    seats.lock_session(enrolment.session_id)
    had_seat = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.CANCELLED
    db.session.flush()
    if not had_seat:
        return None
    session = db.session.get(TrainingSession, enrolment.session_id)
    promoted = seats.give_free_seats(session, clock.today())
    return promoted[0] if promoted else None


# --- after the session -----------------------------------------------------------------------


def attended_companies(session: TrainingSession) -> set[int]:
    """The companies with at least one participant who attended."""
    return set(
        db.session.execute(
            select(Enrolment.organisation_id).where(
                Enrolment.session_id == session.id, Enrolment.attended.is_(True)
            )
        ).scalars()
    )


def evaluation_summary(session: TrainingSession) -> dict[str, Any]:
    """The companies' evaluations of the session (their answers to the session survey):
    how many answered of the companies whose staff attended, the averages, the comments
    (never who wrote them)."""
    summary = session_summary(session)
    summary["companies"] = len(attended_companies(session))
    return summary
