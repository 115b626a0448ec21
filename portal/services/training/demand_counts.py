"""The demand for training: validated needs aggregated in SQL by topic × region × quarter,
its filters and export, and the needs behind one cell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.authz.training import demand_ecosystem_scope, demand_scope, need_scope
from portal.bounds import query_int
from portal.extensions import db
from portal.i18n import localized
from portal.models import Ecosystem, TrainingNeed, TrainingTopic
from portal.models.reference import REGIONS, region_label
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


def demand(user: Any, *, ecosystem_id: int | None = None) -> list[DemandCell]:
    """Demand by topic × region × quarter, aggregated in SQL in one query."""
    query = (
        select(
            TrainingNeed.topic_id,
            TrainingNeed.region,
            TrainingNeed.quarter,
            func.sum(TrainingNeed.people),
            func.count(func.distinct(TrainingNeed.organisation_id)),
            func.count(TrainingNeed.id),
        )
        .where(demand_scope(user), TrainingNeed.status.in_(DEMAND_STATUSES))
        .group_by(TrainingNeed.topic_id, TrainingNeed.region, TrainingNeed.quarter)
        .order_by(TrainingNeed.topic_id, TrainingNeed.region, TrainingNeed.quarter)
    )
    if ecosystem_id is not None:
        query = query.where(TrainingNeed.ecosystem_id == ecosystem_id)
    return [DemandCell(*row) for row in db.session.execute(query).all()]


def demand_ecosystems(user: Any) -> list[Ecosystem]:
    """The ecosystems whose demand the user sees: federation staff those they lead."""
    return list(
        db.session.execute(
            select(Ecosystem).where(demand_ecosystem_scope(user)).order_by(Ecosystem.name_fr)
        ).scalars()
    )


def demand_cells(user: Any, filters: DemandFilters) -> list[DemandCell]:
    """The demand (aggregated in SQL), in one region when the filters say so."""
    cells = demand(user, ecosystem_id=filters.ecosystem)
    if filters.region:
        cells = [cell for cell in cells if cell.region == filters.region]
    return cells


def demand_table(
    user: Any, filters: DemandFilters, topics: dict[int, TrainingTopic]
) -> tuple[list[str], list[list[Any]]]:
    """The demand, with its filters, as a table for the export (counts, never names)."""
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
    rows = [
        [
            topics[c.topic_id].code if c.topic_id in topics else "",
            localized(topics[c.topic_id], "name") if c.topic_id in topics else "",
            c.region,
            region_label(c.region),
            c.quarter,
            c.people,
            c.companies,
            c.needs,
        ]
        for c in demand_cells(user, filters)
    ]
    return headers, rows


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


@dataclass(frozen=True)
class CellNeeds:
    """The needs behind a demand cell grouped by ecosystem, with their people and companies."""

    groups: dict[int, list[TrainingNeed]]
    ecosystems: dict[int, Ecosystem]
    people: int
    companies: int


def cell_by_ecosystem(
    user: Any, topic_id: int, region: str, quarter: str, ecosystem_id: int | None = None
) -> CellNeeds:
    """The validated needs behind a demand cell (in one ecosystem if given), by ecosystem."""
    found = cell_needs(user, topic_id, region, quarter)
    if ecosystem_id:
        found = [need for need in found if need.ecosystem_id == ecosystem_id]
    groups: dict[int, list[TrainingNeed]] = defaultdict(list)
    for need in found:
        groups[need.ecosystem_id].append(need)
    ecosystems = {
        e.id: e
        for e in db.session.execute(
            select(Ecosystem).where(Ecosystem.id.in_(list(groups)))
        ).scalars()
    }
    return CellNeeds(
        groups=groups,
        ecosystems=ecosystems,
        people=sum(need.people for need in found),
        companies=len({need.organisation_id for need in found}),
    )
