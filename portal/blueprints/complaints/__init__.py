"""Complaints and suggestions: anyone files one (signed in, or through the public contact
form); the organisation concerned answers it within 15 days, or it escalates to the lead
federation, then the ministry."""

from flask import Blueprint

bp = Blueprint("complaints", __name__, url_prefix="/complaints")

from portal.blueprints.complaints import routes  # noqa: E402,F401
