"""The demand for training: validated needs by topic × region × quarter, read from the demand
summary (``demand_summary``: kept exact when needs change), its filters and export, and the
needs behind one cell (a page at a time)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.authz import P, has_permission
from portal.authz.training import demand_ecosystem_scope, need_scope
from portal.bounds import query_int
from portal.extensions import db
from portal.i18n import localized
from portal.models import Ecosystem, TrainingNeed, TrainingTopic
from portal.models.reference import REGIONS, region_label
from portal.models.training import ALL_ECOSYSTEMS, TrainingDemandCell
from portal.services.cache import View
from portal.services.paging import BoundedPagination, paginate
from portal.services.training.common import DEMAND_STATUSES


@dataclass(frozen=True)
class DemandCell:
    """Validated needs for one topic in one region and quarter."""

    topic_id: int
    region: str
    quarter: str
    people: int
    companies: int
    needs: int


@dataclass
class DemandFilters:
    """The demand view's filters: one ecosystem (else all in scope), one region (else all)."""

    ecosystem: int | None = None
    region: str = ""

    @classmethod
    def from_args(cls, args: Any, ecosystem_ids: Iterable[int]) -> DemandFilters:
        """The filters read from query-string arguments (a mapping), within the ecosystems."""
        ecosystem = query_int(args, "ecosystem")
        region = args.get("region", "")
        return cls(
            ecosystem=ecosystem if ecosystem in set(ecosystem_ids) else None,
            region=region if region in REGIONS else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.ecosystem or self.region)

    def as_args(self, **extra: Any) -> dict[str, Any]:
        """The filters set, as query-string arguments (for export links)."""
        return {**{k: v for k, v in asdict(self).items() if v}, **extra}


def summary_keys(
    user: Any, ecosystem_id: int | None = None, ecosystems: list[Ecosystem] | None = None
) -> list[int]:
    """The summary rows that make up the user's demand: one ecosystem's if given (within the
    user's), every ecosystem's total when the user sees them all, else those they lead.
    ``ecosystems``: the user's ``demand_ecosystems``, when the caller has them already."""
    if not has_permission(user, P.VIEW_TRAINING_DEMAND):
        return []
    ids = [e.id for e in (demand_ecosystems(user) if ecosystems is None else ecosystems)]
    if ecosystem_id is not None:
        return [ecosystem_id] if ecosystem_id in ids else []
    every = db.session.execute(select(func.count(Ecosystem.id))).scalar_one()
    return [ALL_ECOSYSTEMS] if ids and len(ids) == every else ids


def _cells_select(keys: list[int]):
    """SELECT of DemandCell rows for the summary keys: read as they are for one key; for
    several ecosystems (a federation leading more than one), aggregated from the needs, as
    a company may be in more than one of them (counted once)."""
    if len(keys) == 1:
        cells = TrainingDemandCell
        return select(
            cells.topic_id, cells.region, cells.quarter, cells.people, cells.companies, cells.needs
        ).where(cells.ecosystem_id == keys[0])
    return (
        select(
            TrainingNeed.topic_id,
            TrainingNeed.region,
            TrainingNeed.quarter,
            func.sum(TrainingNeed.people).label("people"),
            func.count(func.distinct(TrainingNeed.organisation_id)).label("companies"),
            func.count(TrainingNeed.id).label("needs"),
        )
        .where(TrainingNeed.ecosystem_id.in_(keys), TrainingNeed.status.in_(DEMAND_STATUSES))
        .group_by(TrainingNeed.topic_id, TrainingNeed.region, TrainingNeed.quarter)
    )


def demand(user: Any, *, ecosystem_id: int | None = None) -> list[DemandCell]:
    """Demand by topic × region × quarter (every cell of the user's demand, by region, topic
    and quarter), read from the summary."""
    keys = summary_keys(user, ecosystem_id)
    if not keys:
        return []
    query = _cells_select(keys).subquery()
    rows = db.session.execute(
        select(query).order_by(query.c.region, query.c.topic_id, query.c.quarter)
    )
    return [DemandCell(*row) for row in rows]


@dataclass(frozen=True)
class DemandView:
    """What the demand page shows: the totals, people by topic and quarter (the heat map),
    and a bounded table: the cells of one region, else the ``TOP_CELLS`` with most people."""

    people: int
    needs: int
    heat: list[DemandCell]
    cells: list[DemandCell]
    top_only: bool


TOP_CELLS = 25


# The demand page's figures of each scope and region, kept until the summary (or, for a
# federation leading several ecosystems, the needs) they were read from changes.
DEMAND_VIEWS = View("training-demand", types=(DemandView, DemandCell))


def demand_view(
    user: Any, filters: DemandFilters, ecosystems: list[Ecosystem] | None = None
) -> DemandView:
    """The demand page's figures, from the summary (a few hundred rows at most);
    ``ecosystems`` as for ``summary_keys``."""
    keys = summary_keys(user, filters.ecosystem, ecosystems)
    if not keys:
        return DemandView(people=0, needs=0, heat=[], cells=[], top_only=False)
    key = ("-".join(map(str, keys)), filters.region or "all")
    return DEMAND_VIEWS.get(key, lambda: _demand_view(keys, filters))


def _demand_view(keys: list[int], filters: DemandFilters) -> DemandView:
    cells = TrainingDemandCell
    if len(keys) == 1:
        scope = [cells.ecosystem_id == keys[0]]
        if filters.region:
            scope.append(cells.region == filters.region)
        people, needs = db.session.execute(
            select(func.sum(cells.people), func.sum(cells.needs)).where(*scope)
        ).one()
        heat_rows = db.session.execute(
            select(cells.topic_id, cells.quarter, func.sum(cells.people))
            .where(*scope)
            .group_by(cells.topic_id, cells.quarter)
        )
    else:
        source = _cells_select(keys).subquery()
        scope = [source.c.region == filters.region] if filters.region else []
        people, needs = db.session.execute(
            select(func.sum(source.c.people), func.sum(source.c.needs)).where(*scope)
        ).one()
        heat_rows = db.session.execute(
            select(source.c.topic_id, source.c.quarter, func.sum(source.c.people))
            .where(*scope)
            .group_by(source.c.topic_id, source.c.quarter)
        )
    heat = [
        DemandCell(topic_id, filters.region, quarter, int(total or 0), 0, 0)
        for topic_id, quarter, total in heat_rows
    ]
    source = _cells_select(keys).subquery()
    table = select(source)
    if filters.region:
        table = table.where(source.c.region == filters.region).order_by(
            source.c.topic_id, source.c.quarter
        )
        rows = [DemandCell(*row) for row in db.session.execute(table)]
        return DemandView(int(people or 0), int(needs or 0), heat, rows, top_only=False)
    table = table.order_by(
        source.c.people.desc(),
        source.c.topic_id.desc(),
        source.c.region.desc(),
        source.c.quarter.desc(),
    ).limit(TOP_CELLS + 1)
    rows = [DemandCell(*row) for row in db.session.execute(table)]
    return DemandView(
        int(people or 0), int(needs or 0), heat, rows[:TOP_CELLS], top_only=len(rows) > TOP_CELLS
    )


def demand_ecosystems(user: Any) -> list[Ecosystem]:
    """The ecosystems whose demand the user sees: federation staff those they lead."""
    return list(
        db.session.execute(
            select(Ecosystem).where(demand_ecosystem_scope(user)).order_by(Ecosystem.name_fr)
        ).scalars()
    )


def demand_table(
    user: Any, filters: DemandFilters, topics: dict[int, TrainingTopic]
) -> tuple[list[str], Iterator[list[Any]]]:
    """The demand, with its filters, as a table for the export (counts, never names): every
    cell, read lazily from the summary."""
    headers = [
        _("Topic code"),
        _("Topic"),
        _("Region code"),
        _("Region"),
        _("Quarter"),
        _("People"),
        _("Companies"),
        _("Needs"),
    ]
    keys = summary_keys(user, filters.ecosystem)
    source = _cells_select(keys or [-1]).subquery()
    # The summary's own order (region, topic, quarter): no sort.
    query = select(source).order_by(source.c.region, source.c.topic_id, source.c.quarter)
    if filters.region:
        query = query.where(source.c.region == filters.region)
    codes = {topic_id: topic.code for topic_id, topic in topics.items()}
    names = {topic_id: localized(topic, "name") for topic_id, topic in topics.items()}
    regions = {code: region_label(code) for code in REGIONS}

    def rows() -> Iterator[list[Any]]:
        if not keys:
            return
        for c in db.session.execute(query.execution_options(yield_per=1000)):
            yield [
                codes.get(c.topic_id, ""),
                names.get(c.topic_id, ""),
                c.region,
                regions.get(c.region, ""),
                c.quarter,
                c.people,
                c.companies,
                c.needs,
            ]

    return headers, rows()


def cell_needs(user: Any, topic_id: int, region: str, quarter: str) -> list[TrainingNeed]:
    """The validated needs behind a demand cell that the user may see row by row."""
    return list(
        db.session.execute(
            select(TrainingNeed)
            .where(
                need_scope(user),
                TrainingNeed.status.in_(DEMAND_STATUSES),
                TrainingNeed.topic_id == topic_id,
                TrainingNeed.region == region,
                TrainingNeed.quarter == quarter,
            )
            .order_by(TrainingNeed.priority, TrainingNeed.id)
        ).scalars()
    )


def cell_figures(
    user: Any, topic_id: int, region: str, quarter: str, ecosystem_id: int | None = None
) -> DemandCell:
    """The people, companies and needs of one demand cell in the user's demand."""
    keys = summary_keys(user, ecosystem_id)
    source = _cells_select(keys or [-1]).subquery()
    row = db.session.execute(
        select(source).where(
            source.c.topic_id == topic_id, source.c.region == region, source.c.quarter == quarter
        )
    ).first()
    if not keys or row is None:
        return DemandCell(topic_id, region, quarter, 0, 0, 0)
    return DemandCell(*row)


def cell_ecosystems(topic_id: int, region: str, quarter: str) -> list[int]:
    """The ecosystems with validated needs in a demand cell (from the summary)."""
    cells = TrainingDemandCell
    return list(
        db.session.execute(
            select(cells.ecosystem_id).where(
                cells.topic_id == topic_id,
                cells.region == region,
                cells.quarter == quarter,
                cells.ecosystem_id != ALL_ECOSYSTEMS,
            )
        ).scalars()
    )


def cell_needs_page(
    user: Any,
    topic_id: int,
    region: str,
    quarter: str,
    ecosystem_id: int | None = None,
    *,
    page: int,
    per_page: int,
) -> BoundedPagination:
    """One page of the validated needs behind a demand cell (in one ecosystem if given) that
    the user may see row by row, newest first (read through the cell index)."""
    query = select(TrainingNeed).where(
        need_scope(user),
        TrainingNeed.status.in_(DEMAND_STATUSES),
        TrainingNeed.topic_id == topic_id,
        TrainingNeed.region == region,
        TrainingNeed.quarter == quarter,
    )
    if ecosystem_id:
        query = query.where(TrainingNeed.ecosystem_id == ecosystem_id)
    query = query.order_by(TrainingNeed.created_at.desc(), TrainingNeed.id.desc()).options(
        selectinload(TrainingNeed.organisation)
    )
    return paginate(query, page=page, per_page=per_page)
