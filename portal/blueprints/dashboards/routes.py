"""The dashboard page: the figures of the ecosystems the user follows, filtered by ecosystem,
region and period."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from portal import clock
from portal.authz import P, permission_required
from portal.blueprints.dashboards import bp
from portal.models.reference import REGIONS
from portal.services import cockpit


@bp.route("/")
@permission_required(P.VIEW_DASHBOARD)
def index():
    """The cockpit (every ecosystem) or a federation's dashboard (the ecosystems it leads)."""
    today = clock.today()
    filters = cockpit.filters_for(current_user, request.args, today)
    return render_template(
        "dashboards/index.html",
        filters=filters,
        data=cockpit.dashboard(filters, today),
        periods=cockpit.offered_periods(today),
        regions=REGIONS,
        member_kinds=cockpit.MEMBER_KINDS,
        stages=cockpit.figures.stages(),
        stage_labels=cockpit.stage_labels(),
        certificate_states=cockpit.CERTIFICATE_STATES,
    )
