"""After a training session: the institute records attendance (the needs it served are
fulfilled), the companies whose staff attended evaluate it, the others read the averages."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import P, permission_required
from portal.authz.training import can_evaluate_session, session_or_404, takes_part_as_company
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import back_to
from portal.blueprints.training.offers_forms import AttendanceForm
from portal.models import SessionStatus
from portal.services import surveys
from portal.services.training import sessions as service


@bp.route("/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@permission_required(P.RUN_TRAINING_SESSIONS)
def attendance(session_id: int):
    """The institute records who attended; the session is held and the needs it served are
    fulfilled."""
    training_session = session_or_404(signed_in_user(), session_id)
    if training_session.status == SessionStatus.CANCELLED:
        flash(_("This session is cancelled."), "danger")
        return back_to(training_session)
    seated = service.seated_enrolments(training_session)
    form = AttendanceForm(enrolments=seated)
    if not form.is_submitted():
        form.attended.data = [e.id for e in seated if e.attended]
    started = training_session.starts_on <= clock.today()
    if form.validate_on_submit():
        if not started:
            flash(_("Attendance can be recorded once the session has started."), "danger")
            return back_to(training_session)
        present = set(form.attended.data or [])
        service.record_attendance(training_session, present)
        flash(
            _(
                "Attendance is recorded: %(present)s of %(total)s participants attended. The "
                "needs the session served are fulfilled.",
                present=len(present),
                total=len(seated),
            ),
            "success",
        )
        return back_to(training_session)
    return render_template(
        "training/sessions_attendance.html",
        training_session=training_session,
        form=form,
        seated=seated,
        started=started,
    ), 422 if form.is_submitted() else 200


@bp.route("/sessions/<int:session_id>/evaluation")
@permission_required(P.VIEW_TRAINING_SESSIONS)
def evaluate(session_id: int):
    """A company whose staff attended a held session answers the session survey, once (its
    invitation's page); the institute, the federation, the ministry and administrators read
    the averages and comments."""
    me = signed_in_user()
    training_session = session_or_404(me, session_id)
    if not takes_part_as_company(me):
        return render_template(
            "training/evaluation_summary.html",
            training_session=training_session,
            summary=service.evaluation_summary(training_session),
        )
    if not can_evaluate_session(me, training_session):
        flash(
            _(
                "Your company can evaluate this session once it is held and your participants "
                "attended it."
            ),
            "danger",
        )
        return back_to(training_session)
    invitation = surveys.session_invitation(training_session, me.organisation_id, clock.today())
    if invitation is None:
        flash(_("No evaluation survey is open for this session."), "danger")
        return back_to(training_session)
    return redirect(url_for("surveys.respond", invitation_id=invitation.id))
