"""Diagnostics and action plans of a certification support case."""

from flask import Blueprint

bp = Blueprint("diagnostics", __name__, url_prefix="/support")

from portal.blueprints.diagnostics import routes  # noqa: E402,F401
