"""Convention pages: the list, the convention page (in full, or its public summary), creating
and editing a convention, its status and its amendments."""

from __future__ import annotations

from flask import current_app, flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.authz import P, permission_required, public
from portal.authz.conventions import (
    can_edit_convention,
    convention_or_404,
    lists_draft_conventions,
    public_convention_or_404,
    visible_convention,
)
from portal.blueprints import signed_in_user
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.common import (
    back_to,
    form_code,
    form_page,
    form_values,
    render_page,
)
from portal.blueprints.conventions.forms import AmendmentForm, ConventionForm, StatusForm
from portal.bounds import page_number
from portal.fragments import kept_fragment, query_key
from portal.i18n import localized
from portal.models import ConventionStatus, ConventionType, Ecosystem
from portal.services import conventions as service
from portal.services.cache import View
from portal.services.conventions.conventions import EDITABLE

# The list's filter, rows and pager as HTML, the same for every viewer (drafts apart), kept
# until a table they were read from changes: drawing 25 conventions with their parties and
# progress cost 12 ms a page (issue 11).
LIST_HTML = View("conventions-list-html", depends_on=(Ecosystem,))


@bp.route("/")
@public
def index():
    """Every convention but drafts (listed to those who edit them), with progress and risk."""
    include_drafts = lists_draft_conventions(current_user)
    page = page_number(request.args)
    today = clock.today()

    def results() -> dict:
        ecosystem = service.ecosystem_by_slug(request.args.get("ecosystem"))
        listing = service.list_conventions(
            include_drafts=include_drafts,
            page=page,
            per_page=current_app.config["PAGE_SIZE"],
            today=today,
            ecosystem=ecosystem,
        )
        return {
            "pagination": listing.pagination,
            "conventions": listing.conventions,
            "progress": listing.progress,
            "parties": listing.parties,
            "ecosystem": ecosystem,
            "ecosystem_options": [
                (e.slug, localized(e, "name")) for e in service.ecosystem_choices()
            ],
        }

    return render_template(
        "conventions/index.html",
        can_edit=can_edit_convention(current_user),
        results=kept_fragment(
            LIST_HTML,
            (include_drafts, today.toordinal(), *query_key()),
            "conventions/_list_results.html",
            results,
        ),
    )


@bp.route("/<int:convention_id>")
@public
def show(convention_id: int):
    """The full page for the ministry and the parties; the public summary for everyone else
    (a draft is not public)."""
    convention = visible_convention(current_user, convention_id)
    if convention is not None:
        return render_page(convention)
    summary = service.summary(public_convention_or_404(convention_id), clock.today())
    return render_template(
        "conventions/summary.html",
        convention=summary.convention,
        parties=summary.parties,
        progress=summary.progress,
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def create():
    """Create a convention (ministry officers); it starts as a draft."""
    form = ConventionForm(ecosystems=service.ecosystem_choices())
    if form.validate_on_submit():
        try:
            convention = service.create_convention(
                form_values(form, EDITABLE), ConventionType(form.type.data), signed_in_user()
            )
        except service.ReferenceTaken as error:
            form.reference.errors.append(str(error))
        else:
            flash(_("The convention is created as a draft. Add its parties."), "success")
            return back_to(convention)
    return render_template("conventions/edit.html", form=form, convention=None), form_code(form)


@bp.route("/<int:convention_id>/edit", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def edit(convention_id: int):
    """Edit a convention; a save based on an older version is refused."""
    convention = convention_or_404(current_user, convention_id)
    form = ConventionForm(obj=convention, ecosystems=service.ecosystem_choices())
    if not form.is_submitted():
        form.type.data = convention.type.value
        form.version.data = convention.version
    if form.validate_on_submit():
        try:
            service.update_convention(
                convention,
                form.version.data,
                form_values(form, EDITABLE),
                ConventionType(form.type.data),
            )
        except service.ReferenceTaken as error:
            form.reference.errors.append(str(error))
        else:
            flash(_("The convention is saved."), "success")
            return back_to(convention)
    page = render_template("conventions/edit.html", form=form, convention=convention)
    return page, form_code(form)


@bp.route("/<int:convention_id>/status", methods=["POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def change_status(convention_id: int):
    """Move the convention along its workflow; the rules are the service's."""
    convention = convention_or_404(current_user, convention_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return render_page(convention, code=422, status_form=form)
    try:
        service.change_status(
            convention,
            ConventionStatus(form.status.data),
            signed_in_user(),
            form.comment.data or "",
        )
    except service.ConventionError as error:
        flash(str(error), "danger")
        return back_to(convention, "status")
    flash(_("The convention is now: %(status)s.", status=convention.status.label), "success")
    return back_to(convention, "status")


@bp.route("/<int:convention_id>/amendments/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def add_amendment(convention_id: int):
    """Record an amendment (avenant) and apply its changes; the values before are kept."""
    convention = convention_or_404(current_user, convention_id)
    form = AmendmentForm(effective_from=convention.effective_from)
    if form.validate_on_submit():
        amendment = service.add_amendment(
            convention,
            signed_on=form.signed_on.data,
            summary_fr=form.summary_fr.data,
            summary_ar=form.summary_ar.data,
            new_ends_on=form.new_ends_on.data,
            new_budget_mad=form.new_budget_mad.data,
            commitments_change_fr=form.commitments_change_fr.data or "",
            commitments_change_ar=form.commitments_change_ar.data or "",
        )
        flash(_("Amendment no. %(number)s is recorded.", number=amendment.number), "success")
        return back_to(convention, "amendments")
    return form_page(form, convention, _("Add an amendment"))
