"""Ecosystems: public pages, editing, membership requests, member lists and the import of
member companies."""

from flask import Blueprint

bp = Blueprint("ecosystems", __name__, url_prefix="/ecosystems")

from portal.blueprints.ecosystems import import_routes, routes  # noqa: E402,F401
