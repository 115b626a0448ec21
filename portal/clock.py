"""Today's date in Morocco, in one place, so that tests can fix the clock."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MOROCCO = ZoneInfo("Africa/Casablanca")


def today() -> date:
    """The current date in Morocco (derived facts such as "late" are computed from it)."""
    return datetime.now(MOROCCO).date()
