"""The periods a dashboard or a report covers: a quarter ("2026-Q3") or a year ("2026"),
offered for the last two years, the current quarter by default."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
YEAR = re.compile(r"^(\d{4})$")
YEARS_OFFERED = 3  # this year and the two before


@dataclass(frozen=True)
class Period:
    """A quarter or a year: its key, first and last day."""

    key: str
    start: date
    end: date

    @property
    def is_quarter(self) -> bool:
        return "-Q" in self.key

    @property
    def quarters(self) -> tuple[str, ...]:
        """The quarters it covers, written like the training needs' ("2026-Q3")."""
        year = self.start.year
        first = (self.start.month - 1) // 3 + 1
        last = (self.end.month - 1) // 3 + 1
        return tuple(f"{year}-Q{q}" for q in range(first, last + 1))

    @property
    def label(self) -> str:
        if self.is_quarter:
            year, quarter = self.key.split("-Q")
            return _("Quarter %(quarter)s of %(year)s", quarter=quarter, year=year)
        return _("Year %(year)s", year=self.key)

    def until(self, today: date) -> date:
        """The period's last day, or today while it runs."""
        return min(self.end, today)

    def previous(self) -> Period:
        """The period of the same length just before."""
        return period_of_key(
            f"{self.start.year - 1}"
            if not self.is_quarter
            else quarter_key(self.start - timedelta(days=1))
        )


def quarter_key(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def period_of_key(key: str) -> Period:
    """The period a key names (ValueError when it names none)."""
    found = QUARTER.match(key or "")
    if found:
        year, quarter = int(found[1]), int(found[2])
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        return Period(key, start, end - timedelta(days=1))
    found = YEAR.match(key or "")
    if found and 1900 < int(found[1]) < 3000:
        year = int(found[1])
        return Period(key, date(year, 1, 1), date(year, 12, 31))
    raise ValueError(key)


def offered_periods(today: date) -> list[Period]:
    """The periods offered, newest first: the quarters of this year and the two before
    (those begun), then those years."""
    quarters = []
    for year in range(today.year, today.year - YEARS_OFFERED, -1):
        for quarter in range(4, 0, -1):
            period = period_of_key(f"{year}-Q{quarter}")
            if period.start <= today:
                quarters.append(period)
    years = [period_of_key(str(year)) for year in range(today.year, today.year - YEARS_OFFERED, -1)]
    return quarters + years


def chosen_period(key: str | None, today: date) -> Period:
    """The period a request asks for when it is one offered, else the current quarter."""
    offered = {period.key: period for period in offered_periods(today)}
    return offered.get(key or "", period_of_key(quarter_key(today)))


def last_complete_quarter(today: date) -> Period:
    """The quarter before the current one (the quarterly report's default)."""
    return period_of_key(quarter_key(period_of_key(quarter_key(today)).start - timedelta(days=1)))
