"""Training: who sees which needs, demand aggregated in SQL by topic × region × quarter,
offers matched to a demand cell, sessions planned from them, enrolment within the seat
limit (safe under concurrent requests) with a waiting list, attendance and fulfilment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from portal.authz import demand_scope, need_scope
from portal.extensions import db
from portal.models import (
    Enrolment,
    EnrolmentStatus,
    Modality,
    NeedStatus,
    SessionStatus,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    User,
)
from portal.models.base import utcnow

# Needs that count in the demand: validated and not yet served by a session.
DEMAND_STATUSES = (NeedStatus.VALIDATED,)


class TrainingError(ValueError):
    """A step the rules refuse; the message is translated."""


@dataclass(frozen=True)
class DemandCell:
    """Validated needs for one topic in one region and quarter."""

    topic_id: int
    region: str
    quarter: str
    people: int
    companies: int
    needs: int


def demand(user: Any, *, ecosystem_id: int | None = None) -> list[DemandCell]:
    """Demand by topic × region × quarter, aggregated in SQL in one query."""
    query = (
        select(
            TrainingNeed.topic_id,
            TrainingNeed.region,
            TrainingNeed.quarter,
            func.sum(TrainingNeed.people),
            func.count(func.distinct(TrainingNeed.organisation_id)),
            func.count(TrainingNeed.id),
        )
        .where(demand_scope(user), TrainingNeed.status.in_(DEMAND_STATUSES))
        .group_by(TrainingNeed.topic_id, TrainingNeed.region, TrainingNeed.quarter)
        .order_by(TrainingNeed.topic_id, TrainingNeed.region, TrainingNeed.quarter)
    )
    if ecosystem_id is not None:
        query = query.where(TrainingNeed.ecosystem_id == ecosystem_id)
    return [DemandCell(*row) for row in db.session.execute(query).all()]


def cell_needs(user: Any, topic_id: int, region: str, quarter: str) -> list[TrainingNeed]:
    """The validated needs behind a demand cell that the user may see row by row."""
    return list(
        db.session.execute(
            select(TrainingNeed)
            .where(
                need_scope(user),
                TrainingNeed.status.in_(DEMAND_STATUSES),
                TrainingNeed.topic_id == topic_id,
                TrainingNeed.region == region,
                TrainingNeed.quarter == quarter,
            )
            .order_by(TrainingNeed.priority, TrainingNeed.id)
        ).scalars()
    )


def matching_offers(
    topic_id: int, region: str, people: int, modality: Modality | None = None
) -> list[tuple[TrainingOffer, int]]:
    """Active offers on the topic, best first: serving the region, of the wanted modality,
    with the capacity for the people; each with its score (higher is better)."""
    offers = db.session.execute(
        select(TrainingOffer).where(
            TrainingOffer.topic_id == topic_id, TrainingOffer.active.is_(True)
        )
    ).scalars()
    scored = []
    for offer in offers:
        score = 0
        score += 4 if offer.serves(region) else 0
        score += 2 if modality is not None and offer.modality == modality else 0
        score += 2 if offer.capacity >= people else (1 if offer.capacity * 2 >= people else 0)
        scored.append((offer, score))
    scored.sort(key=lambda item: (-item[1], float(item[0].price_mad or 0), item[0].id))
    return scored


def plan_session(
    user: User,
    *,
    offer: TrainingOffer,
    ecosystem_id: int,
    region: str,
    quarter: str,
    starts_on: date,
    ends_on: date,
    place: str,
    seats: int,
    needs: list[TrainingNeed],
) -> TrainingSession:
    """Plan a session from a demand cell and an offer; the needs it serves become planned."""
    if ends_on < starts_on:
        raise TrainingError(_("The session cannot end before it starts."))
    if seats < 1:
        raise TrainingError(_("A session needs at least one seat."))
    session = TrainingSession(
        offer_id=offer.id,
        institute_id=offer.institute_id,
        topic_id=offer.topic_id,
        ecosystem_id=ecosystem_id,
        region=region,
        quarter=quarter,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        seats=seats,
    )
    db.session.add(session)
    db.session.flush()
    for need in needs:
        need.status = NeedStatus.PLANNED
        need.session_id = session.id
    db.session.flush()
    return session


def enrolled_count(session_id: int) -> int:
    """Participants holding a seat."""
    return db.session.execute(
        select(func.count(Enrolment.id)).where(
            Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED
        )
    ).scalar_one()


def _lock_session(session_id: int) -> None:
    # An UPDATE takes the row's write lock on PostgreSQL (and the database's on SQLite):
    # concurrent enrolments into the same session wait here, then count the seats in turn.
    db.session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == session_id)
        .values(enrolment_counter=TrainingSession.enrolment_counter + 1)
        .execution_options(synchronize_session=False)
    )


def enrol(session: TrainingSession, organisation_id: int, name: str, job: str = "") -> Enrolment:
    """Enrol a named participant: a seat if one is left, else the waiting list."""
    if session.status != SessionStatus.PLANNED:
        raise TrainingError(_("This session no longer takes enrolments."))
    name = name.strip()
    if not name:
        raise TrainingError(_("Give the participant's name."))
    _lock_session(session.id)
    has_seat = enrolled_count(session.id) < session.seats
    enrolment = Enrolment(
        session_id=session.id,
        organisation_id=organisation_id,
        participant_name=name[:200],
        participant_job=job.strip()[:200],
        status=EnrolmentStatus.ENROLLED if has_seat else EnrolmentStatus.WAITING,
        requested_at=utcnow(),
    )
    db.session.add(enrolment)
    db.session.flush()
    return enrolment


def cancel_enrolment(enrolment: Enrolment) -> Enrolment | None:
    """Cancel a participant; the first on the waiting list takes the freed seat."""
    _lock_session(enrolment.session_id)
    had_seat = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.CANCELLED
    db.session.flush()
    if not had_seat:
        return None
    promoted = db.session.execute(
        select(Enrolment)
        .where(
            Enrolment.session_id == enrolment.session_id,
            Enrolment.status == EnrolmentStatus.WAITING,
        )
        .order_by(Enrolment.requested_at, Enrolment.id)
        .limit(1)
    ).scalar()
    if promoted is not None:
        promoted.status = EnrolmentStatus.ENROLLED
        db.session.flush()
    return promoted


def record_attendance(session: TrainingSession, attended_ids: set[int]) -> None:
    """The institute records who attended; the session is held and the needs it served are
    fulfilled."""
    enrolments = db.session.execute(
        select(Enrolment).where(
            Enrolment.session_id == session.id, Enrolment.status == EnrolmentStatus.ENROLLED
        )
    ).scalars()
    for enrolment in enrolments:
        enrolment.attended = enrolment.id in attended_ids
    session.status = SessionStatus.HELD
    # Row by row, not a bulk UPDATE, so that each need's change reaches the audit trail.
    for need in db.session.execute(
        select(TrainingNeed).where(
            TrainingNeed.session_id == session.id, TrainingNeed.status == NeedStatus.PLANNED
        )
    ).scalars():
        need.status = NeedStatus.FULFILLED
    db.session.flush()
