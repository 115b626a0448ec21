"""A support case's plan and steering committee: its planned start and duration, its
phases, the committee's meetings and their minutes (issue 14, item 2); and the beneficiary's
quality policy and management reviews (item 4). Those who work on the case record them;
whoever opens the case reads them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    can_work_on_case,
    case_or_404,
    meeting_or_404,
    phase_or_404,
    signed_in_required,
    workable_case_or_404,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.common import back_to, render_case
from portal.blueprints.certification.forms import (
    ManagementReviewForm,
    MeetingForm,
    PhaseForm,
    PlanForm,
    QualityPolicyForm,
)
from portal.downloads import stored_file_download
from portal.services.certification import quality, steering
from portal.services.certification.cases import CertificationError
from portal.services.file_store import STEERING_MINUTES


@bp.route("/support/<int:case_id>/plan", methods=["POST"])
@signed_in_required
def set_case_plan(case_id: int):
    """The support's planned start and duration."""
    case = workable_case_or_404(signed_in_user(), case_id)
    form = PlanForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, plan_form=form)
    try:
        steering.set_plan(
            case, planned_start=form.planned_start.data, planned_months=form.planned_months.data
        )
    except CertificationError as error:
        form.planned_months.errors.append(str(error))
        return render_case(case, code=422, plan_form=form)
    flash(_("The plan is saved."), "success")
    return back_to(case, "steering")


@bp.route("/support/<int:case_id>/phases", methods=["POST"])
@signed_in_required
def add_case_phase(case_id: int):
    """A phase of the plan."""
    case = workable_case_or_404(signed_in_user(), case_id)
    form = PhaseForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, phase_form=form)
    try:
        steering.add_phase(
            case,
            name_fr=form.name_fr.data,
            name_ar=form.name_ar.data,
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
        )
    except CertificationError as error:
        form.ends_on.errors.append(str(error))
        return render_case(case, code=422, phase_form=form)
    flash(_("The phase is added to the plan."), "success")
    return back_to(case, "steering")


@bp.route("/support/<int:case_id>/phases/<int:phase_id>/done", methods=["POST"])
@signed_in_required
def complete_case_phase(case_id: int, phase_id: int):
    """Mark a phase of the plan done today."""
    case = workable_case_or_404(signed_in_user(), case_id)
    phase = phase_or_404(case, phase_id)
    steering.complete_phase(phase, clock.today())
    flash(_("The phase is done."), "success")
    return back_to(case, "steering")


@bp.route("/support/<int:case_id>/meetings", methods=["POST"])
@signed_in_required
def add_steering_meeting(case_id: int):
    """A steering committee meeting with its minutes."""
    user = signed_in_user()
    case = workable_case_or_404(user, case_id)
    form = MeetingForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, meeting_form=form)
    upload = request.files.get(form.minutes.name)
    minutes = (
        (upload.filename or "minutes.pdf", upload.read()) if upload and upload.filename else None
    )
    try:
        steering.add_meeting(
            case,
            held_on=form.held_on.data,
            attendees=form.attendees.data,
            decisions=form.decisions.data or "",
            minutes=minutes,
            recorder=user,
            today=clock.today(),
        )
    except CertificationError as error:
        form.held_on.errors.append(str(error))
        return render_case(case, code=422, meeting_form=form)
    flash(_("The meeting is recorded."), "success")
    return back_to(case, "steering")


@bp.route("/support/<int:case_id>/meetings/<int:meeting_id>/minutes")
@signed_in_required
def steering_minutes(case_id: int, meeting_id: int):
    """A meeting's minutes, for whoever opens the case."""
    case = case_or_404(signed_in_user(), case_id)
    meeting = meeting_or_404(case, meeting_id)
    if not meeting.minutes_stored:
        abort(404)
    return stored_file_download(
        STEERING_MINUTES,
        meeting.minutes_stored,
        mimetype="application/pdf",
        download_name=meeting.minutes_name or "minutes.pdf",
    )


def _render_policy(case, *, form=None, code: int = 200):
    user = signed_in_user()
    can_work = can_work_on_case(user, case)
    return render_template(
        "certification/quality_policy.html",
        case=case,
        policies=quality.policies_of(case.organisation),
        form=(form or QualityPolicyForm(formdata=None)) if can_work else None,
        page_title=_("Quality policy"),
        active="policy",
    ), code


@bp.route("/support/<int:case_id>/quality-policy", methods=["GET", "POST"])
@signed_in_required
def quality_policy(case_id: int):
    """The beneficiary's quality policy, its versions, and a new version for those who work
    on the case."""
    user = signed_in_user()
    case = case_or_404(user, case_id)
    if request.method == "GET":
        return _render_policy(case)
    case = workable_case_or_404(user, case_id)
    form = QualityPolicyForm()
    if not form.validate_on_submit():
        return _render_policy(case, form=form, code=422)
    try:
        policy = quality.record_policy(
            case.organisation,
            text_fr=form.text_fr.data,
            text_ar=form.text_ar.data,
            approved_by=form.approved_by.data,
            approved_on=form.approved_on.data,
            recorder=user,
            today=clock.today(),
        )
    except CertificationError as error:
        form.approved_on.errors.append(str(error))
        return _render_policy(case, form=form, code=422)
    flash(
        _("Version %(version)s of the quality policy is recorded.", version=policy.version),
        "success",
    )
    return redirect(url_for("certification.quality_policy", case_id=case.id))


def _render_reviews(case, *, form=None, code: int = 200):
    can_work = can_work_on_case(signed_in_user(), case)
    return render_template(
        "certification/management_reviews.html",
        case=case,
        reviews=quality.reviews_of(case.organisation),
        inputs=quality.REVIEW_INPUTS,
        form=(form or ManagementReviewForm(formdata=None, inputs=quality.REVIEW_INPUTS))
        if can_work
        else None,
        page_title=_("Management reviews"),
        active="reviews",
    ), code


@bp.route("/support/<int:case_id>/management-reviews", methods=["GET", "POST"])
@signed_in_required
def management_reviews(case_id: int):
    """The beneficiary's management reviews, and a new one for those who work on the case."""
    user = signed_in_user()
    case = case_or_404(user, case_id)
    if request.method == "GET":
        return _render_reviews(case)
    case = workable_case_or_404(user, case_id)
    form = ManagementReviewForm(inputs=quality.REVIEW_INPUTS)
    if not form.validate_on_submit():
        return _render_reviews(case, form=form, code=422)
    try:
        quality.record_review(
            case.organisation,
            held_on=form.held_on.data,
            inputs=form.inputs.data or [],
            decisions=form.decisions.data,
            recorder=user,
            today=clock.today(),
        )
    except CertificationError as error:
        form.held_on.errors.append(str(error))
        return _render_reviews(case, form=form, code=422)
    flash(_("The management review is recorded."), "success")
    return redirect(url_for("certification.management_reviews", case_id=case.id))
