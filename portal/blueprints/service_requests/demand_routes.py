"""The demand for quality infrastructure services by kind, field, region and quarter, beside
the accredited supply (gaps flagged): table, heat map, export, and the needs behind a cell.
Bodies and research centres see the counts only, never a company's name."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request

from portal import clock
from portal.authz import Permission, check_required, permission_required
from portal.authz.service_catalogue import (
    can_open_service_demand_cells,
    service_demand_scope_key,
)
from portal.blueprints import signed_in_user
from portal.blueprints.service_requests import bp
from portal.blueprints.service_requests.common import fields_by_id, kind_labels, page_args
from portal.blueprints.service_requests.forms import region_choices
from portal.blueprints.service_requests.heat_map import heat_map
from portal.bounds import query_int
from portal.downloads import table_download
from portal.fragments import kept_fragment
from portal.i18n import localized
from portal.models import ServiceKind
from portal.models.reference import REGIONS
from portal.services import service_demand as service
from portal.services.cache import View
from portal.services.infrastructure_needs import valid_quarter

# The demand page's figures as rendered (per scope, filters, day and language), kept until a
# table they were read from changes.
DEMAND_HTML = View("service-demand-html")


def demand_filters(user: Any) -> tuple[service.DemandFilters, list]:
    """The demand's filters from the query string, and the ecosystems the user filters by."""
    ecosystems = service.demand_ecosystems(user)
    return service.DemandFilters.from_args(request.args, [e.id for e in ecosystems]), ecosystems


@bp.route("/demand")
@permission_required(Permission.VIEW_SERVICE_DEMAND)
def demand():
    """Requests and declared needs by kind, field, region and quarter (a table and a heat
    map) with the accredited supply beside each cell; gaps flagged. Counts only for bodies."""
    me = signed_in_user()
    today = clock.today()
    filters, ecosystems = demand_filters(me)
    can_open_cells = can_open_service_demand_cells(me)

    def figures() -> dict[str, Any]:
        view = service.demand_view(me, filters, today)
        fields = fields_by_id()
        return {
            "view": view,
            "heat": heat_map(view.heat, fields),
            "fields": fields,
            "kinds": kind_labels(),
            "filters": filters,
            "top_cells": service.TOP_CELLS,
            "can_open_cells": can_open_cells,
        }

    key = [service_demand_scope_key(me), *filters.key(), today.toordinal(), can_open_cells]
    return render_template(
        "service_requests/demand.html",
        figures=kept_fragment(DEMAND_HTML, key, "service_requests/_demand_figures.html", figures),
        filters=filters,
        ecosystem_options=[(e.id, localized(e, "name")) for e in ecosystems],
        kind_options=[(k.value, k.label) for k in ServiceKind],
        region_options=region_choices(),
        period_options=[(p, p) for p in service.quarters_offered(today)],
        can_open_cells=can_open_cells,
    )


@bp.route("/demand.<fmt>")
@permission_required(Permission.VIEW_SERVICE_DEMAND)
def export_demand(fmt: str):
    """The demand with its filters as CSV or XLSX (counts only, never company names)."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    me = signed_in_user()
    filters, _ecosystems = demand_filters(me)
    labels = {field_id: field.label for field_id, field in fields_by_id().items()}
    headers, rows = service.demand_table(me, filters, clock.today(), labels)
    return table_download(fmt, "demande-infrastructure", headers, rows)


@bp.route("/demand/cell", endpoint="demand_cell")
@check_required(can_open_service_demand_cells)
def demand_cell():
    """The declared needs behind a demand cell, with the companies, a page at a time."""
    me = signed_in_user()
    kind = request.args.get("kind", "")
    field_id = query_int(request.args, "field")
    region = request.args.get("region", "")
    quarter = request.args.get("quarter", "")
    fields = fields_by_id()
    if (
        kind not in {k.value for k in ServiceKind}
        or field_id not in fields
        or fields[field_id].kind.value != kind
        or region not in REGIONS
        or not valid_quarter(quarter)
    ):
        abort(404)
    ecosystem_id = query_int(request.args, "ecosystem")
    page = service.cell_needs_page(
        me, ServiceKind(kind), field_id, region, quarter, ecosystem_id, **page_args()
    )
    return render_template(
        "service_requests/demand_cell.html",
        service_field=fields[field_id],
        region=region,
        quarter=quarter,
        pagination=page,
        needs=list(page.items),
    )
