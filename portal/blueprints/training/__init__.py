"""Training: the topic catalogue, companies' training needs and the demand they add up to;
institutes' offers, sessions planned from demand, enrolment and evaluation."""

from flask import Blueprint

bp = Blueprint("training", __name__, url_prefix="/training")

from portal.blueprints.training import (  # noqa: E402,F401
    calendar_routes,
    demand_routes,
    evaluation_routes,
    needs_routes,
    offer_routes,
    sessions_routes,
    topic_routes,
)
