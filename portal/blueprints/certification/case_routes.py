"""Support case pages: the list, asking for support, the case page and its workflow (accept,
decline, expert and funding, next stage, closing), and the pipeline."""

from __future__ import annotations

from flask import current_app, flash, render_template, request
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    Permission,
    can_list_support_cases,
    can_see_pipeline,
    case_or_404,
    check_required,
    has_permission,
    managed_case_or_404,
    permission_required,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.charts import stage_chart
from portal.blueprints.certification.common import back_to, details_form_for, render_case
from portal.blueprints.certification.forms import AdvanceForm, CloseForm, NewCaseForm
from portal.bounds import page_number, query_int
from portal.fragments import kept_fragment, query_key
from portal.models import CaseKind, CaseStage, Organisation, Standard, User
from portal.services.cache import View
from portal.services.certification import (
    CertificationError,
    case_list,
    close_case,
    move_case,
    open_case,
    pipeline,
    save_case_details,
)
from portal.services.certification.lookups import ecosystems_by_id, member_ecosystems, standards

# The case list's filters, count, rows and pager as HTML, per viewer (the scope is the
# user's), kept until a table they were read from changes (issue 11). The user and their
# organisation are read before, and a row's company or standard may come from the session
# without a statement: they are in depends_on.
CASES_HTML = View("support-cases-html", depends_on=(User, Organisation, Standard))


@bp.route("/support/")
@check_required(can_list_support_cases)
def cases():
    """The support cases the user may see, filtered by stage and standard."""
    user = signed_in_user()
    stage = request.args.get("stage", "")
    stage = stage if stage in {s.value for s in CaseStage} else ""
    standard_id = query_int(request.args, "standard")
    page = page_number(request.args)

    def results() -> dict:
        pagination = case_list(
            user,
            stage=CaseStage(stage) if stage else None,
            standard_id=standard_id,
            page=page,
            per_page=current_app.config["PAGE_SIZE"],
        )
        items = list(pagination.items)
        return {
            "pagination": pagination,
            "cases": items,
            "ecosystems": ecosystems_by_id(c.ecosystem_id for c in items),
            "standards": standards(),
            "stages": list(CaseStage),
            "current_stage": stage,
            "current_standard": standard_id,
        }

    return render_template(
        "certification/cases.html",
        can_ask=has_permission(user, Permission.REQUEST_CERTIFICATION_SUPPORT),
        can_see_pipeline=can_see_pipeline(user),
        results=kept_fragment(
            CASES_HTML,
            (user.id, *query_key()),
            "certification/_cases_results.html",
            results,
        ),
    )


@bp.route("/support/new", methods=["GET", "POST"])
@permission_required(Permission.REQUEST_CERTIFICATION_SUPPORT)
def new_case():
    """A company asks for support towards a standard, in an ecosystem it is a member of."""
    user = signed_in_user()
    ecosystems = member_ecosystems(user.organisation_id)
    form = NewCaseForm(standards=standards(active_only=True), ecosystems=ecosystems)
    if ecosystems and form.validate_on_submit():
        try:
            case = open_case(
                user,
                ecosystem=next(e for e in ecosystems if e.id == form.ecosystem_id.data),
                standard_id=form.standard_id.data,
                kind=CaseKind(form.kind.data),
                motivation=form.motivation.data,
            )
        except CertificationError as error:
            form.standard_id.errors.append(str(error))
        else:
            flash(
                _("Your request is sent. The federation will study it; you will be notified."),
                "success",
            )
            return back_to(case)
    code = 422 if form.is_submitted() else 200
    return render_template("certification/new_case.html", form=form, ecosystems=ecosystems), code


@bp.route("/support/<int:case_id>", endpoint="case")
@check_required(can_list_support_cases)
def show_case(case_id: int):
    """A case: its company, standard, stage, expert, funding, history, audits, certificate;
    the workflow forms for the federation that runs it."""
    return render_case(case_or_404(signed_in_user(), case_id))


@bp.route("/support/<int:case_id>/details", methods=["POST"])
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def update_case(case_id: int):
    """Assign the expert and record the funding programme and co-financing rate."""
    case = managed_case_or_404(signed_in_user(), case_id)
    form = details_form_for(case, request.form)
    if not form.validate_on_submit():
        return render_case(case, code=422, details_form=form)
    save_case_details(
        case,
        version=form.version.data,
        expert_id=form.expert_id.data,
        funding_programme=form.funding_programme.data,
        cofinancing_rate=form.cofinancing_rate.data,
        expert_may_contribute=form.expert_may_contribute.data,
        consulting_firm_id=form.consulting_firm_id.data,
    )
    flash(_("The case is saved."), "success")
    return back_to(case, "details")


@bp.route("/support/<int:case_id>/advance", methods=["POST"], endpoint="advance")
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def advance_case(case_id: int):
    """Move the case to its next stage (accepting a request is the first move); skipping a
    step is refused by the service."""
    user = signed_in_user()
    case = managed_case_or_404(user, case_id)
    form = AdvanceForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, advance_form=form)
    try:
        target = CaseStage(form.to.data)
        move_case(
            case,
            target,
            user,
            form.comment.data or "",
            today=clock.today(),
            override_reason=form.override_reason.data or "",
        )
    except ValueError as error:  # CertificationError, or a stage name that does not exist
        message = str(error) if isinstance(error, CertificationError) else None
        flash(message or _("This stage does not exist."), "danger")
        return back_to(case, "workflow")
    flash(_("The case is now at the stage: %(stage)s.", stage=target.label), "success")
    return back_to(case, "workflow")


@bp.route("/support/<int:case_id>/close", methods=["POST"])
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def close(case_id: int):
    """Decline a request or end a case before certification, with the reason."""
    user = signed_in_user()
    case = managed_case_or_404(user, case_id)
    form = CloseForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, close_form=form)
    try:
        close_case(case, user, form.reason.data)
    except CertificationError as error:
        flash(str(error), "danger")
        return back_to(case, "workflow")
    flash(_("The case is closed."), "success")
    return back_to(case)


@bp.route("/support/pipeline", endpoint="pipeline")
@permission_required(Permission.VIEW_CERTIFICATION_PIPELINE)
def pipeline_page():
    """Cases by stage, valid certificates and those expiring within 90 days, overdue service
    requests: for the federation's ecosystems, or all of them for the ministry."""
    today = clock.today()
    data = pipeline(signed_in_user(), today)
    return render_template(
        "certification/pipeline.html",
        data=data,
        chart=stage_chart(data.by_stage),
        total=data.total_cases,
        today=today,
    )
