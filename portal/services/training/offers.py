"""Institutes' training offers, the offers that fit a demand cell, and planning a session
from a cell and an offer (the companies whose needs it serves are invited)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from flask import url_for
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select

from portal import clock
from portal.authz.training import offer_scope
from portal.extensions import db
from portal.models import (
    Ecosystem,
    Modality,
    NeedStatus,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    TrainingTopic,
    User,
)
from portal.models.reference import REGIONS
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, bilingual_day
from portal.services.paging import paginate
from portal.services.training.attendance import MAX_SESSION_DAYS
from portal.services.training.common import TrainingError, tell
from portal.services.training.demand_counts import cell_needs
from portal.services.training.seats import check_kept_until, default_kept_until, keep_seats

# The highest score ``matching_offers`` gives: region served, modality, capacity.
BEST_SCORE = 8


# --- offers ----------------------------------------------------------------------------------


def offers_page(
    user: Any,
    *,
    topic: int | None = None,
    region: str = "",
    modality: str = "",
    page: int,
    per_page: int,
) -> Pagination:
    """Published offers (an institute's own unpublished ones too), filtered by topic, region
    and modality (unknown values are ignored)."""
    query = (
        select(TrainingOffer)
        .where(offer_scope(user))
        .order_by(TrainingOffer.topic_id, TrainingOffer.id)
    )
    if topic:
        query = query.where(TrainingOffer.topic_id == topic)
    if region in REGIONS:
        query = query.where(TrainingOffer.regions.contains(region))
    if modality in {m.value for m in Modality}:
        query = query.where(TrainingOffer.modality == Modality(modality))
    return paginate(query, page=page, per_page=per_page)


def save_offer(
    user: User, offer: TrainingOffer | None, changes: dict[str, Any], version: Any = None
) -> TrainingOffer:
    """The user's institute publishes an offer, or edits one (guarded by its version)."""
    if offer is None:
        offer = TrainingOffer(institute_id=user.organisation_id, **changes)
        db.session.add(offer)
        db.session.flush()
    else:
        apply_edit(offer, version, changes)
    return offer


# --- matching --------------------------------------------------------------------------------


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


def preferred_modality(needs: list[TrainingNeed]) -> Modality | None:
    """The modality most of the cell's people asked for."""
    people: Counter = Counter()
    for need in needs:
        people[need.modality] += need.people
    return people.most_common(1)[0][0] if people else None


def explain(offer: TrainingOffer, score: int, region: str, people: int, modality: Any) -> dict:
    """Why an offer fits the cell: the region, the modality and the capacity."""
    if offer.capacity >= people:
        capacity = "enough"
    elif offer.capacity * 2 >= people:
        capacity = "half"
    else:
        capacity = "short"
    return {
        "offer": offer,
        "score": score,
        "serves_region": offer.serves(region),
        "modality_fits": None if modality is None else offer.modality == modality,
        "capacity": capacity,
    }


@dataclass(frozen=True)
class CellPlan:
    """A demand cell in one ecosystem: its needs, people, preferred modality and the offers
    that fit it best first (with their scores and why)."""

    needs: list[TrainingNeed]
    people: int
    modality: Modality | None
    matches: list[tuple[TrainingOffer, int]]

    @property
    def offers(self) -> list[TrainingOffer]:
        return [offer for offer, _score in self.matches]

    def explained(self, region: str) -> list[dict]:
        """Each match with why it fits."""
        return [
            explain(offer, score, region, self.people, self.modality)
            for offer, score in self.matches
        ]


def cell_plan(
    user: Any, topic: TrainingTopic, region: str, quarter: str, ecosystem: Ecosystem
) -> CellPlan:
    """What planning a session for the demand cell in the ecosystem starts from."""
    needs = [
        need
        for need in cell_needs(user, topic.id, region, quarter)
        if need.ecosystem_id == ecosystem.id
    ]
    people = sum(need.people for need in needs)
    modality = preferred_modality(needs)
    return CellPlan(
        needs=needs,
        people=people,
        modality=modality,
        matches=matching_offers(topic.id, region, people, modality),
    )


# --- planning --------------------------------------------------------------------------------


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
    kept_until: date | Literal["default"] | None = "default",
) -> TrainingSession:
    """Plan a session from a demand cell and an offer; the needs it serves become planned,
    and seats are kept for their companies in proportion to their people until
    ``kept_until`` (by default two weeks before the start; None keeps none)."""
    if ends_on < starts_on:
        raise TrainingError(_("The session cannot end before it starts."))
    if seats < 1:
        raise TrainingError(_("A session needs at least one seat."))
    if (ends_on - starts_on).days + 1 > MAX_SESSION_DAYS:
        raise TrainingError(_("A session lasts at most %(days)s days.", days=MAX_SESSION_DAYS))
    today = clock.today()
    if kept_until == "default":
        kept_until = default_kept_until(starts_on, today)
    check_kept_until(kept_until, starts_on, today)
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
    keep_seats(session, needs, kept_until)
    return session


def invite_companies(session: TrainingSession, needs: list[TrainingNeed]) -> None:
    """Tell the companies whose needs the session serves that it is planned."""
    tell(
        (need.organisation_id for need in needs),
        "training_session_planned",
        {"topic": bilingual(session.topic), "date": bilingual_day(session.starts_on)},
        url_for("training.session", session_id=session.id),
    )
