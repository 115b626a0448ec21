"""Marking a milestone done — on the day it was done, with its evidence — and reopening one
marked done by mistake (federation staff of a party, and the ministry)."""

from __future__ import annotations

from flask import flash, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from portal import clock
from portal.authz import get_or_404
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.forms import MilestoneCompletionForm, MilestoneReopenForm
from portal.blueprints.conventions.routes import (
    back_to,
    progress_recorders_only,
    recording_convention_or_404,
    user,
)
from portal.i18n import localized
from portal.models import Convention, Milestone
from portal.services import convention_changes
from portal.services.convention_files import DocumentRefused
from portal.services.conventions import ConventionError
from portal.services.editing import STALE_EDIT_MESSAGE


def _milestone_or_404(convention: Convention, milestone_id: int) -> Milestone:
    return get_or_404(
        select(Milestone).where(
            Milestone.id == milestone_id, Milestone.convention_id == convention.id
        )
    )


def _stale():
    flash(STALE_EDIT_MESSAGE, "danger")


@bp.route("/<int:convention_id>/milestones/<int:milestone_id>/complete", methods=["GET", "POST"])
@progress_recorders_only
def complete_milestone(convention_id: int, milestone_id: int):
    """Ask the day the milestone was done and what shows it, then record it."""
    convention = recording_convention_or_404(convention_id)
    milestone = _milestone_or_404(convention, milestone_id)
    if milestone.completed_on is not None:
        flash(_("This milestone was already done."), "info")
        return back_to(convention, "milestones")
    form = MilestoneCompletionForm(
        convention=convention, documents=convention_changes.evidence_documents(convention)
    )
    if not form.is_submitted():
        form.version.data = milestone.version
    if form.validate_on_submit():
        upload = form.evidence_file.data
        try:
            convention_changes.complete_milestone(
                convention,
                milestone,
                user(),
                version=form.version.data,
                completed_on=form.completed_on.data,
                today=clock.today(),
                evidence_note=form.evidence_note.data or "",
                evidence_document_id=form.evidence_document_id.data or None,
                evidence_file=(upload.filename, upload.stream) if upload else None,
            )
        except DocumentRefused as error:
            form.evidence_file.errors.append(str(error))
        except ConventionError as error:
            form.completed_on.errors.append(str(error))
        else:
            flash(_("Milestone done: %(title)s.", title=localized(milestone, "title")), "success")
            return back_to(convention, "milestones")
    page = render_template(
        "conventions/complete_milestone.html",
        form=form,
        convention=convention,
        milestone=milestone,
        today=clock.today(),
    )
    return page, 422 if form.is_submitted() else 200


@bp.route("/<int:convention_id>/milestones/<int:milestone_id>/reopen", methods=["POST"])
@progress_recorders_only
def reopen_milestone(convention_id: int, milestone_id: int):
    """Undo "done": the milestone is open again; the audit trail keeps its completion."""
    convention = recording_convention_or_404(convention_id)
    milestone = _milestone_or_404(convention, milestone_id)
    form = MilestoneReopenForm()
    if not form.validate_on_submit():
        _stale()
        return back_to(convention, "milestones")
    try:
        convention_changes.reopen_milestone(milestone, version=form.version.data)
    except ConventionError as error:
        flash(str(error), "info")
    else:
        flash(
            _("The milestone is open again: %(title)s.", title=localized(milestone, "title")),
            "success",
        )
    return back_to(convention, "milestones")
