"""Partnership conventions: the public list and summaries, the convention page, editing,
parties, commitments, milestones, indicators, measurements and amendments."""

from flask import Blueprint

bp = Blueprint("conventions", __name__, url_prefix="/conventions")

from portal.blueprints.conventions import milestone_routes, progress_routes, routes  # noqa: E402,F401
