"""The demand for quality infrastructure services as a whole (issue 15, item 3): service
requests and declared infrastructure needs by service kind × field × region × quarter, beside
the accredited supply (the bodies with an accreditation in force covering the kind and field
and serving the region, and the other offers); a cell with demand and no accredited supply in
its region is a gap.

The figures are grouped statements over the requests and needs (a few thousand cells at
most), kept as a ``View`` per scope, filters and day until a table they read changes; the
page reads them, never the rows. Counts only: no company is named (the drill-down to the
needs of a cell is for federation staff, the ministry and administrators).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import case, func, literal, select, union_all

from portal.authz.service_catalogue import (
    demand_member_scope,
    need_scope,
    service_demand_ecosystem_scope,
    service_demand_scope_key,
)
from portal.bounds import query_int
from portal.extensions import db
from portal.models import (
    SERVICE_PROVIDER_KINDS,
    Accreditation,
    Ecosystem,
    InfrastructureNeed,
    Membership,
    MembershipStatus,
    Organisation,
    ServiceKind,
    ServiceOffer,
    ServiceRequest,
)
from portal.models.reference import REGIONS
from portal.services.cache import View
from portal.services.paging import paginate
from portal.services.service_catalogue import valid_accreditation_clause

TOP_CELLS = 25
REGION_CELLS = 300  # a region's cells, at most (kinds × fields × quarters asked)


@dataclass
class DemandFilters:
    """The demand's filters: an ecosystem (within the user's), a kind of service, a region,
    a year ("2027") or a quarter ("2027-Q1"); unknown values are ignored."""

    ecosystem: int | None = None
    kind: str = ""
    region: str = ""
    period: str = ""

    @classmethod
    def from_args(cls, args: Any, ecosystem_ids: list[int]) -> DemandFilters:
        ecosystem = query_int(args, "ecosystem")
        kind = args.get("kind", "")
        region = args.get("region", "")
        period = args.get("period", "")
        return cls(
            ecosystem=ecosystem if ecosystem in set(ecosystem_ids) else None,
            kind=kind if kind in {k.value for k in ServiceKind} else "",
            region=region if region in REGIONS else "",
            period=period if _valid_period(period) else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.ecosystem or self.kind or self.region or self.period)

    def as_args(self, **extra: Any) -> dict[str, Any]:
        """The filters set, as query-string arguments (for export links)."""
        return {**{k: v for k, v in asdict(self).items() if v}, **extra}

    def key(self) -> list[str]:
        return [
            str(self.ecosystem or "all"),
            self.kind or "-",
            self.region or "-",
            self.period or "-",
        ]


def _valid_period(value: str) -> bool:
    if len(value) == 4:
        return value.isdigit() and value.startswith("20")
    return len(value) == 7 and value[:4].isdigit() and value[4:6] == "-Q" and value[6] in "1234"


@dataclass(frozen=True)
class DemandCell:
    """The demand of one kind and field of service in one region and quarter, and the supply
    beside it: bodies accredited for it serving the region, and the other offers."""

    kind: str
    field_id: int | None
    region: str
    quarter: str
    needs: int
    quantity: int  # a year, declared in the needs
    requests: int
    companies: int
    accredited: int = 0
    offers: int = 0

    @property
    def volume(self) -> int:
        """What is asked for a year: the needs' quantities and the requests."""
        return self.quantity + self.requests

    @property
    def gap(self) -> bool:
        """Demand with no accredited body serving the region."""
        return self.volume > 0 and self.accredited == 0


@dataclass(frozen=True)
class HeatCell:
    """The volume asked of one kind and field in one quarter (the heat map)."""

    kind: str
    field_id: int | None
    quarter: str
    volume: int


@dataclass(frozen=True)
class DemandView:
    """What the demand page shows: totals, the heat map's cells, the table's bounded cells
    (the largest, or a region's), and how many cells are gaps."""

    needs: int
    quantity: int
    requests: int
    gaps: int
    heat: list[HeatCell]
    cells: list[DemandCell]
    top_only: bool


DEMAND_VIEWS = View("service-demand", types=(DemandView, DemandCell, HeatCell))
SUPPLY_VIEWS = View("service-supply")


# --- scope ---------------------------------------------------------------------------------------


def demand_ecosystems(user: Any) -> list[Ecosystem]:
    """The ecosystems the user filters the demand by (federation staff: those they lead)."""
    return list(
        db.session.execute(
            select(Ecosystem)
            .where(service_demand_ecosystem_scope(user))
            .order_by(Ecosystem.name_fr, Ecosystem.id)
        ).scalars()
    )


# --- the figures ---------------------------------------------------------------------------------


def _period_clause(column: Any, period: str):
    return column == period if len(period) == 7 else column.like(f"{period}-Q%")


def _filtered(table: Any, filters: DemandFilters) -> list[Any]:
    """The filters' conditions on the needs or the requests."""
    conditions = []
    if filters.ecosystem:
        conditions.append(table.organisation_id.in_(_members_of(filters.ecosystem)))
    if filters.kind:
        conditions.append(table.kind == ServiceKind(filters.kind))
    if filters.region:
        conditions.append(table.region == filters.region)
    if filters.period:
        conditions.append(_period_clause(table.quarter, filters.period))
    return conditions


def _members_of(ecosystem_id: int):
    return select(Membership.organisation_id).where(
        Membership.ecosystem_id == ecosystem_id,
        Membership.status == MembershipStatus.ACTIVE,
    )


def _sources(user: Any, filters: DemandFilters):
    """UNION ALL of the needs and requests in the user's demand, with the filters: one row
    each, with its cell, company, whether it is a need, its quantity, whether a request."""
    needs = InfrastructureNeed
    requests = ServiceRequest
    need_rows = select(
        needs.kind.label("kind"),
        needs.field_id.label("field_id"),
        needs.region.label("region"),
        needs.quarter.label("quarter"),
        needs.organisation_id.label("organisation_id"),
        literal(1).label("is_need"),
        needs.quantity_per_year.label("quantity"),
        literal(0).label("is_request"),
    ).where(needs.deleted_at.is_(None), demand_member_scope(user, needs.organisation_id))
    request_rows = select(
        requests.kind.label("kind"),
        requests.field_id.label("field_id"),
        requests.region.label("region"),
        requests.quarter.label("quarter"),
        requests.organisation_id.label("organisation_id"),
        literal(0).label("is_need"),
        literal(0).label("quantity"),
        literal(1).label("is_request"),
    ).where(
        requests.deleted_at.is_(None),
        requests.region.is_not(None),
        requests.quarter.is_not(None),
        demand_member_scope(user, requests.organisation_id),
    )
    need_rows = need_rows.where(*_filtered(needs, filters))
    request_rows = request_rows.where(*_filtered(requests, filters))
    return union_all(need_rows, request_rows).subquery()


def _grouped(user: Any, filters: DemandFilters, field_ids: list[int] | None = None):
    """The cells of the user's demand with the filters (in those fields, if given)."""
    source = _sources(user, filters)
    query = select(
        source.c.kind,
        source.c.field_id,
        source.c.region,
        source.c.quarter,
        func.sum(source.c.is_need),
        func.sum(source.c.quantity),
        func.sum(source.c.is_request),
        func.count(func.distinct(source.c.organisation_id)),
    ).group_by(source.c.kind, source.c.field_id, source.c.region, source.c.quarter)
    if field_ids is not None:
        query = query.where(source.c.field_id.in_(field_ids))
    return query


def _kind_value(kind: Any) -> str:
    return getattr(kind, "value", kind)


def supply(today: date) -> dict[str, list[int]]:
    """The supply by "kind|field|region": [bodies accredited on the day, other bodies
    offering it] (one query over the catalogues, kept until they change)."""
    return SUPPLY_VIEWS.get([today.toordinal()], lambda: _supply(today))


def _supply(today: date) -> dict[str, list[int]]:
    accredited_now = case((valid_accreditation_clause(today), 1), else_=0)
    rows = db.session.execute(
        select(
            ServiceOffer.body_id,
            ServiceOffer.kind,
            ServiceOffer.field_id,
            ServiceOffer.regions,
            accredited_now,
        )
        .join(Organisation, Organisation.id == ServiceOffer.body_id)
        .outerjoin(Accreditation, Accreditation.id == ServiceOffer.accreditation_id)
        .where(
            ServiceOffer.deleted_at.is_(None),
            Organisation.deleted_at.is_(None),
            Organisation.kind.in_(SERVICE_PROVIDER_KINDS),
        )
    )
    accredited: dict[str, set[int]] = defaultdict(set)
    offering: dict[str, set[int]] = defaultdict(set)
    for body_id, kind, field_id, regions, is_accredited in rows:
        for region in (regions or "").split():
            key = f"{_kind_value(kind)}|{field_id}|{region}"
            offering[key].add(body_id)
            if is_accredited:
                accredited[key].add(body_id)
    return {
        key: [len(accredited[key]), len(bodies - accredited[key])]
        for key, bodies in offering.items()
    }


def _with_supply(row: Any, offers: dict[str, list[int]]) -> DemandCell:
    kind, field_id, region, quarter, needs, quantity, requests, companies = row
    accredited, others = offers.get(f"{_kind_value(kind)}|{field_id}|{region}", [0, 0])
    return DemandCell(
        kind=_kind_value(kind),
        field_id=field_id,
        region=region,
        quarter=quarter,
        needs=int(needs or 0),
        quantity=int(quantity or 0),
        requests=int(requests or 0),
        companies=int(companies or 0),
        accredited=accredited,
        offers=others,
    )


def demand_cells(user: Any, filters: DemandFilters, today: date) -> list[DemandCell]:
    """Every cell of the user's demand with its supply (one grouped statement)."""
    offers = supply(today)
    return [_with_supply(row, offers) for row in db.session.execute(_grouped(user, filters))]


def demand_view(user: Any, filters: DemandFilters, today: date) -> DemandView:
    """The demand page's figures for the user's scope and the filters, kept as a view."""
    key = [service_demand_scope_key(user), *filters.key(), today.toordinal()]
    return DEMAND_VIEWS.get(key, lambda: _demand_view(user, filters, today))


def _demand_view(user: Any, filters: DemandFilters, today: date) -> DemandView:
    cells = demand_cells(user, filters, today)
    heat: dict[tuple[str, int | None, str], int] = defaultdict(int)
    for cell in cells:
        heat[(cell.kind, cell.field_id, cell.quarter)] += cell.volume
    ordered = sorted(cells, key=lambda c: (-c.volume, c.kind, c.field_id or 0, c.region, c.quarter))
    limit = REGION_CELLS if filters.region else TOP_CELLS
    return DemandView(
        needs=sum(c.needs for c in cells),
        quantity=sum(c.quantity for c in cells),
        requests=sum(c.requests for c in cells),
        gaps=sum(1 for c in cells if c.gap),
        heat=[HeatCell(k, f, q, v) for (k, f, q), v in sorted(heat.items(), key=_heat_order)],
        cells=ordered[:limit],
        top_only=len(ordered) > limit,
    )


def _heat_order(item: tuple[tuple[str, int | None, str], int]) -> tuple:
    (kind, field_id, quarter), _volume = item
    return (kind, field_id or 0, quarter)


# --- export --------------------------------------------------------------------------------------


def demand_table(
    user: Any, filters: DemandFilters, today: date, labels: dict[int, str]
) -> tuple[list[str], Iterator[list[Any]]]:
    """The demand with its filters as a table for the export: counts, never names; every
    cell, read lazily."""
    headers = [
        _("Service"),
        _("Field"),
        _("Region code"),
        _("Region"),
        _("Quarter"),
        _("Needs declared"),
        _("Quantity per year"),
        _("Requests"),
        _("Companies"),
        _("Accredited bodies in the region"),
        _("Other bodies offering it"),
        _("Gap"),
    ]
    offers = supply(today)
    kinds = {kind.value: kind.label for kind in ServiceKind}
    query = _grouped(user, filters).execution_options(yield_per=1000)

    def rows() -> Iterator[list[Any]]:
        for row in db.session.execute(query):
            cell = _with_supply(row, offers)
            yield [
                kinds.get(cell.kind, cell.kind),
                labels.get(cell.field_id or 0, ""),
                cell.region,
                str(REGIONS.get(cell.region, "")),
                cell.quarter,
                cell.needs,
                cell.quantity,
                cell.requests,
                cell.companies,
                cell.accredited,
                cell.offers,
                _("Yes") if cell.gap else _("No"),
            ]

    return headers, rows()


# --- the needs behind a cell ---------------------------------------------------------------------


def cell_needs_page(
    user: Any,
    kind: ServiceKind,
    field_id: int,
    region: str,
    quarter: str,
    ecosystem_id: int | None = None,
    *,
    page: int,
    per_page: int,
):
    """One page of the declared needs behind a demand cell that the user may see row by row
    (with the companies), newest first (read through the cell index)."""
    query = select(InfrastructureNeed).where(
        need_scope(user),
        InfrastructureNeed.kind == kind,
        InfrastructureNeed.field_id == field_id,
        InfrastructureNeed.region == region,
        InfrastructureNeed.quarter == quarter,
    )
    if ecosystem_id:
        query = query.where(InfrastructureNeed.organisation_id.in_(_members_of(ecosystem_id)))
    query = query.order_by(InfrastructureNeed.created_at.desc(), InfrastructureNeed.id.desc())
    return paginate(query, page=page, per_page=per_page)


def quarters_offered(today: date, back: int = 4, ahead: int = 8) -> list[str]:
    """The periods the filter offers: years and quarters around today."""
    year, number = today.year, (today.month - 1) // 3
    quarters = []
    for step in range(-back, ahead):
        shifted = number + step
        quarters.append(f"{year + shifted // 4}-Q{shifted % 4 + 1}")
    years = sorted({q[:4] for q in quarters})
    return years + quarters


# --- a body's home: the demand in the fields of its catalogue -----------------------------------


def demand_in_catalogue(user: Any, today: date, limit: int = 5) -> tuple[int, list[DemandCell]]:
    """The demand cells in the fields of the user's body's catalogue and the regions it serves
    (counts only): how many, and the ``limit`` largest (two queries and the supply's view)."""
    offered = db.session.execute(
        select(ServiceOffer.field_id, ServiceOffer.regions).where(
            ServiceOffer.body_id == user.organisation_id
        )
    ).all()
    served: dict[int, set[str]] = defaultdict(set)
    for field_id, regions in offered:
        served[field_id].update((regions or "").split())
    if not served:
        return 0, []
    offers = supply(today)
    query = _grouped(user, DemandFilters(), field_ids=list(served))
    cells = [
        cell
        for cell in (_with_supply(row, offers) for row in db.session.execute(query))
        if cell.field_id in served and cell.region in served[cell.field_id]
    ]
    cells.sort(key=lambda c: (-c.volume, c.kind, c.field_id or 0, c.region, c.quarter))
    return len(cells), cells[:limit]
