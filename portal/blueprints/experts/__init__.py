"""The quality experts (qualiticiens): one's own profile and the directory of experts."""

from flask import Blueprint

bp = Blueprint("experts", __name__, url_prefix="/experts")

from portal.blueprints.experts import routes  # noqa: E402,F401
