"""Staff list of organisations (filters, sorting, SQL pagination, exports) and the public
directory, which shows only public fields of active members."""

from __future__ import annotations

from flask import abort, current_app, render_template, request

from portal import authz
from portal.authz import can_list_organisations, check_required
from portal.blueprints import signed_in_user
from portal.blueprints.directory import bp
from portal.downloads import table_download
from portal.fragments import kept_fragment, query_key
from portal.i18n import localized
from portal.models import Ecosystem, Organisation, User
from portal.services import directory
from portal.services.cache import View
from portal.services.ecosystems.records import ecosystem_choices
from portal.services.exports import organisation_export

# The public directory's filters and results as HTML, the same for everyone, kept until a
# table they were read from changes (issue 11).
PUBLIC_HTML = View("public-directory-html", depends_on=(Ecosystem,))
# The staff list's filters, count, rows and pager as HTML, per viewer (the scope is the
# user's), kept until a table they were read from changes (issue 11). The user and their
# organisation are read before: a row's ecosystem comes from the session.
ORGANISATIONS_HTML = View("organisations-html", depends_on=(User, Organisation, Ecosystem))


def _ecosystem_choices() -> list[tuple[str, str]]:
    return [(e.slug, localized(e, "name")) for e in ecosystem_choices()]


@bp.route("/organisations")
@check_required(can_list_organisations)
def organisations():
    """Every organisation the user may see, with filters and pagination in SQL."""
    user = signed_in_user()
    filters = directory.Filters.from_args(request.args)

    def results() -> dict:
        page = directory.organisations_page(user, filters, current_app.config["PAGE_SIZE"])
        return {"page": page, "filters": filters, "ecosystems": _ecosystem_choices()}

    return render_template(
        "directory/organisations.html",
        results=kept_fragment(
            ORGANISATIONS_HTML,
            (user.id, *query_key()),
            "directory/_organisations_results.html",
            results,
        ),
    )


@bp.route("/organisations.<fmt>")
@check_required(can_list_organisations)
def export_organisations(fmt: str):
    """The staff list, with its filters, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    filters = directory.Filters.from_args(request.args)
    headers, lines = organisation_export(directory.organisations_export(signed_in_user(), filters))
    return table_download(fmt, "organisations", headers, lines, "Organisations")


@bp.route("/")
@authz.public  # (imported by module: a view of this module is named public)
def public():
    """Anyone: the active members of the ecosystems, public fields only."""
    filters = directory.Filters.from_args(request.args)
    return render_template(
        "directory/public.html",
        results=kept_fragment(
            PUBLIC_HTML,
            query_key(),
            "directory/_public_results.html",
            lambda: {
                "page": directory.public_page(filters, current_app.config["PAGE_SIZE"]),
                "filters": filters,
                "ecosystems": _ecosystem_choices(),
            },
        ),
    )


@bp.route("/<int:organisation_id>")
@authz.public
def public_profile(organisation_id: int):
    """Anyone: the public face of an active member."""
    organisation = directory.public_member(organisation_id)
    if organisation is None:
        abort(404)
    return render_template(
        "directory/profile.html",
        organisation=organisation,
        memberships=directory.public_page_memberships(organisation.id),
    )
