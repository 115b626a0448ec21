"""Infrastructure needs: a company declares, edits and withdraws its own; federation staff,
the ministry and administrators read the needs in their scope."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import Permission, has_permission, permission_required
from portal.authz.service_catalogue import own_need_or_404, sees_needing_companies
from portal.blueprints import signed_in_user
from portal.blueprints.service_requests import bp
from portal.blueprints.service_requests.catalogue_forms import NeedForm
from portal.blueprints.service_requests.common import page_args
from portal.bounds import parse_int
from portal.fragments import kept_fragment, query_key
from portal.models import Ecosystem, Membership, Organisation, User
from portal.models.reference import REGIONS
from portal.services import infrastructure_needs as service
from portal.services import service_catalogue as catalogue
from portal.services.cache import View
from portal.services.infrastructure_needs import NeedError, NeedValues
from portal.services.training.needs import upcoming_quarters

# The needs' count, rows (with a company's edit and withdraw buttons) and pager as HTML, per
# viewer (their scope), kept until a table they were read from changes (issue 11).
NEEDS_HTML = View(
    "infrastructure-needs-html", depends_on=(User, Organisation, Ecosystem, Membership)
)


@bp.route("/needs")
@permission_required(Permission.VIEW_INFRASTRUCTURE_NEEDS)
def needs():
    """The infrastructure needs the user may see, newest first, a page at a time."""
    user = signed_in_user()
    show_company = sees_needing_companies(user)
    can_declare = has_permission(user, Permission.DECLARE_INFRASTRUCTURE_NEEDS)

    def results() -> dict:
        page = service.needs_page(user, **page_args())
        return {
            "pagination": page,
            "needs": list(page.items),
            "show_company": show_company,
            "can_declare": can_declare,
        }

    return render_template(
        "service_requests/needs.html",
        can_declare=can_declare,
        can_see_demand=has_permission(user, Permission.VIEW_SERVICE_DEMAND),
        results=kept_fragment(
            NEEDS_HTML,
            (user.id, show_company, can_declare, *query_key()),
            "service_requests/_needs_results.html",
            results,
        ),
    )


def _form(**kwargs) -> NeedForm:
    return NeedForm(
        fields=catalogue.fields_by_kind(), quarters=upcoming_quarters(clock.today(), 8), **kwargs
    )


def _values(form: NeedForm) -> NeedValues:
    return NeedValues(
        field_id=form.field_id.data,
        description=form.description.data or "",
        quantity_per_year=form.quantity_per_year.data,
        region=form.region.data,
        quarter=form.quarter.data,
    )


@bp.route("/needs/new", methods=["GET", "POST"])
@permission_required(Permission.DECLARE_INFRASTRUCTURE_NEEDS)
def new_need():
    """A company declares a need for a service, without addressing a body yet."""
    user = signed_in_user()
    form = _form()
    if not form.is_submitted():
        form.field_id.data = parse_int(request.args.get("field_id"))
        region = request.args.get("region", "")
        form.region.data = region if region in REGIONS else user.organisation.region
    if form.validate_on_submit():
        try:
            service.declare_need(user.organisation, _values(form))
        except NeedError as error:
            form.field_id.errors = [*form.field_id.errors, str(error)]
        else:
            flash(_("Your need is recorded; it counts in the demand."), "success")
            return redirect(url_for("service_requests.needs"))
    code = 422 if form.is_submitted() else 200
    return render_template("service_requests/need_form.html", form=form, need=None), code


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.DECLARE_INFRASTRUCTURE_NEEDS)
def edit_need(need_id: int):
    """A company edits one of its needs (version-guarded)."""
    user = signed_in_user()
    need = own_need_or_404(user, need_id)
    form = _form(obj=need)
    if not form.is_submitted():
        form.version.data = need.version
        if need.quarter not in dict(form.quarter.choices):
            form.quarter.choices = [(need.quarter, need.quarter), *form.quarter.choices]
    if form.validate_on_submit():
        try:
            service.update_need(need, form.version.data, _values(form))
        except NeedError as error:
            form.field_id.errors = [*form.field_id.errors, str(error)]
        else:
            flash(_("The need is saved."), "success")
            return redirect(url_for("service_requests.needs"))
    code = 422 if form.is_submitted() else 200
    return render_template("service_requests/need_form.html", form=form, need=need), code


@bp.route("/needs/<int:need_id>/withdraw", methods=["POST"])
@permission_required(Permission.DECLARE_INFRASTRUCTURE_NEEDS)
def withdraw_need(need_id: int):
    """A company withdraws one of its needs (kept, marked deleted)."""
    user = signed_in_user()
    need = own_need_or_404(user, need_id)
    service.withdraw_need(need, request.form.get("version"))
    flash(_("The need is withdrawn."), "success")
    return redirect(url_for("service_requests.needs"))
