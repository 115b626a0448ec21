"""Partnership conventions: the public list and summaries, the convention page, editing,
parties, commitments, milestones, indicators, measurements, amendments, documents, the
printable report and the export."""

from flask import Blueprint

bp = Blueprint("conventions", __name__, url_prefix="/conventions")

from portal.blueprints.conventions import (  # noqa: E402,F401
    document_routes,
    party_routes,
    progress_routes,
    routes,
)
