"""Training: the topic catalogue, companies' training needs and the demand they add up to;
institutes' offers, sessions planned from demand, enrolment and evaluation."""

from flask import Blueprint

bp = Blueprint("training", __name__, url_prefix="/training")

from portal.blueprints.training import needs_routes  # noqa: E402,F401

try:  # the sessions part is another module of the same package
    from portal.blueprints.training import sessions_routes  # noqa: F401
except ModuleNotFoundError as missing:  # pragma: no cover
    if missing.name != f"{__name__}.sessions_routes":
        raise  # a module the sessions part needs is missing: do not hide it
