"""Training pages of companies' needs: declaring and editing a need, the list and its export,
and the federation's decisions (validate, decline with a reason, merge a duplicate).

Needs are loaded through ``need_scope``: one the user may not see answers 404; a role with
no business with needs (institutes, infrastructure bodies) answers 403.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import P, has_permission, permission_required
from portal.authz.training import can_decide_needs, need_or_404, sees_other_companies_needs
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import page_args, topics_in_language
from portal.blueprints.training.forms import NeedDecisionForm, NeedForm
from portal.downloads import table_download
from portal.fragments import kept_fragment
from portal.i18n import current_language, localized
from portal.models import Ecosystem, NeedStatus, Organisation, TrainingTopic, User
from portal.models.reference import REGIONS
from portal.services.cache import View
from portal.services.training import needs as service
from portal.urls import safe_next

# The needs list's results (count, rows with their decision forms, pager) as HTML, per viewer,
# kept until a table they were read from changes (issue 11). What the route reads before is in
# depends_on: the viewer, the ecosystems (their names, the ecosystems a federation leads: the
# scope) and the topics (a row's topic is then taken from the session, without a statement).
NEEDS_HTML = View("training-needs-html", depends_on=(User, Organisation, Ecosystem, TrainingTopic))


@bp.route("/needs")
@permission_required(P.VIEW_TRAINING_NEEDS)
def needs():
    """A company's needs; for federation staff, those of their ecosystems; all for the
    ministry and administrators. Filtered by status, topic, region, quarter and ecosystem."""
    me = signed_in_user()
    filters = service.NeedFilters.from_args(request.args)
    can_decide = can_decide_needs(me)
    can_declare = has_permission(me, P.DECLARE_TRAINING_NEEDS)
    show_company = sees_other_companies_needs(me)

    def results() -> dict:
        # The filters' choices are kept with the rows: the topics, the quarters of the needs
        # the user sees and their ecosystems cost three statements and 40 options a visit.
        ecosystems = service.needs_ecosystems(me)
        page = service.needs_page(me, filters, **page_args())
        return {
            "ecosystem_options": [(e.id, localized(e, "name")) for e in ecosystems.values()],
            "topic_options": [
                (t.id, localized(t, "name")) for t in topics_in_language(active_only=False)
            ],
            "quarter_options": [(q, q) for q in service.needs_quarters(me)],
            "status_options": [(s.value, s.label) for s in NeedStatus],
            "pagination": page,
            "needs": page.items,
            "filters": filters,
            "ecosystems": ecosystems,
            "merge_targets": service.merge_targets(me, page.items) if can_decide else {},
            "decisions": service.DECISIONS,
            "can_decide": can_decide,
            "can_declare": can_declare,
            "show_company": show_company,
        }

    return render_template(
        "training/needs.html",
        can_declare=can_declare,
        results=kept_fragment(
            NEEDS_HTML,
            # the row forms send the page's exact address back with a decision: it holds the
            # query's arguments (the filters, the page) as sent
            (me.id, can_decide, can_declare, show_company, request.full_path),
            "training/_needs_filters_and_results.html",
            results,
        ),
    )


@bp.route("/needs.<fmt>")
@permission_required(P.VIEW_TRAINING_NEEDS)
def export_needs(fmt: str):
    """The needs list, with its filters, as CSV or XLSX: every row, streamed."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    filters = service.NeedFilters.from_args(request.args)
    headers, rows = service.needs_table(signed_in_user(), filters)
    return table_download(fmt, "besoins-formation", headers, rows)


@bp.route("/needs/new", methods=["GET", "POST"])
@permission_required(P.DECLARE_TRAINING_NEEDS)
def new_need():
    """A company declares a training need in an ecosystem it is an active member of."""
    me = signed_in_user()
    choices = service.new_need_choices(me.organisation_id, current_language(), clock.today())
    form = NeedForm(ecosystems=choices.ecosystems, topics=choices.topics, quarters=choices.quarters)
    if not form.is_submitted():
        form.region.data = me.organisation.region if me.organisation.region in REGIONS else None
    if choices.ecosystems and form.validate_on_submit():
        service.declare_need(me, form.need_values())
        flash(
            _("Your need is sent. The federation will study it; you will be notified."), "success"
        )
        return redirect(url_for("training.needs"))
    code = 422 if form.is_submitted() else 200
    return render_template(
        "training/needs_form.html", form=form, need=None, ecosystems=choices.ecosystems
    ), code


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@permission_required(P.DECLARE_TRAINING_NEEDS)
def edit_need(need_id: int):
    """The company changes its need while the federation has not studied it."""
    need = need_or_404(signed_in_user(), need_id)
    if need.status != NeedStatus.SUBMITTED:
        flash(_("The federation has studied this need: it can no longer be changed."), "warning")
        return redirect(url_for("training.needs"))
    choices = service.edit_need_choices(need, current_language(), clock.today())
    form = NeedForm(
        obj=need, ecosystems=choices.ecosystems, topics=choices.topics, quarters=choices.quarters
    )
    if not form.is_submitted():
        for name in ("job_category", "level", "priority", "modality"):
            getattr(form, name).data = getattr(need, name).value
        form.version.data = need.version
    if form.validate_on_submit():
        service.update_need(need, form.version.data, form.need_values())
        flash(_("Your need is saved."), "success")
        return redirect(url_for("training.needs"))
    code = 422 if form.is_submitted() else 200
    return render_template(
        "training/needs_form.html", form=form, need=need, ecosystems=choices.ecosystems
    ), code


@bp.route("/needs/<int:need_id>/decision", methods=["POST"])
@permission_required(P.VALIDATE_TRAINING_NEEDS)
def decide_need(need_id: int):
    """Validate a need, decline it with a reason, or merge it into a duplicate."""
    me = signed_in_user()
    need = need_or_404(me, need_id)
    form = NeedDecisionForm()
    back = redirect(safe_next(form.back.data, "training.needs"))
    if not form.validate_on_submit():
        flash(_("The decision could not be read. Try again."), "danger")
        return back
    try:
        if form.decision.data == "validate":
            service.validate_need(need, me)
            message = _("Need no. %(number)s is validated.", number=need.id)
        elif form.decision.data == "decline":
            service.decline_need(need, form.reason.data)
            message = _("Need no. %(number)s is declined.", number=need.id)
        else:
            target = service.merge_need(need, form.merge_into.data, me)
            message = _(
                "Need no. %(number)s is merged into need no. %(target)s, which now counts "
                "%(people)s people.",
                number=need.id,
                target=target.id,
                people=target.people,
            )
    except service.TrainingError as error:
        flash(str(error), "danger")
        return back
    flash(message, "success")
    return back
