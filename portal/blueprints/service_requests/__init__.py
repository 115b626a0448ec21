"""Service requests: SMEs ask quality infrastructure bodies for testing, calibration,
inspection, certification or information on standards; the body accepts, answers or declines
within a response deadline."""

from flask import Blueprint

bp = Blueprint("service_requests", __name__, url_prefix="/requests")

from portal.blueprints.service_requests import (  # noqa: E402,F401
    catalogue_routes,
    demand_routes,
    figures,
    lifecycle,
    needs_routes,
    routes,
)
