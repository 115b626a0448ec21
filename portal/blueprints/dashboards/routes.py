"""The dashboard page: the figures of the ecosystems the user follows, filtered by ecosystem,
region and period."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from markupsafe import Markup

from portal import clock
from portal.authz import P, permission_required
from portal.blueprints.dashboards import bp
from portal.i18n import current_language
from portal.models.reference import REGIONS
from portal.services import cockpit
from portal.services.cache import View

# The figures as HTML, per filters, language and day: kept (shared by the workers with Redis)
# until a table the figures were computed from changes, so that a dashboard shown again
# costs the tables' tokens and the user's ecosystems, not its rendering (issue 13, item 7).
FIGURES_HTML = View("dashboard-figures-html")


def _figures(filters: cockpit.Filters, today) -> str:
    return render_template(
        "dashboards/_figures.html",
        filters=filters,
        data=cockpit.dashboard(filters, today),
        regions=REGIONS,
        member_kinds=cockpit.MEMBER_KINDS,
        stages=cockpit.figures.stages(),
        stage_labels=cockpit.stage_labels(),
        certificate_states=cockpit.CERTIFICATE_STATES,
    )


@bp.route("/")
@permission_required(P.VIEW_DASHBOARD)
def index():
    """The cockpit (every ecosystem) or a federation's dashboard (the ecosystems it leads)."""
    today = clock.today()
    filters = cockpit.filters_for(current_user, request.args, today)
    figures = FIGURES_HTML.get(
        (current_language(), *filters.key(today)), lambda: _figures(filters, today)
    )
    return render_template(
        "dashboards/index.html",
        filters=filters,
        today=today,
        figures=Markup(figures),  # noqa: S704 - rendered by Jinja above, escaped there
        periods=cockpit.offered_periods(today),
        regions=REGIONS,
    )
