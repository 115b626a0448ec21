"""Who offers what: the directory of bodies and centres with their services, each one's
catalogue with its accreditations, and the entries a body keeps in its own catalogue."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import Permission, has_permission, permission_required
from portal.authz.service_catalogue import can_manage_catalogue, own_offer_or_404, provider_or_404
from portal.blueprints import signed_in_user
from portal.blueprints.service_requests import bp
from portal.blueprints.service_requests.catalogue_forms import OfferForm
from portal.blueprints.service_requests.common import fields_by_id, kind_labels, page_args
from portal.blueprints.service_requests.forms import region_choices
from portal.fragments import kept_fragment, query_key
from portal.models import ServiceKind, ServiceOffer
from portal.services import service_catalogue as catalogue
from portal.services.cache import View
from portal.services.service_catalogue import CatalogueError, DirectoryFilters, OfferValues

# The directory's results as HTML, the same for everyone who may read it, kept until a table
# they were read from changes (issue 11: drawing a page cost 12 ms).
BODIES_HTML = View("bodies-directory-html")


@bp.route("/bodies")
@permission_required(Permission.VIEW_SERVICE_CATALOGUES)
def bodies():
    """The bodies and research centres and what they offer, filtered by kind, field and
    region, a page at a time."""
    filters = DirectoryFilters.from_args(request.args)
    today = clock.today()

    def results() -> dict:
        page = catalogue.directory_page(filters, **page_args())
        items = list(page.items)
        return {
            "pagination": page,
            "providers": items,
            "offers": catalogue.offers_of([body.id for body in items]),
            "fields": fields_by_id(),
            "kinds": kind_labels(),
            "today": today,
            "is_accredited": catalogue.is_accredited,
        }

    return render_template(
        "service_requests/bodies.html",
        filters=filters,
        kind_options=[(k.value, k.label) for k in ServiceKind],
        region_options=region_choices(),
        results=kept_fragment(
            BODIES_HTML,
            (today.toordinal(), *query_key()),
            "service_requests/_bodies_results.html",
            results,
        ),
    )


@bp.route("/bodies/<int:body_id>")
@permission_required(Permission.VIEW_SERVICE_CATALOGUES)
def catalogue_page(body_id: int):
    """A body's or centre's catalogue: its entries, which are accredited and until when."""
    user = signed_in_user()
    body = provider_or_404(body_id)
    return render_template(
        "service_requests/catalogue.html",
        body=body,
        offers=catalogue.catalogue_of(body.id),
        accreditations=catalogue.accreditations_of(body.id),
        today=clock.today(),
        is_accredited=catalogue.is_accredited,
        can_manage=can_manage_catalogue(user, body),
        can_file=has_permission(user, Permission.FILE_SERVICE_REQUESTS),
    )


def _values(form: OfferForm) -> OfferValues:
    fields = fields_by_id()
    service_field = fields[form.field_id.data]
    return OfferValues(
        kind=service_field.kind,
        field_id=service_field.id,
        coverage=form.coverage.data or "",
        regions=list(form.regions.data or []),
        lead_time_days=form.lead_time_days.data,
        accreditation_id=form.accreditation_id.data or None,
    )


def _offer_form(body_id: int, **kwargs) -> OfferForm:
    return OfferForm(
        fields=catalogue.fields_by_kind(),
        accreditations=catalogue.accreditations_of(body_id),
        **kwargs,
    )


@bp.route("/catalogue/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SERVICE_CATALOGUE)
def new_offer():
    """A body adds an entry to its own catalogue."""
    user = signed_in_user()
    body = provider_or_404(user.organisation_id)
    if not can_manage_catalogue(user, body):
        abort(403)
    form = _offer_form(body.id)
    if form.validate_on_submit():
        try:
            catalogue.add_offer(body, _values(form))
        except CatalogueError as error:
            form.field_id.errors = [*form.field_id.errors, str(error)]
        else:
            flash(_("The service is added to your catalogue."), "success")
            return redirect(url_for("service_requests.catalogue_page", body_id=body.id))
    code = 422 if form.is_submitted() else 200
    return render_template("service_requests/offer_form.html", form=form, offer=None), code


@bp.route("/catalogue/<int:offer_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SERVICE_CATALOGUE)
def edit_offer(offer_id: int):
    """A body edits an entry of its own catalogue (version-guarded)."""
    user = signed_in_user()
    offer = own_offer_or_404(user, offer_id)
    form = _offer_form(offer.body_id, obj=offer)
    if not form.is_submitted():
        form.regions.data = offer.region_codes
        form.accreditation_id.data = offer.accreditation_id or 0
        form.version.data = offer.version
    if form.validate_on_submit():
        try:
            catalogue.update_offer(offer, form.version.data, _values(form))
        except CatalogueError as error:
            form.field_id.errors = [*form.field_id.errors, str(error)]
        else:
            flash(_("The service is saved."), "success")
            return redirect(url_for("service_requests.catalogue_page", body_id=offer.body_id))
    code = 422 if form.is_submitted() else 200
    return render_template("service_requests/offer_form.html", form=form, offer=offer), code


@bp.route("/catalogue/<int:offer_id>/remove", methods=["POST"])
@permission_required(Permission.MANAGE_SERVICE_CATALOGUE)
def remove_offer(offer_id: int):
    """A body takes an entry out of its catalogue (kept, marked deleted)."""
    user = signed_in_user()
    offer: ServiceOffer = own_offer_or_404(user, offer_id)
    body_id = offer.body_id
    catalogue.remove_offer(offer, request.form.get("version"))
    flash(_("The service is removed from your catalogue."), "success")
    return redirect(url_for("service_requests.catalogue_page", body_id=body_id))
