"""After a training session: the institute records attendance (the needs it served are
fulfilled), the companies whose staff attended evaluate it, the others read the averages."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _

from portal import clock
from portal.authz import P, permission_required
from portal.authz.training import (
    can_evaluate_session,
    participant_or_404,
    session_or_404,
    takes_part_as_company,
)
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import back_to
from portal.blueprints.training.offers_forms import AttendanceForm, attendance_key
from portal.i18n import current_language
from portal.models import SessionStatus
from portal.services import pdf, surveys
from portal.services.training import attendance as attendance_service
from portal.services.training import sessions as service


@bp.route("/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@permission_required(P.RUN_TRAINING_SESSIONS)
def attendance(session_id: int):
    """The institute records who was present on each day; the session is held and its needs
    are fulfilled by the people who attended every day (in part when fewer came)."""
    training_session = session_or_404(signed_in_user(), session_id)
    if training_session.status == SessionStatus.CANCELLED:
        flash(_("This session is cancelled."), "danger")
        return back_to(training_session)
    seated = attendance_service.seated(training_session)
    days = attendance_service.session_days(training_session)
    form = AttendanceForm(enrolments=seated, days=days)
    if not form.is_submitted():
        recorded = attendance_service.presence(e.id for e in seated)
        form.present.data = [
            attendance_key(enrolment_id, day)
            for enrolment_id, present_days in recorded.items()
            for day in present_days
        ]
    started = training_session.starts_on <= clock.today()
    if form.validate_on_submit():
        if not started:
            flash(_("Attendance can be recorded once the session has started."), "danger")
            return back_to(training_session)
        trained = attendance_service.record_days(training_session, form.pairs())
        flash(
            _(
                "Attendance is recorded: %(present)s of %(total)s participants attended every "
                "day. The needs the session served are fulfilled by them; what they leave "
                "open is back in the demand.",
                present=sum(trained.values()),
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
        days=days,
        key=attendance_key,
        started=started,
    ), 422 if form.is_submitted() else 200


@bp.route("/sessions/<int:session_id>/enrolments/<int:enrolment_id>/certificate.pdf")
@permission_required(P.VIEW_TRAINING_SESSIONS)
def attendance_certificate(session_id: int, enrolment_id: int):
    """A participant's attendance certificate (PDF, in ``lang`` or the page's language), once
    attendance shows them present."""
    me = signed_in_user()
    training_session = session_or_404(me, session_id)
    certificate = attendance_service.certificate_of(
        participant_or_404(me, training_session, enrolment_id)
    )
    if certificate is None:
        abort(404)
    asked = request.args.get("lang", "")
    language = asked if asked in current_app.config["LANGUAGES"] else current_language()
    static = Path(current_app.static_folder or "")
    with force_locale(f"{language}_MA"):
        html = render_template(
            "training/attendance_certificate.html",
            certificate=certificate,
            verify_url=url_for("certification.verify", _external=True),
        )
    try:
        body = pdf.html_to_pdf(html, static, [static / "css" / "certificate.css"])
    except pdf.PdfError:
        current_app.logger.exception("An attendance certificate could not be drawn")
        flash(_("The PDF could not be drawn; try again later."), "danger")
        return back_to(training_session)
    name = f"attendance-{certificate.enrolment.certificate_code}-{language}.pdf"
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


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
