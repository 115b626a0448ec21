"""The quality infrastructure bodies' figures on service requests (issue 15, item 4): per
body, over the requests received in a period, how many were received, the median number of
days to the first answer (quote, direct answer or refusal), the share answered within the 15
days, and the company ratings given when closing (average and how many).

Computed in SQL in two grouped statements (one row per body; one per body and number of
days, whose median is read from that histogram), over the requests the viewer's figures count
(``authz.figures_request_scope``: a body its own, a federation its members', the ministry
all), and kept in ``services/cache`` until a request (or a membership) changes. A page then
costs the cache tokens and the names of the bodies it shows, whatever the number of requests.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Integer, and_, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from portal.authz.organisations import visible_organisation_ids
from portal.authz.service_requests import figures_key, figures_request_scope
from portal.extensions import db
from portal.models import Ecosystem, Membership, Organisation, ServiceRequest
from portal.services.cache import Figures
from portal.services.service_requests import OPEN_STATUSES

PERIODS = ("12m", "year", "last_year")
SORTS = ("received", "median", "within", "rating", "ratings")
PER_PAGE = 50


class days_between(FunctionElement):
    """SQL: the whole days from ``earlier`` to ``later`` (two DATE columns), on both
    databases: a date difference on PostgreSQL, julian days on SQLite."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between_default(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(later, **kw)}) - "
        f"julianday({compiler.process(earlier, **kw)}) AS INTEGER)"
    )


@dataclass(frozen=True)
class Period:
    """The requests received from ``start`` to ``end`` (the last 12 months, this year, or
    last year)."""

    key: str
    start: date
    end: date

    @classmethod
    def parse(cls, value: str | None, today: date) -> Period:
        key = value if value in PERIODS else "12m"
        if key == "year":
            return cls(key, date(today.year, 1, 1), today)
        if key == "last_year":
            return cls(key, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
        return cls(key, today - timedelta(days=365), today)


@dataclass
class BodyFigures:
    """One body's figures over a period."""

    body_id: int
    received: int = 0
    answered: int = 0
    within: int = 0
    judged: int = 0  # answered, or still unanswered past the deadline
    median_days: float | None = None
    rating_average: float | None = None
    ratings: int = 0

    @property
    def within_share(self) -> float | None:
        """The share answered within 15 days, of those answered or past their deadline."""
        return self.within / self.judged if self.judged else None


# Kept until a request, a membership (a federation's members) or an ecosystem changes.
FIGURES = Figures("body-figures", depends_on=(ServiceRequest, Membership, Ecosystem, Organisation))


def compute(scope: Any, period: Period, today: date) -> list[BodyFigures]:
    """Every body's figures over the requests of ``scope`` received in ``period``: two
    grouped statements, whatever the number of requests."""
    in_period = (scope, ServiceRequest.submitted_on.between(period.start, period.end))
    answered_within = and_(
        ServiceRequest.answered_on.is_not(None),
        ServiceRequest.answered_on <= ServiceRequest.respond_by,
    )
    judged = ServiceRequest.answered_on.is_not(None) | and_(
        ServiceRequest.status.in_(OPEN_STATUSES), ServiceRequest.respond_by < today
    )
    rows = db.session.execute(
        select(
            ServiceRequest.body_id,
            func.count(),
            func.count(ServiceRequest.answered_on),
            func.sum(case((answered_within, 1), else_=0)),
            func.sum(case((judged, 1), else_=0)),
            func.avg(ServiceRequest.rating),
            func.count(ServiceRequest.rating),
        )
        .where(*in_period)
        .group_by(ServiceRequest.body_id)
    ).all()
    found = {
        body_id: BodyFigures(
            body_id,
            received=received,
            answered=answered,
            within=int(within or 0),
            judged=int(judged_count or 0),
            rating_average=round(float(average), 2) if average is not None else None,
            ratings=ratings,
        )
        for body_id, received, answered, within, judged_count, average, ratings in rows
    }
    days = days_between(ServiceRequest.answered_on, ServiceRequest.submitted_on)
    histogram: dict[int, dict[int, int]] = {}
    for body_id, day_count, count in db.session.execute(
        select(ServiceRequest.body_id, days, func.count())
        .where(*in_period, ServiceRequest.answered_on.is_not(None))
        .group_by(ServiceRequest.body_id, days)
    ).all():
        histogram.setdefault(body_id, {})[int(day_count)] = count
    for body_id, counts in histogram.items():
        if body_id in found:
            found[body_id].median_days = median(counts)
    return list(found.values())


def median(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}."""
    total = sum(counts.values())
    if not total:
        return None
    middle = ((total - 1) // 2, total // 2)
    values, seen = [], 0
    for value in sorted(counts):
        before = seen
        seen += counts[value]
        values += [value for position in middle if before <= position < seen]
    return sum(values) / 2


def figures_for(user: Any, period: Period, today: date) -> list[BodyFigures]:
    """The figures the user reads (``figures_request_scope``), from the cache while no
    request changed."""
    kept = FIGURES.get(
        (*figures_key(user), period.key, today.toordinal()),
        lambda: [asdict(row) for row in compute(figures_request_scope(user), period, today)],
    )
    return [BodyFigures(**row) for row in kept]


def _sort_key(sort: str):
    def key(row: BodyFigures) -> tuple:
        value = {
            "received": row.received,
            "median": row.median_days,
            "within": row.within_share,
            "rating": row.rating_average,
            "ratings": row.ratings,
        }[sort]
        return (value is None, value if value is not None else 0, row.body_id)

    return key


@dataclass
class FiguresPage:
    """A page of bodies' figures, sorted, with the bodies it names."""

    rows: list[BodyFigures]
    bodies: dict[int, Organisation]
    linked: set[int]  # the bodies whose page the user may open
    total: int
    page: int
    pages: int
    sort: str
    descending: bool


def _only(rows: list[BodyFigures], body_ids: Any) -> list[BodyFigures]:
    """The figures of these bodies, empty ones for those without requests."""
    wanted = set(body_ids)
    kept = [row for row in rows if row.body_id in wanted]
    return kept + [BodyFigures(body_id) for body_id in wanted - {row.body_id for row in kept}]


def _page_of(rows: list[BodyFigures], sort: str, descending: bool, page: int) -> dict[str, Any]:
    """One page of the rows sorted by a figure (bodies without it last, by id), the number
    of rows and the page number brought within the pages."""
    known = [row for row in rows if _sort_key(sort)(row)[0] is False]
    unknown = [row for row in rows if _sort_key(sort)(row)[0] is True]
    known.sort(key=_sort_key(sort), reverse=descending)
    ordered = known + sorted(unknown, key=lambda row: row.body_id)
    page = min(max(page, 1), max(1, -(-len(ordered) // PER_PAGE)))
    shown = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {"rows": [asdict(row) for row in shown], "total": len(ordered), "page": page}


def figures_page(
    user: Any,
    period: Period,
    today: date,
    *,
    sort: str = "received",
    descending: bool = True,
    page: int = 1,
    body_ids: Any = None,
) -> FiguresPage:
    """One page of the bodies' figures (``PER_PAGE`` bodies), sorted by a figure; the
    bodies' names in one statement, which of them the user may open in another.
    ``body_ids`` keeps only those bodies (a body's own)."""
    sort = sort if sort in SORTS else "received"
    if body_ids is None:
        # The sorted page is kept beside the figures it is cut from (under the same tokens):
        # decoding and sorting every body's figures cost the ministry's page 9 ms.
        kept = FIGURES.get(
            (*figures_key(user), period.key, today.toordinal(), sort, descending, page),
            lambda: _page_of(figures_for(user, period, today), sort, descending, page),
        )
    else:
        kept = _page_of(_only(figures_for(user, period, today), body_ids), sort, descending, page)
    shown = [BodyFigures(**row) for row in kept["rows"]]
    total, page = kept["total"], kept["page"]
    pages = max(1, -(-total // PER_PAGE))
    bodies = {
        body.id: body
        for body in db.session.execute(
            select(Organisation).where(Organisation.id.in_([row.body_id for row in shown]))
        ).scalars()
    }
    linked = visible_organisation_ids(user, list(bodies))
    return FiguresPage(shown, bodies, linked, total, page, pages, sort, descending)
