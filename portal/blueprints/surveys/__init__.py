"""Satisfaction surveys: building them, answering an invitation, reading the results."""

from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/surveys")

from portal.blueprints.surveys import routes  # noqa: E402,F401
