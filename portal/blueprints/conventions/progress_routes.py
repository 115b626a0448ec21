"""How a convention advances: adding milestones and indicators (those who edit conventions),
marking a milestone done — on the day it was done, with its evidence — or reopening one marked
done by mistake, and recording measurements (federation staff of a party, and the ministry)."""

from __future__ import annotations

from flask import flash, render_template
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.authz import P, check_required, permission_required
from portal.authz.conventions import (
    convention_or_404,
    indicator_or_404,
    measurement_or_404,
    milestone_or_404,
    recording_convention_or_404,
    records_convention_progress,
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
from portal.blueprints.conventions.forms import (
    IndicatorForm,
    MeasurementForm,
    MilestoneCompletionForm,
    MilestoneForm,
    MilestoneReopenForm,
    OverrideForm,
)
from portal.i18n import localized
from portal.services import conventions as service
from portal.services.conventions import metrics
from portal.services.conventions.tracking import INDICATOR_FIELDS
from portal.services.editing import STALE_EDIT_MESSAGE


@bp.route("/<int:convention_id>/milestones/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def add_milestone(convention_id: int):
    """Add a dated step to the convention's timeline."""
    convention = convention_or_404(current_user, convention_id)
    form = MilestoneForm()
    if form.validate_on_submit():
        service.add_milestone(convention, **form_values(form, ("title_fr", "title_ar", "due_date")))
        flash(_("The milestone is added."), "success")
        return back_to(convention, "milestones")
    return form_page(form, convention, _("Add a milestone"))


def _complete(form: MilestoneCompletionForm, convention, milestone) -> bool:
    """Record the milestone done from the form; False with the form's errors when refused."""
    upload = form.evidence_file.data
    try:
        service.complete_milestone(
            convention,
            milestone,
            signed_in_user(),
            version=form.version.data,
            completed_on=form.completed_on.data,
            today=clock.today(),
            evidence_note=form.evidence_note.data or "",
            evidence_document_id=form.evidence_document_id.data or None,
            evidence_file=(upload.filename, upload.stream) if upload else None,
        )
    except service.DocumentRefused as error:
        form.evidence_file.errors.append(str(error))
    except service.ConventionError as error:
        form.completed_on.errors.append(str(error))
    else:
        return True
    return False


@bp.route("/<int:convention_id>/milestones/<int:milestone_id>/complete", methods=["GET", "POST"])
@check_required(records_convention_progress)
def complete_milestone(convention_id: int, milestone_id: int):
    """Ask the day the milestone was done and what shows it, then record it."""
    convention = recording_convention_or_404(current_user, convention_id)
    milestone = milestone_or_404(convention, milestone_id)
    if milestone.completed_on is not None:
        flash(_("This milestone was already done."), "info")
        return back_to(convention, "milestones")
    documents = service.evidence_documents(convention)
    form = MilestoneCompletionForm(convention=convention, documents=documents)
    if not form.is_submitted():
        form.version.data = milestone.version
    if form.validate_on_submit() and _complete(form, convention, milestone):
        flash(_("Milestone done: %(title)s.", title=localized(milestone, "title")), "success")
        return back_to(convention, "milestones")
    page = render_template(
        "conventions/complete_milestone.html",
        form=form,
        convention=convention,
        milestone=milestone,
        today=clock.today(),
    )
    return page, form_code(form)


@bp.route("/<int:convention_id>/milestones/<int:milestone_id>/reopen", methods=["POST"])
@check_required(records_convention_progress)
def reopen_milestone(convention_id: int, milestone_id: int):
    """Undo "done": the milestone is open again; the audit trail keeps its completion."""
    convention = recording_convention_or_404(current_user, convention_id)
    milestone = milestone_or_404(convention, milestone_id)
    form = MilestoneReopenForm()
    if not form.validate_on_submit():
        flash(STALE_EDIT_MESSAGE, "danger")
        return back_to(convention, "milestones")
    try:
        service.reopen_milestone(milestone, version=form.version.data)
    except service.ConventionError as error:
        flash(str(error), "info")
    else:
        title = localized(milestone, "title")
        flash(_("The milestone is open again: %(title)s.", title=title), "success")
    return back_to(convention, "milestones")


@bp.route("/<int:convention_id>/indicators/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def add_indicator(convention_id: int):
    """Add an indicator with its baseline and its target."""
    convention = convention_or_404(current_user, convention_id)
    form = IndicatorForm()
    if form.validate_on_submit():
        service.add_indicator(convention, form_values(form, INDICATOR_FIELDS))
        flash(_("The indicator is added."), "success")
        return back_to(convention, "indicators")
    return form_page(form, convention, _("Add an indicator"))


@bp.route("/<int:convention_id>/indicators/<int:indicator_id>/measurements", methods=["POST"])
@check_required(records_convention_progress)
def add_measurement(convention_id: int, indicator_id: int):
    """Record a dated value of an indicator, its source and who recorded it."""
    convention = recording_convention_or_404(current_user, convention_id)
    indicator = indicator_or_404(convention, indicator_id)
    form = MeasurementForm(
        prefix=f"indicator-{indicator.id}", baseline_date=indicator.baseline_date
    )
    if not form.validate_on_submit():
        return render_page(convention, code=422, measurement_forms={indicator.id: form})
    service.add_measurement(
        indicator,
        measured_on=form.measured_on.data,
        value=form.value.data,
        source=form.source.data,
        recorder=signed_in_user(),
    )
    name = localized(indicator, "name")
    flash(_("The measurement of %(indicator)s is recorded.", indicator=name), "success")
    return back_to(convention, f"indicator-{indicator.id}")


@bp.route(
    "/<int:convention_id>/indicators/<int:indicator_id>/measurements/<int:measurement_id>/override",
    methods=["POST"],
)
@check_required(records_convention_progress)
def override_measurement(convention_id: int, indicator_id: int, measurement_id: int):
    """A person's value in place of a figure the portal computed, with the reason; the
    portal's figure stays beside it."""
    convention = recording_convention_or_404(current_user, convention_id)
    indicator = indicator_or_404(convention, indicator_id)
    measurement = measurement_or_404(indicator, measurement_id)
    form = OverrideForm(prefix=f"override-{measurement.id}")
    errors = []
    if not form.validate_on_submit():
        errors = [error for field in form for error in field.errors]
    else:
        try:
            metrics.override(
                measurement,
                value=form.value.data,
                reason=form.reason.data,
                recorder=signed_in_user(),
            )
        except metrics.MetricError as error:
            errors = [str(error)]
    if errors:
        return render_page(convention, code=422, override_errors={measurement.id: errors})
    name = localized(indicator, "name")
    flash(_("The figure of %(indicator)s is overridden.", indicator=name), "success")
    return back_to(convention, f"indicator-{indicator.id}")
