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

from sqlalchemy import Select, func, literal_column, select, union_all

from portal.authz import HomeKind
from portal.extensions import db
from portal.services.paging import count_up_to

# How many items a section shows; the rest are behind its "see all" links.
SHOWN = 5

# A section counts its items up to this bound (an index read that stops early, whatever the
# size of the data); past it, the home shows "100+" and the linked list gives the rest.
COUNT_LIMIT = 100


@dataclass(frozen=True)
class Link:
    """A page to go to, with the number of items waiting there when it is known."""

    label: str
    href: str
    count: int | None = None
    # ``count`` is a lower bound: there are more than ``count`` (shown as "100+").
    capped: bool = False


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
    # ``total`` is a lower bound: there are more than ``total`` items (shown as "100+").
    capped: bool = False

    @property
    def hidden(self) -> int:
        """How many items are not shown (they are on the linked lists); a lower bound when
        the total is capped."""
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
    mail_backlog: Any = None  # the outbox's backlog, on the administrators' home

    def section(self, key: str) -> Section | None:
        """The section with this key, if the home has it."""
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Bounded:
    """A count read up to ``COUNT_LIMIT``: the number, and whether there are more."""

    count: int
    capped: bool = False

    def __add__(self, other: Bounded) -> Bounded:
        count = self.count + other.count
        capped = self.capped or other.capped or count > COUNT_LIMIT
        return Bounded(min(count, COUNT_LIMIT), capped)


def bounded_count(statement: Select, limit: int | None = None) -> Bounded:
    """How many rows ``statement`` has, read up to ``limit`` (``COUNT_LIMIT`` unless given;
    services.paging.count_up_to)."""
    limit = COUNT_LIMIT if limit is None else limit
    counted = count_up_to(statement, limit)
    return Bounded(min(counted, limit), counted > limit)


def bounded_counts(statements: dict[Any, Select], limit: int | None = None) -> dict[Any, Bounded]:
    """Several bounded counts in one statement (a UNION ALL of counts each read up to
    ``limit``, ``COUNT_LIMIT`` unless given): the count of each key's statement."""
    limit = COUNT_LIMIT if limit is None else limit
    if not statements:
        return {}
    keys = list(statements)
    arms = [
        select(literal_column(str(index)).label("arm"), func.count().label("n")).select_from(
            statements[key].order_by(None).limit(limit + 1).subquery()
        )
        for index, key in enumerate(keys)
    ]
    query = arms[0] if len(arms) == 1 else union_all(*arms)
    counted = dict(db.session.execute(query).all())
    return {
        key: Bounded(min(counted.get(index, 0), limit), counted.get(index, 0) > limit)
        for index, key in enumerate(keys)
    }


def first_ids(arms: list[Select], *, descending: bool = False, shown: int = SHOWN) -> list[int]:
    """The ids of ``first_rows``."""
    return [row[-1] for row in first_rows(arms, descending=descending, shown=shown)]


def first_rows(arms: list[Select], *, descending: bool = False, shown: int = SHOWN) -> list[tuple]:
    """The ids of the first ``shown`` rows of several lists, each ordered on an index (one
    list per ecosystem, per stage...), in one statement: a UNION ALL of the lists' first
    ``shown`` rows, merged in Python. Each arm selects its sort columns then the id, in its
    ORDER BY's order (all ascending, or all ``descending``), so no arm reads more than
    ``shown`` rows nor sorts anything, whatever the size of the data. A constant first column
    (``literal_column("0")``) puts one arm's rows before another's."""
    if not arms:
        return []
    limited = [select(arm.limit(shown).subquery()) for arm in arms]
    query = limited[0] if len(limited) == 1 else union_all(*limited)
    rows = sorted((tuple(row) for row in db.session.execute(query)), reverse=descending)
    return rows[:shown]


def load_in_order(statement: Select, ids: list[int]) -> list[Any]:
    """The entities of ``statement`` (a SELECT of one model, its eager loads included) whose
    ids are ``ids``, in that order: one statement on the primary key."""
    if not ids:
        return []
    entity = statement.column_descriptions[0]["entity"]
    rows = db.session.execute(statement.where(entity.id.in_(ids))).scalars()
    found = {row.id: row for row in rows}
    return [found[i] for i in ids if i in found]


def isolated(text: str) -> str:
    """Text of fixed direction ("2027-Q1", a reference) kept whole inside a sentence of the
    other direction (Unicode first-strong isolate), as ``<bdi>`` does in markup."""
    return f"\u2068{text}\u2069"


def days_between(today: date, day: date | datetime) -> int:
    """Days from today to the day (negative when it has passed)."""
    if isinstance(day, datetime):
        day = day.date()
    return (day - today).days
