"""Directories: the staff list of organisations and the public directory of members."""

from flask import Blueprint

bp = Blueprint("directory", __name__, url_prefix="/directory")

from portal.blueprints.directory import routes  # noqa: E402,F401
