"""Documents of a convention (signed PDFs), its printable progress report and XLSX export."""

from flask import Blueprint

bp = Blueprint("convention_files", __name__, url_prefix="/conventions")

from portal.blueprints.convention_files import routes  # noqa: E402,F401
