"""The beneficiary's measurable quality objectives (issue 14, item 4), a tab of each of its
support cases: each objective with its latest value, attainment, whether it is on its
line, its chart and measurements. Those who may record the quality policy set, change and
remove objectives and record their measurements; whoever opens the case reads them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    can_work_on_case,
    case_or_404,
    objective_or_404,
    signed_in_required,
    workable_case_or_404,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.quality_forms import (
    ObjectiveForm,
    ObjectiveMeasurementForm,
    RemoveObjectiveForm,
)
from portal.charts import trajectory_chart
from portal.models import SupportCase
from portal.services.certification import objectives
from portal.services.certification.cases import CertificationError


def _render_objectives(
    case: SupportCase,
    *,
    form: ObjectiveForm | None = None,
    failed: tuple[int, ObjectiveMeasurementForm] | None = None,
    code: int = 200,
):
    can_work = can_work_on_case(signed_in_user(), case)
    views = objectives.objectives_of(case.organisation, clock.today())
    measurement_forms: dict[int, ObjectiveMeasurementForm] = {}
    remove_forms: dict[int, RemoveObjectiveForm] = {}
    if can_work:
        for view in views:
            objective = view.objective
            measurement_forms[objective.id] = ObjectiveMeasurementForm(
                formdata=None, prefix=f"objective-{objective.id}"
            )
            remove_forms[objective.id] = RemoveObjectiveForm(
                formdata=None, prefix=f"remove-{objective.id}"
            )
            remove_forms[objective.id].version.data = objective.version
        if failed is not None:
            measurement_forms[failed[0]] = failed[1]
    return render_template(
        "certification/quality_objectives.html",
        case=case,
        views=views,
        charts={view.objective.id: trajectory_chart(view) for view in views},
        measurements_shown=objectives.MEASUREMENTS_SHOWN,
        max_objectives=objectives.MAX_OBJECTIVES,
        form=(form or ObjectiveForm(formdata=None)) if can_work else None,
        measurement_forms=measurement_forms,
        remove_forms=remove_forms,
        page_title=_("Quality objectives"),
        active="objectives",
    ), code


def _back(case: SupportCase, objective_id: int | None = None):
    anchor = f"objective-{objective_id}" if objective_id else None
    return redirect(url_for("certification.quality_objectives", case_id=case.id, _anchor=anchor))


@bp.route("/support/<int:case_id>/quality-objectives", methods=["GET", "POST"])
@signed_in_required
def quality_objectives(case_id: int):
    """The beneficiary's quality objectives, and a new one for those who work on the case."""
    user = signed_in_user()
    case = case_or_404(user, case_id)
    if request.method == "GET":
        return _render_objectives(case)
    case = workable_case_or_404(user, case_id)
    form = ObjectiveForm()
    if not form.validate_on_submit():
        return _render_objectives(case, form=form, code=422)
    try:
        objective = objectives.add_objective(case.organisation, form.data, recorder=user)
    except CertificationError as error:
        form.target_date.errors.append(str(error))
        return _render_objectives(case, form=form, code=422)
    flash(_("The objective is added."), "success")
    return _back(case, objective.id)


def _render_edit(case: SupportCase, objective, form: ObjectiveForm, code: int = 200):
    return render_template(
        "certification/objective_form.html",
        case=case,
        objective=objective,
        form=form,
        page_title=_("Change the objective"),
        active="objectives",
    ), code


@bp.route("/support/<int:case_id>/quality-objectives/<int:objective_id>", methods=["GET", "POST"])
@signed_in_required
def edit_quality_objective(case_id: int, objective_id: int):
    """Change an objective; a change based on an older version of it is refused."""
    case = workable_case_or_404(signed_in_user(), case_id)
    objective = objective_or_404(case, objective_id)
    if request.method == "GET":
        form = ObjectiveForm(formdata=None, obj=objective)
        form.version.data = objective.version
        return _render_edit(case, objective, form)
    form = ObjectiveForm()
    if not form.validate_on_submit():
        return _render_edit(case, objective, form, 422)
    try:
        objectives.update_objective(objective, form.data, version=form.version.data)
    except CertificationError as error:
        form.target_date.errors.append(str(error))
        return _render_edit(case, objective, form, 422)
    flash(_("The objective is saved."), "success")
    return _back(case, objective.id)


@bp.route("/support/<int:case_id>/quality-objectives/<int:objective_id>/remove", methods=["POST"])
@signed_in_required
def remove_quality_objective(case_id: int, objective_id: int):
    """Remove an objective the organisation no longer pursues (kept in the audit trail)."""
    case = workable_case_or_404(signed_in_user(), case_id)
    objective = objective_or_404(case, objective_id)
    form = RemoveObjectiveForm(prefix=f"remove-{objective.id}")
    if not form.validate_on_submit():
        return _render_objectives(case, code=422)
    objectives.remove_objective(objective, version=form.version.data)
    flash(_("The objective is removed."), "success")
    return _back(case)


@bp.route(
    "/support/<int:case_id>/quality-objectives/<int:objective_id>/measurements",
    methods=["POST"],
)
@signed_in_required
def add_objective_measurement(case_id: int, objective_id: int):
    """Record a dated value of an objective."""
    user = signed_in_user()
    case = workable_case_or_404(user, case_id)
    objective = objective_or_404(case, objective_id)
    form = ObjectiveMeasurementForm(prefix=f"objective-{objective.id}")
    if not form.validate_on_submit():
        return _render_objectives(case, failed=(objective.id, form), code=422)
    try:
        objectives.record_measurement(
            objective,
            measured_on=form.measured_on.data,
            value=form.value.data,
            comment=form.comment.data or "",
            recorder=user,
            today=clock.today(),
        )
    except CertificationError as error:
        form.measured_on.errors.append(str(error))
        return _render_objectives(case, failed=(objective.id, form), code=422)
    flash(_("The measurement is recorded."), "success")
    return _back(case, objective.id)
