"""Ecosystems: public pages, editing, membership requests and member lists."""

from flask import Blueprint

bp = Blueprint("ecosystems", __name__, url_prefix="/ecosystems")

from portal.blueprints.ecosystems import routes  # noqa: E402,F401
