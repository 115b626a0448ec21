"""A measured quantity on its way from a baseline to a target by a date, shared by the
indicators of conventions and the quality objectives of a beneficiary (issue 14, item 4):
how far it has come (attainment), where the straight line from baseline to target says it
should be today (expected attainment), and whether it is below that line. Pure computation
on anything with ``baseline``, ``baseline_date``, ``target`` and ``target_date``, and
measurements with ``measured_on`` and ``value``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol


class Targeted(Protocol):
    """A quantity with a baseline and a target to reach by a date."""

    baseline: Decimal
    baseline_date: date
    target: Decimal
    target_date: date


def _fraction(numerator: Decimal, denominator: Decimal) -> float:
    return float(numerator / denominator) if denominator else 0.0


def attainment(tracked: Targeted, value: Decimal | None) -> float:
    """Progress from baseline to target, between 0 and 1 (targets may go down too)."""
    if value is None:
        return 0.0
    span = tracked.target - tracked.baseline
    if span == 0:
        return 1.0 if value == tracked.target else 0.0
    return min(1.0, max(0.0, _fraction(value - tracked.baseline, span)))


def expected_attainment(tracked: Targeted, day: date) -> float:
    """Where the straight line from baseline to target says the quantity should be."""
    total = (tracked.target_date - tracked.baseline_date).days
    if total <= 0:
        return 1.0 if day >= tracked.target_date else 0.0
    elapsed = (day - tracked.baseline_date).days
    return min(1.0, max(0.0, elapsed / total))


@dataclass
class OnTrajectory:
    """A quantity (``tracked``) with its measurements, oldest first, read on a day: its
    latest value, attainment and position against its line."""

    tracked: Any
    measurements: list[Any]
    today: date

    @property
    def latest(self) -> Any | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def current_value(self) -> Decimal:
        return self.latest.value if self.latest else self.tracked.baseline

    @property
    def attainment(self) -> float:
        return attainment(self.tracked, self.current_value)

    @property
    def expected(self) -> float:
        return expected_attainment(self.tracked, self.today)

    @property
    def below_trajectory(self) -> bool:
        return self.attainment + 1e-9 < self.expected

    @property
    def reached(self) -> bool:
        return self.attainment >= 1.0
