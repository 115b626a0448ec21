"""The demand for training by topic, region and quarter: table, heat map, cells and export."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from flask import abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.authz import Permission, get_or_404, has_permission, permission_required, roles_required
from portal.blueprints.training import bp
from portal.blueprints.training.forms import (
    QUARTER,
    DemandFilters,
)
from portal.blueprints.training.needs_routes import (
    CELL_READERS,
    HEAT_LEVELS,
    topic_list,
)
from portal.bounds import query_int
from portal.downloads import table_download
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Ecosystem,
    Role,
    TrainingNeed,
    TrainingTopic,
)
from portal.models.reference import REGIONS, region_label
from portal.services import training as service

# --- demand ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatMap:
    """People by topic (rows) and quarter (columns), each count with its heat level 0-5."""

    quarters: list[str]
    rows: list[tuple[TrainingTopic, list[tuple[int, int]]]]
    legend: list[tuple[int, int, int]]  # (level, from, to) people


def heat_level(people: int, highest: int) -> int:
    """0 for no one, else 1 to 5 in proportion to the map's highest count."""
    if people <= 0 or highest <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * people / highest)))


def heat_map(cells: list[service.DemandCell], topics: dict[int, TrainingTopic]) -> HeatMap:
    """The heat map of demand cells (already narrowed to a region, or every region summed)."""
    people: dict[tuple[int, str], int] = defaultdict(int)
    for cell in cells:
        people[(cell.topic_id, cell.quarter)] += cell.people
    quarters = sorted({cell.quarter for cell in cells})
    rows_topics = sorted(
        {topics[cell.topic_id] for cell in cells if cell.topic_id in topics},
        key=lambda topic: localized(topic, "name").casefold(),
    )
    highest = max(people.values(), default=0)
    rows = [
        (
            topic,
            [(people[(topic.id, q)], heat_level(people[(topic.id, q)], highest)) for q in quarters],
        )
        for topic in rows_topics
    ]
    legend = []
    for level in range(1, HEAT_LEVELS + 1):
        low = highest * (level - 1) // HEAT_LEVELS + 1
        high = highest * level // HEAT_LEVELS
        if highest and low <= high:
            legend.append((level, low, high))
    return HeatMap(quarters=quarters, rows=rows, legend=legend)


def demand_ecosystems() -> list[Ecosystem]:
    """The ecosystems whose demand the user sees: federation staff those they lead."""
    query = select(Ecosystem).order_by(Ecosystem.name_fr)
    if current_user.role == Role.FEDERATION_STAFF:
        query = query.where(Ecosystem.lead_federation_id == current_user.organisation_id)
    return list(db.session.execute(query).scalars())


def demand_cells(filters: DemandFilters) -> list[service.DemandCell]:
    """The demand (aggregated in SQL), in one region when the filter says so."""
    cells = service.demand(current_user, ecosystem_id=filters.ecosystem)
    if filters.region:
        cells = [cell for cell in cells if cell.region == filters.region]
    return cells


@bp.route("/demand")
@permission_required(Permission.VIEW_TRAINING_DEMAND)
def demand():
    """Validated needs by topic × region × quarter (people and companies), with a heat map.
    Institutes see the counts only."""
    ecosystems = demand_ecosystems()
    filters = DemandFilters.from_args(request.args, [e.id for e in ecosystems])
    cells = demand_cells(filters)
    topics = {topic.id: topic for topic in topic_list(active_only=False)}
    order = {topic_id: index for index, topic_id in enumerate(topics)}
    cells.sort(key=lambda c: (order.get(c.topic_id, len(order)), c.region, c.quarter))
    return render_template(
        "training/demand.html",
        cells=cells,
        topics=topics,
        heat=heat_map(cells, topics),
        filters=filters,
        ecosystem_options=[(e.id, localized(e, "name")) for e in ecosystems],
        region_options=[(code, str(label)) for code, label in REGIONS.items()],
        totals={
            "people": sum(c.people for c in cells),
            "needs": sum(c.needs for c in cells),
        },
        can_open_cells=current_user.role in CELL_READERS,
    )


@bp.route("/demand.<fmt>")
@permission_required(Permission.VIEW_TRAINING_DEMAND)
def export_demand(fmt: str):
    """The demand, with its filters, as CSV or XLSX (counts only, never company names)."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    ecosystems = demand_ecosystems()
    filters = DemandFilters.from_args(request.args, [e.id for e in ecosystems])
    topics = {topic.id: topic for topic in topic_list(active_only=False)}
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
        for c in demand_cells(filters)
    ]
    return table_download(fmt, "demande-formation", headers, rows)


@bp.route("/demand/cell", endpoint="cell")
@roles_required(*CELL_READERS)
def demand_cell():
    """The validated needs behind a demand cell, with the companies, grouped by ecosystem;
    federation staff plan a session for each group."""
    topic_id = query_int(request.args, "topic")
    region = request.args.get("region", "")
    quarter = request.args.get("quarter", "")
    if not topic_id or region not in REGIONS or not QUARTER.match(quarter):
        abort(404)
    topic = get_or_404(select(TrainingTopic).where(TrainingTopic.id == topic_id))
    found = service.cell_needs(current_user, topic_id, region, quarter)
    ecosystem_id = query_int(request.args, "ecosystem")
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
    can_plan = "training.plan" in current_app.view_functions and has_permission(
        current_user, Permission.PLAN_TRAINING_SESSIONS
    )
    plan_links = {
        ecosystem: url_for(
            "training.plan", topic=topic_id, region=region, quarter=quarter, ecosystem=ecosystem
        )
        for ecosystem in groups
        if can_plan
    }
    return render_template(
        "training/demand_cell.html",
        topic=topic,
        region=region,
        quarter=quarter,
        groups=groups,
        ecosystems=ecosystems,
        plan_links=plan_links,
        people=sum(need.people for need in found),
        companies=len({need.organisation_id for need in found}),
    )
