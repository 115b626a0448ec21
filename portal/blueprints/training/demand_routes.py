"""The demand for training by topic, region and quarter: table, heat map, cells and export.
Institutes see the counts only, never a company's name."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, render_template, request, url_for

from portal import clock
from portal.authz import P, check_required, has_permission, permission_required
from portal.authz.training import can_open_demand_cells
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import demand_cell_or_404, page_args, topics_in_language
from portal.blueprints.training.heat_map import heat_map
from portal.bounds import query_int
from portal.downloads import table_download
from portal.fragments import kept_fragment, query_key
from portal.i18n import localized
from portal.models import Ecosystem, TrainingTopic
from portal.models.reference import REGIONS
from portal.services.cache import View
from portal.services.certification.lookups import ecosystems_by_id
from portal.services.training import demand_counts as service
from portal.services.training import from_diagnostics


def demand_filters(user: Any) -> tuple[service.DemandFilters, list[Ecosystem]]:
    """The demand's filters from the query string, and the ecosystems the user filters by."""
    ecosystems = service.demand_ecosystems(user)
    return service.DemandFilters.from_args(request.args, [e.id for e in ecosystems]), ecosystems


# The demand page's content as HTML, per viewer, role and organisation (their ecosystems,
# whether they may open the cells), query and day, kept until a table it was read from
# changes (issue 11): the heat map and the cells are hundreds of numbers to format.
DEMAND_HTML = View("training-demand-html", depends_on=(Ecosystem, TrainingTopic))


@bp.route("/demand")
@permission_required(P.VIEW_TRAINING_DEMAND)
def demand():
    """Validated needs by topic × quarter (a heat map) and by topic × region × quarter (the
    cells of one region, else those with most people): people and companies, from the demand
    summary. Institutes see the counts only."""
    me = signed_in_user()

    def content() -> dict[str, Any]:
        can_open_cells = can_open_demand_cells(me)
        filters, ecosystems = demand_filters(me)
        view = service.demand_view(me, filters, ecosystems)
        topics = {topic.id: topic for topic in topics_in_language(active_only=False)}
        order = {topic_id: index for index, topic_id in enumerate(topics)}
        cells = list(view.cells)
        if filters.region:
            cells.sort(key=lambda c: (order.get(c.topic_id, len(order)), c.quarter))
        return {
            "cells": cells,
            "top_only": view.top_only,
            "top_cells": service.TOP_CELLS,
            "topics": topics,
            "heat": heat_map(view.heat, topics),
            "filters": filters,
            "ecosystem_options": [(e.id, localized(e, "name")) for e in ecosystems],
            "region_options": [(code, str(label)) for code, label in REGIONS.items()],
            "totals": {"people": view.people, "needs": view.needs},
            "can_open_cells": can_open_cells,
            "from_diagnostics": from_diagnostics.demand_from_diagnostics(me)
            if can_open_cells
            else None,
        }

    return render_template(
        "training/demand.html",
        content=kept_fragment(
            DEMAND_HTML,
            (me.id, me.role.value, me.organisation_id, clock.today().toordinal(), *query_key()),
            "training/_demand_content.html",
            content,
        ),
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
    """The validated needs behind a demand cell, with the companies, a page at a time;
    federation staff plan a session for each ecosystem's needs."""
    me = signed_in_user()
    topic, region, quarter = demand_cell_or_404()
    ecosystem_id = query_int(request.args, "ecosystem")
    figures = service.cell_figures(me, topic.id, region, quarter, ecosystem_id)
    page = service.cell_needs_page(me, topic.id, region, quarter, ecosystem_id, **page_args())
    in_cell = service.cell_ecosystems(topic.id, region, quarter)
    if ecosystem_id:
        in_cell = [e for e in in_cell if e == ecosystem_id]
    ecosystems = ecosystems_by_id(set(in_cell) | {need.ecosystem_id for need in page.items})
    can_plan = "training.plan" in current_app.view_functions and has_permission(
        me, P.PLAN_TRAINING_SESSIONS
    )
    plan_links = {
        ecosystem: url_for(
            "training.plan", topic=topic.id, region=region, quarter=quarter, ecosystem=ecosystem
        )
        for ecosystem in in_cell
        if can_plan and ecosystem in ecosystems
    }
    return render_template(
        "training/demand_cell.html",
        topic=topic,
        region=region,
        quarter=quarter,
        ecosystem_id=ecosystem_id,
        pagination=page,
        needs=page.items,
        ecosystems=ecosystems,
        plan_links=plan_links,
        people=figures.people,
        companies=figures.companies,
    )
