"""Pages anyone can open: the portal's front page, the language switch, the health check."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from portal.blueprints.public import routes  # noqa: E402,F401
