"""How a convention advances, read: a convention with everything its page, its report and its
export show, loaded in a fixed number of queries, and the derived facts (late milestones and
commitments, how late something was done, indicator attainment and trajectory, progress, at
risk), for one convention or many (lists, dashboards)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Amendment,
    Commitment,
    CommitmentStatus,
    Convention,
    ConventionDocument,
    ConventionParty,
    ConventionStatusChange,
    Indicator,
    Measurement,
    Milestone,
)
from portal.services.conventions.rules import RUNNING
from portal.services.trajectory import OnTrajectory

# --- derived facts -----------------------------------------------------------------------------

# How long a description may be in a reason the convention is at risk.
SHORT_DESCRIPTION = 80


def lateness(item: Milestone | Commitment, today: date) -> str:
    """How late a milestone or a commitment is, in words: done N days late, done on time,
    overdue by N days; empty when there is nothing to say (not due yet, cancelled, no date)."""
    if item.due_date is None or getattr(item, "status", None) == CommitmentStatus.CANCELLED:
        return ""
    if item.completed_on is not None:
        days = item.days_late(today)
        if days:
            return ngettext("Done %(num)s day late", "Done %(num)s days late", days)
        return _("Done on time")
    if item.is_late(today):
        days = item.days_late(today)
        return ngettext("Overdue by %(num)s day", "Overdue by %(num)s days", days)
    return ""


def _shorten(text: str) -> str:
    return text if len(text) <= SHORT_DESCRIPTION else text[: SHORT_DESCRIPTION - 1] + "…"


class IndicatorView(OnTrajectory):
    """An indicator with its measurements, latest value and position against its line (the
    computation is ``services.trajectory``, shared with the quality objectives)."""

    @property
    def indicator(self) -> Indicator:
        return self.tracked


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
    def late_commitments(self) -> list[Commitment]:
        return [c for items in self.commitments.values() for c in items if c.is_late(self.today)]

    @property
    def documents_by_id(self) -> dict[int, ConventionDocument]:
        return {document.id: document for document in self.documents}

    def lateness(self, item: Milestone | Commitment) -> str:
        """How late the milestone or commitment is (see ``lateness``)."""
        return lateness(item, self.today)

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
        """Why the convention is at risk (empty when it is not, or not running): an overdue
        milestone, an overdue commitment (a party not doing what it signed for puts the
        convention at risk as much as a missed milestone), an indicator below its line."""
        if self.convention.status not in RUNNING:
            return []
        reasons = [
            _("Milestone overdue: %(title)s", title=localized(m, "title"))
            for m in self.late_milestones
        ]
        reasons += [
            _(
                "Commitment overdue: %(description)s (%(party)s)",
                description=_shorten(localized(c, "description")),
                party=localized(c.party.organisation, "name"),
            )
            for c in self.late_commitments
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
    queries: milestones, late commitments, indicators and measurements are each read once for
    all of them."""
    ids = [c.id for c in conventions]
    if not ids:
        return {}
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in db.session.execute(
        select(Milestone).where(Milestone.convention_id.in_(ids))
    ).scalars():
        milestones[m.convention_id].append(m)
    late_commitments: dict[int, list[Commitment]] = defaultdict(list)
    for c in db.session.execute(
        select(Commitment).where(Commitment.convention_id.in_(ids), Commitment.is_late(today))
    ).scalars():
        late_commitments[c.convention_id].append(c)
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
        view.commitments = {0: late_commitments.get(convention.id, [])}
        view.indicators = [
            IndicatorView(i, measurements.get(i.id, []), today)
            for i in indicators.get(convention.id, [])
        ]
        result[convention.id] = (view.progress, view.at_risk)
    return result


@dataclass
class PeriodSummary:
    """What happened to a convention between two days (its report's chosen period), read
    from its view: milestones and commitments done, those that fell due and are not done,
    the measurements taken, the amendments signed."""

    start: date
    end: date
    milestones_done: list[Milestone]
    milestones_missed: list[Milestone]
    commitments_done: list[Commitment]
    commitments_missed: list[Commitment]
    measurements: list[tuple[Indicator, Measurement]]
    amendments: list[Amendment]


def period_summary(view: ConventionView, start: date, end: date) -> PeriodSummary:
    """The period [``start``, ``end``] of a convention (no query: the view has it all)."""

    def within(day: date | None) -> bool:
        return day is not None and start <= day <= end

    commitments = [c for items in view.commitments.values() for c in items]
    return PeriodSummary(
        start=start,
        end=end,
        milestones_done=[m for m in view.milestones if within(m.completed_on)],
        milestones_missed=[
            m
            for m in view.milestones
            if within(m.due_date) and (m.completed_on is None or m.completed_on > m.due_date)
        ],
        commitments_done=[c for c in commitments if within(c.completed_on)],
        commitments_missed=[
            c
            for c in commitments
            if within(c.due_date)
            and c.status != CommitmentStatus.CANCELLED
            and (c.completed_on is None or c.completed_on > c.due_date)
        ],
        measurements=[
            (item.indicator, m)
            for item in view.indicators
            for m in item.measurements
            if within(m.measured_on)
        ],
        amendments=[a for a in view.amendments if within(a.signed_on)],
    )
