"""Staff list of organisations (filters, sorting, SQL pagination, exports) and the public
directory, which shows only public fields of active members."""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select

from portal.authz import Permission, any_permission_required, get_or_404
from portal.blueprints.directory import bp
from portal.downloads import table_download
from portal.extensions import db
from portal.i18n import localized
from portal.models import Ecosystem, Organisation
from portal.services import directory
from portal.services.exports import organisation_export


def _ecosystem_choices() -> list[tuple[str, str]]:
    ecosystems = db.session.execute(select(Ecosystem).order_by(Ecosystem.name_fr)).scalars()
    return [(e.slug, localized(e, "name")) for e in ecosystems]


@bp.route("/organisations")
@any_permission_required(Permission.MANAGE_MEMBERS, Permission.MONITOR_ALL_ECOSYSTEMS)
def organisations():
    """Every organisation the user may see, with filters and pagination in SQL."""
    filters = directory.Filters.from_args(request.args)
    page = directory.organisations_page(current_user, filters, current_app.config["PAGE_SIZE"])
    return render_template(
        "directory/organisations.html",
        filters=filters,
        page=page,
        ecosystems=_ecosystem_choices(),
    )


@bp.route("/organisations.<fmt>")
@any_permission_required(Permission.MANAGE_MEMBERS, Permission.MONITOR_ALL_ECOSYSTEMS)
def export_organisations(fmt: str):
    """The staff list, with its filters, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    filters = directory.Filters.from_args(request.args)
    rows = directory.export_rows(directory.organisations_query(current_user, filters))
    memberships = directory.memberships_by_organisation([o.id for o in rows])
    headers, lines = organisation_export(rows, memberships)
    return table_download(fmt, "organisations", headers, lines, "Organisations")


@bp.route("/")
def public():
    """Anyone: the active members of the ecosystems, public fields only."""
    filters = directory.Filters.from_args(request.args)
    page = directory.public_page(filters, current_app.config["PAGE_SIZE"])
    return render_template(
        "directory/public.html", filters=filters, page=page, ecosystems=_ecosystem_choices()
    )


@bp.route("/<int:organisation_id>")
def public_profile(organisation_id: int):
    """Anyone: the public face of an active member."""
    organisation = get_or_404(
        directory.public_directory_query(directory.Filters()).where(
            Organisation.id == organisation_id
        )
    )
    memberships = directory.public_page_memberships(organisation.id)
    return render_template(
        "directory/profile.html", organisation=organisation, memberships=memberships
    )
