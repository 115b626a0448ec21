"""Conventions: loading a convention with everything on its page in a fixed number of
queries, the derived facts (late milestones, indicator attainment and trajectory, progress,
at risk), status transitions and amendments."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, exists, func, select, true

from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Amendment,
    Commitment,
    Convention,
    ConventionDocument,
    ConventionParty,
    ConventionStatus,
    ConventionStatusChange,
    Indicator,
    Measurement,
    Milestone,
    Role,
    User,
)

S = ConventionStatus
TRANSITIONS: dict[ConventionStatus, tuple[ConventionStatus, ...]] = {
    S.DRAFT: (S.SIGNED, S.TERMINATED),
    S.SIGNED: (S.IN_PROGRESS, S.SUSPENDED, S.TERMINATED),
    S.IN_PROGRESS: (S.COMPLETED, S.SUSPENDED, S.TERMINATED),
    S.SUSPENDED: (S.IN_PROGRESS, S.TERMINATED),
    S.COMPLETED: (),
    S.TERMINATED: (),
}
# Only a convention that is running can fall behind.
RUNNING = (S.SIGNED, S.IN_PROGRESS)


class ConventionError(ValueError):
    """A change the rules refuse; the message is translated."""


# --- who sees what -----------------------------------------------------------------------------


def sees_all_conventions(user: Any) -> bool:
    """Administrators and ministry officers see every convention."""
    return getattr(user, "is_authenticated", False) and user.role in (
        Role.ADMIN,
        Role.MINISTRY_OFFICER,
    )


def convention_scope(user: Any):
    """A WHERE clause on Convention: everything for the ministry, the conventions their
    organisation is party to for everyone else signed in, nothing for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return Convention.id.is_(None)
    if sees_all_conventions(user):
        return true()
    return exists().where(
        ConventionParty.convention_id == Convention.id,
        ConventionParty.organisation_id == user.organisation_id,
        ConventionParty.deleted_at.is_(None),
    )


def scoped_conventions(user: Any) -> Select:
    """SELECT of the conventions whose full page the user may open."""
    return select(Convention).where(convention_scope(user))


def can_edit_convention(user: Any) -> bool:
    """Ministry officers create and edit conventions (administrators too)."""
    return sees_all_conventions(user)


def can_record_progress(user: Any, parties: list[ConventionParty]) -> bool:
    """Federation staff of a party record milestones and measurements; the ministry too."""
    if sees_all_conventions(user):
        return True
    return getattr(user, "role", None) == Role.FEDERATION_STAFF and any(
        party.organisation_id == user.organisation_id for party in parties
    )


# --- derived facts -----------------------------------------------------------------------------


def _fraction(numerator: Decimal, denominator: Decimal) -> float:
    return float(numerator / denominator) if denominator else 0.0


def attainment(indicator: Indicator, value: Decimal | None) -> float:
    """Progress from baseline to target, between 0 and 1 (targets may go down too)."""
    if value is None:
        return 0.0
    span = indicator.target - indicator.baseline
    if span == 0:
        return 1.0 if value == indicator.target else 0.0
    return min(1.0, max(0.0, _fraction(value - indicator.baseline, span)))


def expected_attainment(indicator: Indicator, day: date) -> float:
    """Where the straight line from baseline to target says the indicator should be."""
    total = (indicator.target_date - indicator.baseline_date).days
    if total <= 0:
        return 1.0 if day >= indicator.target_date else 0.0
    elapsed = (day - indicator.baseline_date).days
    return min(1.0, max(0.0, elapsed / total))


@dataclass
class IndicatorView:
    """An indicator with its measurements, latest value and position against its line."""

    indicator: Indicator
    measurements: list[Measurement]
    today: date

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def current_value(self) -> Decimal:
        return self.latest.value if self.latest else self.indicator.baseline

    @property
    def attainment(self) -> float:
        return attainment(self.indicator, self.current_value)

    @property
    def expected(self) -> float:
        return expected_attainment(self.indicator, self.today)

    @property
    def below_trajectory(self) -> bool:
        return self.attainment + 1e-9 < self.expected


@dataclass
class ConventionView:
    """A convention with everything its page shows, loaded in a fixed number of queries."""

    convention: Convention
    today: date
    parties: list[ConventionParty] = field(default_factory=list)
    commitments: dict[int, list[Commitment]] = field(default_factory=dict)
    milestones: list[Milestone] = field(default_factory=list)
    indicators: list[IndicatorView] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    documents: list[ConventionDocument] = field(default_factory=list)
    history: list[ConventionStatusChange] = field(default_factory=list)

    @property
    def late_milestones(self) -> list[Milestone]:
        return [m for m in self.milestones if m.is_late(self.today)]

    @property
    def milestone_completion(self) -> float | None:
        if not self.milestones:
            return None
        return sum(1 for m in self.milestones if m.completed_on) / len(self.milestones)

    @property
    def indicator_attainment(self) -> float | None:
        if not self.indicators:
            return None
        return sum(i.attainment for i in self.indicators) / len(self.indicators)

    @property
    def progress(self) -> float:
        """The mean of milestone completion and indicator attainment (those that exist)."""
        parts = [p for p in (self.milestone_completion, self.indicator_attainment) if p is not None]
        return sum(parts) / len(parts) if parts else 0.0

    @property
    def risk_reasons(self) -> list[str]:
        """Why the convention is at risk (empty when it is not, or not running)."""
        if self.convention.status not in RUNNING:
            return []
        reasons = [
            _("Milestone overdue: %(title)s", title=localized(m, "title"))
            for m in self.late_milestones
        ]
        reasons += [
            _("Indicator below its trajectory: %(name)s", name=localized(i.indicator, "name"))
            for i in self.indicators
            if i.below_trajectory
        ]
        return reasons

    @property
    def at_risk(self) -> bool:
        return bool(self.risk_reasons)


def measurements_by_indicator(indicator_ids: list[int]) -> dict[int, list[Measurement]]:
    """The measurements of the given indicators, oldest first, in one query."""
    grouped: dict[int, list[Measurement]] = defaultdict(list)
    if indicator_ids:
        for measurement in db.session.execute(
            select(Measurement)
            .where(Measurement.indicator_id.in_(indicator_ids))
            .order_by(Measurement.measured_on, Measurement.id)
        ).scalars():
            grouped[measurement.indicator_id].append(measurement)
    return grouped


def load_view(convention: Convention, today: date) -> ConventionView:
    """Everything the convention page needs: one query per kind of row, whatever their count."""
    view = ConventionView(convention, today)
    cid = convention.id
    view.parties = list(
        db.session.execute(
            select(ConventionParty)
            .where(ConventionParty.convention_id == cid)
            .order_by(ConventionParty.role, ConventionParty.id)
        ).scalars()
    )
    grouped: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in db.session.execute(
        select(Commitment)
        .where(Commitment.convention_id == cid)
        .order_by(Commitment.due_date, Commitment.id)
    ).scalars():
        grouped[commitment.party_id].append(commitment)
    view.commitments = dict(grouped)
    view.milestones = list(
        db.session.execute(
            select(Milestone)
            .where(Milestone.convention_id == cid)
            .order_by(Milestone.due_date, Milestone.id)
        ).scalars()
    )
    indicators = list(
        db.session.execute(
            select(Indicator).where(Indicator.convention_id == cid).order_by(Indicator.id)
        ).scalars()
    )
    measurements = measurements_by_indicator([i.id for i in indicators])
    view.indicators = [IndicatorView(i, measurements.get(i.id, []), today) for i in indicators]
    view.amendments = list(
        db.session.execute(
            select(Amendment).where(Amendment.convention_id == cid).order_by(Amendment.number)
        ).scalars()
    )
    view.documents = list(
        db.session.execute(
            select(ConventionDocument)
            .where(ConventionDocument.convention_id == cid)
            .order_by(ConventionDocument.created_at)
        ).scalars()
    )
    view.history = list(
        db.session.execute(
            select(ConventionStatusChange)
            .where(ConventionStatusChange.convention_id == cid)
            .order_by(ConventionStatusChange.changed_at, ConventionStatusChange.id)
        ).scalars()
    )
    return view


def progress_by_convention(
    conventions: list[Convention], today: date
) -> dict[int, tuple[float, bool]]:
    """Progress and at-risk of many conventions (lists, dashboards) in a fixed number of
    queries: milestones, indicators and measurements are each read once for all of them."""
    ids = [c.id for c in conventions]
    if not ids:
        return {}
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in db.session.execute(
        select(Milestone).where(Milestone.convention_id.in_(ids))
    ).scalars():
        milestones[m.convention_id].append(m)
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    all_indicators = list(
        db.session.execute(select(Indicator).where(Indicator.convention_id.in_(ids))).scalars()
    )
    for i in all_indicators:
        indicators[i.convention_id].append(i)
    measurements = measurements_by_indicator([i.id for i in all_indicators])
    result = {}
    for convention in conventions:
        view = ConventionView(convention, today)
        view.milestones = milestones.get(convention.id, [])
        view.indicators = [
            IndicatorView(i, measurements.get(i.id, []), today)
            for i in indicators.get(convention.id, [])
        ]
        result[convention.id] = (view.progress, view.at_risk)
    return result


# --- changes -----------------------------------------------------------------------------------


def change_status(
    convention: Convention, new_status: ConventionStatus, actor: User, comment: str = ""
) -> None:
    """Move a convention along its workflow; the change is kept with date, actor, comment."""
    old = convention.status
    if new_status not in TRANSITIONS[old]:
        raise ConventionError(
            _(
                "A convention cannot go from %(old)s to %(new)s.",
                old=old.label,
                new=new_status.label,
            )
        )
    if new_status == S.SIGNED:
        parties = db.session.execute(
            select(func.count(ConventionParty.id)).where(
                ConventionParty.convention_id == convention.id
            )
        ).scalar_one()
        if parties < 2:
            raise ConventionError(_("A convention needs at least two parties to be signed."))
        if convention.signed_on is None:
            raise ConventionError(_("Give the signature date before marking it signed."))
    if new_status in (S.SUSPENDED, S.TERMINATED) and not comment.strip():
        raise ConventionError(_("Say why the convention is suspended or terminated."))
    convention.status = new_status
    db.session.add(
        ConventionStatusChange(
            convention_id=convention.id,
            from_status=old,
            to_status=new_status,
            actor_id=actor.id,
            comment=comment.strip(),
        )
    )
    db.session.flush()


def record_creation(convention: Convention, actor: User) -> None:
    """The first line of a convention's history."""
    db.session.add(
        ConventionStatusChange(
            convention_id=convention.id,
            from_status=None,
            to_status=convention.status,
            actor_id=actor.id,
            comment="",
        )
    )


def add_amendment(
    convention: Convention,
    *,
    signed_on: date,
    summary_fr: str,
    summary_ar: str,
    new_ends_on: date | None,
    new_budget_mad: Decimal | None,
    commitments_change_fr: str = "",
    commitments_change_ar: str = "",
) -> Amendment:
    """Record an amendment and apply what it changes; the values before are kept on it."""
    number = (
        db.session.execute(
            select(func.max(Amendment.number))
            .where(Amendment.convention_id == convention.id)
            .execution_options(include_deleted=True)
        ).scalar()
        or 0
    ) + 1
    amendment = Amendment(
        convention_id=convention.id,
        number=number,
        signed_on=signed_on,
        summary_fr=summary_fr,
        summary_ar=summary_ar,
        previous_ends_on=convention.ends_on,
        new_ends_on=new_ends_on,
        previous_budget_mad=convention.budget_mad,
        new_budget_mad=new_budget_mad,
        commitments_change_fr=commitments_change_fr,
        commitments_change_ar=commitments_change_ar,
    )
    db.session.add(amendment)
    if new_ends_on is not None:
        convention.ends_on = new_ends_on
    if new_budget_mad is not None:
        convention.budget_mad = new_budget_mad
    db.session.flush()
    return amendment
