"""The demand for training by topic, region and quarter: table, heat map, cells and export.
Institutes see the counts only, never a company's name."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, render_template, request, url_for

from portal.authz import P, check_required, has_permission, permission_required
from portal.authz.training import can_open_demand_cells
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import demand_cell_or_404, topics_in_language
from portal.blueprints.training.heat_map import heat_map
from portal.bounds import query_int
from portal.downloads import table_download
from portal.i18n import localized
from portal.models import Ecosystem
from portal.models.reference import REGIONS
from portal.services.training import demand_counts as service


def demand_filters(user: Any) -> tuple[service.DemandFilters, list[Ecosystem]]:
    """The demand's filters from the query string, and the ecosystems the user filters by."""
    ecosystems = service.demand_ecosystems(user)
    return service.DemandFilters.from_args(request.args, [e.id for e in ecosystems]), ecosystems


@bp.route("/demand")
@permission_required(P.VIEW_TRAINING_DEMAND)
def demand():
    """Validated needs by topic × region × quarter (people and companies), with a heat map.
    Institutes see the counts only."""
    me = signed_in_user()
    filters, ecosystems = demand_filters(me)
    cells = service.demand_cells(me, filters)
    topics = {topic.id: topic for topic in topics_in_language(active_only=False)}
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
        totals={"people": sum(c.people for c in cells), "needs": sum(c.needs for c in cells)},
        can_open_cells=can_open_demand_cells(me),
    )


@bp.route("/demand.<fmt>")
@permission_required(P.VIEW_TRAINING_DEMAND)
def export_demand(fmt: str):
    """The demand, with its filters, as CSV or XLSX (counts only, never company names)."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    me = signed_in_user()
    filters, _ecosystems = demand_filters(me)
    topics = {topic.id: topic for topic in topics_in_language(active_only=False)}
    headers, rows = service.demand_table(me, filters, topics)
    return table_download(fmt, "demande-formation", headers, rows)


@bp.route("/demand/cell", endpoint="cell")
@check_required(can_open_demand_cells)
def demand_cell():
    """The validated needs behind a demand cell, with the companies, grouped by ecosystem;
    federation staff plan a session for each group."""
    me = signed_in_user()
    topic, region, quarter = demand_cell_or_404()
    cell = service.cell_by_ecosystem(
        me, topic.id, region, quarter, query_int(request.args, "ecosystem")
    )
    can_plan = "training.plan" in current_app.view_functions and has_permission(
        me, P.PLAN_TRAINING_SESSIONS
    )
    plan_links = {
        ecosystem: url_for(
            "training.plan", topic=topic.id, region=region, quarter=quarter, ecosystem=ecosystem
        )
        for ecosystem in cell.groups
        if can_plan
    }
    return render_template(
        "training/demand_cell.html",
        topic=topic,
        region=region,
        quarter=quarter,
        groups=cell.groups,
        ecosystems=cell.ecosystems,
        plan_links=plan_links,
        people=cell.people,
        companies=cell.companies,
    )
