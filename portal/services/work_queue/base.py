"""The read-models of the work queues on the home pages, and the query helpers they share.

A home is a list of sections; a section says how many items there are in total, shows the
first few, and links to the full, filtered list; each item links to the page where its work is
done. Everything here is plain data (text already translated, dates, counts, addresses), so a
JSON endpoint can serve the same read-models as the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from portal.authz import HomeKind

# How many items a section shows; the rest are behind its "see all" links.
SHOWN = 5


@dataclass(frozen=True)
class Link:
    """A page to go to, with the number of items waiting there when it is known."""

    label: str
    href: str
    count: int | None = None


@dataclass(frozen=True)
class Item:
    """One piece of work: what it is, where it is done, and the date that matters.

    ``when_kind`` says what ``when`` is (asked, declared, due, answer_due, starts, ended,
    surveillance, expiry, updated); ``days`` counts the days from today to ``when`` (negative
    when it has passed) for the dates that run against a deadline. ``tone`` is the colour of
    the badge: danger (late, at risk), warning (your turn, soon), success, secondary."""

    title: str
    href: str
    context: str = ""
    step: str = ""
    badge: str = ""
    tone: str = "secondary"
    figure: str = ""
    when: date | datetime | None = None
    when_kind: str = ""
    days: int | None = None

    @property
    def late(self) -> bool:
        return self.days is not None and self.days < 0


@dataclass
class Section:
    """A list of work of one kind: its total, the first items, the full lists it comes from."""

    key: str
    title: str
    total: int
    items: list[Item]
    empty: str
    more: list[Link] = field(default_factory=list)
    note: str = ""
    # How many items the full list has, when they are not what ``total`` counts (an overview
    # lists ecosystems while its total counts the requests in them).
    listed: int | None = None

    @property
    def hidden(self) -> int:
        """How many items are not shown (they are on the linked lists)."""
        full = self.total if self.listed is None else self.listed
        return max(full - len(self.items), 0)


@dataclass
class Home:
    """Everything a home page shows: its sections, the links to the user's jobs, and the
    figures some homes keep (ecosystem summaries, platform counts, latest changes)."""

    kind: HomeKind
    sections: list[Section] = field(default_factory=list)
    shortcuts: list[Link] = field(default_factory=list)
    summaries: list[Any] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    recent_changes: list[Any] = field(default_factory=list)
    memberships: list[Any] = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        """The section with this key, if the home has it."""
        return next((s for s in self.sections if s.key == key), None)


def isolated(text: str) -> str:
    """Text of fixed direction ("2027-Q1", a reference) kept whole inside a sentence of the
    other direction (Unicode first-strong isolate), as ``<bdi>`` does in markup."""
    return f"\u2068{text}\u2069"


def days_between(today: date, day: date | datetime) -> int:
    """Days from today to the day (negative when it has passed)."""
    if isinstance(day, datetime):
        day = day.date()
    return (day - today).days
