"""Federation staff import member companies into an ecosystem from a CSV or XLSX file."""

from flask import Blueprint

bp = Blueprint("imports", __name__, url_prefix="/ecosystems")

from portal.blueprints.imports import routes  # noqa: E402,F401
