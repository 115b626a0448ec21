"""Platform administration."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from portal.blueprints.admin import routes, standards_routes  # noqa: E402,F401
