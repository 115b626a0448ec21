"""Open data: the programme's aggregate figures per ecosystem, region and year, with their
downloads (CSV, JSON) and their documented schema. Public; no personal data."""

from flask import Blueprint

bp = Blueprint("open_data", __name__, url_prefix="/open-data")

from portal.blueprints.open_data import routes  # noqa: E402,F401
