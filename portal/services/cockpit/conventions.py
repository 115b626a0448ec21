"""The conventions on a dashboard: per ecosystem, the running conventions with their mean
progress and how many are at risk, late milestones and commitments, indicators against
target and trajectory, what was done and missed in the period; and the few to look at first
(the conventions at risk with the least progress, the oldest late milestones and
commitments with the party that owns them, the indicators furthest below their line).

The counts are grouped SQL; progress and trajectories are computed from one read of the
running conventions' milestone counts and one of their indicators with their latest
measurement (a few thousand rows at national scale), with the same rules as a convention's
page (``services.conventions.progress``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select

from portal.extensions import db
from portal.models import (
    Commitment,
    CommitmentStatus,
    Convention,
    ConventionParty,
    ConventionStatus,
    Indicator,
    Measurement,
    Milestone,
    Organisation,
)
from portal.services.cockpit.figures import count_if
from portal.services.cockpit.periods import Period
from portal.services.conventions.rules import RUNNING
from portal.services.trajectory import attainment, expected_attainment

TOP = 10  # items of each list shown; the counts say how many there are


@dataclass
class LateItem:
    """A late milestone or commitment (with the party that owns a commitment)."""

    convention_id: int
    reference: str
    ecosystem_id: int
    title_fr: str
    title_ar: str
    due_date: date
    days_late: int
    party_fr: str = ""
    party_ar: str = ""


@dataclass
class ConventionProgress:
    """A running convention with its progress and what puts it at risk (late milestones and
    commitments, indicators below their line); its status and end for the report's list."""

    convention_id: int
    reference: str
    ecosystem_id: int
    title_fr: str
    title_ar: str
    progress: float
    late_milestones: int
    late_commitments: int
    indicators_below: int
    status: ConventionStatus | None = None
    ends_on: date | None = None

    @property
    def at_risk(self) -> bool:
        return bool(self.late_milestones or self.late_commitments or self.indicators_below)


@dataclass
class IndicatorGap:
    """An indicator below the straight line from its baseline to its target."""

    convention_id: int
    reference: str
    ecosystem_id: int
    name_fr: str
    name_ar: str
    unit_fr: str
    unit_ar: str
    value: float
    target: float
    attainment: float
    expected: float


TYPES = (LateItem, ConventionProgress, IndicatorGap)

COUNTS = (
    "running",
    "at_risk",
    "late_milestones",
    "late_commitments",
    "indicators",
    "indicators_achieved",
    "indicators_on_track",
    "indicators_below",
    "milestones_done",
    "milestones_missed",
    "commitments_done",
    "commitments_missed",
)


def _running(ecosystem_ids: tuple[int, ...]) -> Any:
    return and_(Convention.ecosystem_id.in_(ecosystem_ids), Convention.status.in_(RUNNING))


def _indicators(conventions: Any, today: date) -> list[dict[str, Any]]:
    """The indicators of the conventions (a condition on them) with their latest value (the
    baseline when none is measured yet), attainment and expected attainment today, and
    whether they are below their line."""
    # Each indicator's latest measurement: the first in the order of measurement date.
    ranked = (
        select(
            Measurement.indicator_id,
            Measurement.value,
            func.row_number()
            .over(
                partition_by=Measurement.indicator_id,
                order_by=(Measurement.measured_on.desc(), Measurement.id.desc()),
            )
            .label("rank"),
        )
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(Convention, Convention.id == Indicator.convention_id)
        .where(conventions)
        .subquery()
    )
    latest = select(ranked.c.indicator_id, ranked.c.value).where(ranked.c.rank == 1).subquery()
    rows = db.session.execute(
        select(Indicator, Convention.reference, Convention.ecosystem_id, latest.c.value)
        .join(Convention, Convention.id == Indicator.convention_id)
        .outerjoin(latest, latest.c.indicator_id == Indicator.id)
        .where(conventions)
        .order_by(Indicator.id)
    ).all()
    found = []
    for indicator, reference, ecosystem_id, value in rows:
        current = value if value is not None else indicator.baseline
        reached = attainment(indicator, current)
        expected = expected_attainment(indicator, today)
        found.append(
            {
                "indicator": indicator,
                "reference": reference,
                "ecosystem_id": ecosystem_id,
                "value": Decimal(current),
                "attainment": reached,
                "expected": expected,
                # As on a convention's page: below the straight line, target not reached.
                "below": reached < 1 and reached + 1e-9 < expected,
            }
        )
    return found


def _progress(milestones: tuple[int, int], attainments: list[float]) -> float:
    """A convention's progress, as on its page: the mean of its milestone completion (done
    of ``milestones`` = (total, done)) and its indicators' mean attainment, those it has."""
    total, done = milestones
    parts = [done / total] if total else []
    if attainments:
        parts.append(sum(attainments) / len(attainments))
    return sum(parts) / len(parts) if parts else 0.0


def conventions(ecosystem_ids: tuple[int, ...], period: Period, today: date) -> dict[str, Any]:
    """The conventions' figures per ecosystem (``COUNTS``, the mean ``progress``) and the
    lists to look at first (``at_risk``, ``late_milestones``, ``late_commitments``,
    ``indicators_below``: ``TOP`` each)."""
    per: dict[str, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    running = db.session.execute(
        select(
            Convention.id,
            Convention.ecosystem_id,
            Convention.reference,
            Convention.title_fr,
            Convention.title_ar,
        )
        .where(_running(ecosystem_ids))
        .order_by(Convention.id)
    ).all()
    conventions_by_id = {row.id: row for row in running}
    for row in running:
        per[str(row.ecosystem_id)]["running"] += 1

    # Milestones: per convention, how many, how many done, how many late; in the period,
    # those done and those that fell due and were missed (not done by their date).
    within = and_(Milestone.due_date >= period.start, Milestone.due_date <= period.end)
    missed = and_(
        within,
        Milestone.due_date < today,
        or_(Milestone.completed_on.is_(None), Milestone.completed_on > Milestone.due_date),
    )
    milestones: dict[int, tuple[int, int, int]] = {}
    for convention_id, total, done, late, done_in_period, missed_in_period in db.session.execute(
        select(
            Milestone.convention_id,
            func.count(),
            func.count(Milestone.completed_on),
            count_if(Milestone.is_late(today)),
            count_if(Milestone.completed_on.between(period.start, period.end)),
            count_if(missed),
        )
        .join(Convention, Convention.id == Milestone.convention_id)
        .where(_running(ecosystem_ids))
        .group_by(Milestone.convention_id)
    ):
        milestones[convention_id] = (total, done, int(late or 0))
        figures = per[str(conventions_by_id[convention_id].ecosystem_id)]
        figures["late_milestones"] += int(late or 0)
        figures["milestones_done"] += int(done_in_period or 0)
        figures["milestones_missed"] += int(missed_in_period or 0)

    # Commitments: late ones per convention; done and missed in the period.
    open_commitment = Commitment.status != CommitmentStatus.CANCELLED
    commitment_missed = and_(
        open_commitment,
        Commitment.due_date.between(period.start, period.end),
        Commitment.due_date < today,
        or_(Commitment.completed_on.is_(None), Commitment.completed_on > Commitment.due_date),
    )
    late_commitments: dict[int, int] = {}
    for convention_id, late, done_in_period, missed_in_period in db.session.execute(
        select(
            Commitment.convention_id,
            count_if(Commitment.is_late(today)),
            count_if(Commitment.completed_on.between(period.start, period.end)),
            count_if(commitment_missed),
        )
        .join(Convention, Convention.id == Commitment.convention_id)
        .where(_running(ecosystem_ids))
        .group_by(Commitment.convention_id)
    ):
        late_commitments[convention_id] = int(late or 0)
        figures = per[str(conventions_by_id[convention_id].ecosystem_id)]
        figures["late_commitments"] += int(late or 0)
        figures["commitments_done"] += int(done_in_period or 0)
        figures["commitments_missed"] += int(missed_in_period or 0)

    # Indicators against target and trajectory.
    indicators = _indicators(_running(ecosystem_ids), today)
    attainments: dict[int, list[float]] = defaultdict(list)
    below: dict[int, int] = defaultdict(int)
    gaps = []
    for item in indicators:
        indicator = item["indicator"]
        figures = per[str(item["ecosystem_id"])]
        figures["indicators"] += 1
        attainments[indicator.convention_id].append(item["attainment"])
        if item["attainment"] >= 1:
            figures["indicators_achieved"] += 1
        elif item["below"]:
            figures["indicators_below"] += 1
            below[indicator.convention_id] += 1
            gaps.append(item)
        else:
            figures["indicators_on_track"] += 1

    # Progress and risk, as on a convention's page: the mean of milestone completion and
    # indicator attainment; at risk with a late milestone or commitment or an indicator
    # below its line.
    progress_sum: dict[str, float] = defaultdict(float)
    at_risk = []
    for row in running:
        total, done, late = milestones.get(row.id, (0, 0, 0))
        progress = _progress((total, done), attainments.get(row.id, []))
        progress_sum[str(row.ecosystem_id)] += progress
        if late or late_commitments.get(row.id) or below.get(row.id):
            per[str(row.ecosystem_id)]["at_risk"] += 1
            at_risk.append(
                ConventionProgress(
                    convention_id=row.id,
                    reference=row.reference,
                    ecosystem_id=row.ecosystem_id,
                    title_fr=row.title_fr,
                    title_ar=row.title_ar,
                    progress=progress,
                    late_milestones=late,
                    late_commitments=late_commitments.get(row.id, 0),
                    indicators_below=below.get(row.id, 0),
                )
            )
    for key, figures in per.items():
        figures["progress"] = progress_sum[key] / figures["running"] if figures["running"] else 0.0

    at_risk.sort(key=lambda c: (c.progress, c.reference))
    gaps.sort(key=lambda item: (item["attainment"] - item["expected"], item["indicator"].id))
    return {
        "ecosystems": dict(per),
        "at_risk": at_risk[:TOP],
        "late_milestones": _late_milestones(ecosystem_ids, today),
        "late_commitments": _late_commitments(ecosystem_ids, today),
        "indicators_below": [
            IndicatorGap(
                convention_id=item["indicator"].convention_id,
                reference=item["reference"],
                ecosystem_id=item["ecosystem_id"],
                name_fr=item["indicator"].name_fr,
                name_ar=item["indicator"].name_ar,
                unit_fr=item["indicator"].unit_fr,
                unit_ar=item["indicator"].unit_ar,
                value=float(item["value"]),
                target=float(item["indicator"].target),
                attainment=item["attainment"],
                expected=item["expected"],
            )
            for item in gaps[:TOP]
        ],
    }


def _late_milestones(ecosystem_ids: tuple[int, ...], today: date) -> list[LateItem]:
    """The ``TOP`` oldest late milestones of the running conventions."""
    rows = db.session.execute(
        select(Milestone, Convention.reference, Convention.ecosystem_id)
        .join(Convention, Convention.id == Milestone.convention_id)
        .where(_running(ecosystem_ids), Milestone.is_late(today))
        .order_by(Milestone.due_date, Milestone.id)
        .limit(TOP)
    ).all()
    return [
        LateItem(
            convention_id=milestone.convention_id,
            reference=reference,
            ecosystem_id=ecosystem_id,
            title_fr=milestone.title_fr,
            title_ar=milestone.title_ar,
            due_date=milestone.due_date,
            days_late=milestone.days_late(today),
        )
        for milestone, reference, ecosystem_id in rows
    ]


def _late_commitments(ecosystem_ids: tuple[int, ...], today: date) -> list[LateItem]:
    """The ``TOP`` oldest late commitments of the running conventions, with their party."""
    rows = db.session.execute(
        select(Commitment, Convention.reference, Convention.ecosystem_id, Organisation)
        .join(Convention, Convention.id == Commitment.convention_id)
        .join(ConventionParty, ConventionParty.id == Commitment.party_id)
        .join(Organisation, Organisation.id == ConventionParty.organisation_id)
        .where(_running(ecosystem_ids), Commitment.is_late(today))
        .order_by(Commitment.due_date, Commitment.id)
        .limit(TOP)
    ).all()
    return [
        LateItem(
            convention_id=commitment.convention_id,
            reference=reference,
            ecosystem_id=ecosystem_id,
            title_fr=commitment.description_fr,
            title_ar=commitment.description_ar,
            due_date=commitment.due_date,
            days_late=commitment.days_late(today),
            party_fr=party.name_fr,
            party_ar=party.name_ar,
        )
        for commitment, reference, ecosystem_id, party in rows
    ]


PAGE = 500  # the running conventions read at a time (``running_conventions``)


def running_conventions(
    ecosystem_ids: tuple[int, ...], today: date, limit: int | None = None
) -> Iterator[ConventionProgress]:
    """The running conventions of the ecosystems by ecosystem and reference, with their
    progress and what is late, read ``PAGE`` at a time on that order (a keyset: four grouped
    statements a page); ``limit``: at most that many."""
    after: tuple[int, str] | None = None
    left = limit
    while ecosystem_ids and (left is None or left > 0):
        size = PAGE if left is None else min(PAGE, left)
        statement = (
            select(
                Convention.id,
                Convention.ecosystem_id,
                Convention.reference,
                Convention.title_fr,
                Convention.title_ar,
                Convention.status,
                Convention.ends_on,
            )
            .where(_running(ecosystem_ids))
            .order_by(Convention.ecosystem_id, Convention.reference)
            .limit(size)
        )
        if after is not None:
            statement = statement.where(
                or_(
                    Convention.ecosystem_id > after[0],
                    and_(Convention.ecosystem_id == after[0], Convention.reference > after[1]),
                )
            )
        rows = db.session.execute(statement).all()
        yield from _progress_of(rows, today)
        if len(rows) < size:
            return
        after = (rows[-1].ecosystem_id, rows[-1].reference)
        left = None if left is None else left - len(rows)


def _progress_of(rows: Sequence[Any], today: date) -> list[ConventionProgress]:
    """Progress and lateness of a page of conventions (rows of ``running_conventions``)."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    milestones = {
        convention_id: (total, done, int(late or 0))
        for convention_id, total, done, late in db.session.execute(
            select(
                Milestone.convention_id,
                func.count(),
                func.count(Milestone.completed_on),
                count_if(Milestone.is_late(today)),
            )
            .where(Milestone.convention_id.in_(ids))
            .group_by(Milestone.convention_id)
        )
    }
    late_commitments = dict(
        db.session.execute(
            select(Commitment.convention_id, func.count())
            .where(Commitment.convention_id.in_(ids), Commitment.is_late(today))
            .group_by(Commitment.convention_id)
        ).all()
    )
    attainments: dict[int, list[float]] = defaultdict(list)
    below: dict[int, int] = defaultdict(int)
    for item in _indicators(Convention.id.in_(ids), today):
        convention_id = item["indicator"].convention_id
        attainments[convention_id].append(item["attainment"])
        below[convention_id] += item["below"]
    lines = []
    for row in rows:
        total, done, late = milestones.get(row.id, (0, 0, 0))
        lines.append(
            ConventionProgress(
                convention_id=row.id,
                reference=row.reference,
                ecosystem_id=row.ecosystem_id,
                title_fr=row.title_fr,
                title_ar=row.title_ar,
                progress=_progress((total, done), attainments.get(row.id, [])),
                late_milestones=late,
                late_commitments=int(late_commitments.get(row.id, 0)),
                indicators_below=below.get(row.id, 0),
                status=row.status,
                ends_on=row.ends_on,
            )
        )
    return lines
