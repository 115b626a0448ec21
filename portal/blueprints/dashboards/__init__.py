"""The programme's dashboards: the ministry's cockpit, a federation's dashboard, and the
quarterly programme report (PDF, XLSX)."""

from flask import Blueprint

bp = Blueprint("dashboards", __name__, url_prefix="/dashboard")

from portal.blueprints.dashboards import report_routes, routes  # noqa: E402,F401
