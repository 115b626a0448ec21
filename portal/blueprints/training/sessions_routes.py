"""Training pages of institutes' offers, sessions planned from a demand cell, enrolment with a
waiting list, attendance, the companies' evaluations and the sessions export.

Sessions are loaded through ``session_scope``: companies see those of the ecosystems they are
members of, institutes their own, federations their ecosystems', the ministry and
administrators all; out of scope answers 404, a role with no business here 403.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import false, func, or_, select, true

from portal import clock
from portal.authz import (
    Permission,
    get_or_404,
    led_ecosystem_ids,
    permission_required,
    roles_required,
)
from portal.blueprints.training import bp
from portal.blueprints.training.offers_forms import (
    AttendanceForm,
    EnrolForm,
    EvaluationForm,
)
from portal.bounds import page_number
from portal.downloads import table_download
from portal.extensions import db
from portal.i18n import format_day, localized
from portal.models import (
    Ecosystem,
    Enrolment,
    EnrolmentStatus,
    Membership,
    MembershipStatus,
    Role,
    SessionEvaluation,
    SessionStatus,
    TrainingNeed,
    TrainingSession,
)
from portal.models.reference import region_label
from portal.services import training as service
from portal.services.certification.lookups import ecosystems_by_id
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import organisation_users
from portal.services.paging import paginate

QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
SESSION_EXPORTERS = (Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF, Role.INSTITUTE_USER)
PLANNERS = (Role.ADMIN, Role.FEDERATION_STAFF)
# The highest score ``matching_offers`` gives: region served, modality, capacity.
BEST_SCORE = 8


def user() -> Any:
    """The signed-in user as a model object (for foreign keys and services)."""
    return current_user._get_current_object()


def tell(organisation_ids: Iterable[int], kind: str, params: dict[str, Any], link: str) -> None:
    """Notify the users of the organisations."""
    users = [u for org_id in sorted(set(organisation_ids)) for u in organisation_users(org_id)]
    if users:
        notify(users, kind, params, link)


def bilingual_date(day: Any) -> dict[str, str]:
    """A date written in French and in Arabic (for notifications read in either)."""
    written = {}
    for language in ("fr", "ar"):
        with force_locale(f"{language}_MA"):
            written[language] = format_day(day)
    return written


# --- scopes ----------------------------------------------------------------------------------


def member_ecosystem_ids(organisation_id: int):
    """The ecosystems where the organisation is an active member (as a subquery)."""
    return select(Membership.ecosystem_id).where(
        Membership.organisation_id == organisation_id,
        Membership.status == MembershipStatus.ACTIVE,
        Membership.deleted_at.is_(None),
    )


def session_scope(viewer: Any):
    """WHERE clause on TrainingSession: what the user's role and organisation may see."""
    if viewer.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if viewer.role == Role.FEDERATION_STAFF:
        return TrainingSession.ecosystem_id.in_(led_ecosystem_ids(viewer))
    if viewer.role == Role.INSTITUTE_USER:
        return TrainingSession.institute_id == viewer.organisation_id
    if viewer.role == Role.SME_USER:
        # A company that left the ecosystem still sees the sessions its staff took part in.
        enrolled = select(Enrolment.session_id).where(
            Enrolment.organisation_id == viewer.organisation_id
        )
        return or_(
            TrainingSession.ecosystem_id.in_(member_ecosystem_ids(viewer.organisation_id)),
            TrainingSession.id.in_(enrolled),
        )
    return false()


def session_or_404(session_id: int) -> TrainingSession:
    """A session the current user may see, else 404."""
    return get_or_404(
        select(TrainingSession).where(TrainingSession.id == session_id, session_scope(current_user))
    )


def is_active_member(organisation_id: int, ecosystem_id: int) -> bool:
    """Whether the organisation is an active member of the ecosystem."""
    return (
        db.session.execute(
            member_ecosystem_ids(organisation_id).where(Membership.ecosystem_id == ecosystem_id)
        ).first()
        is not None
    )


def enrolment_counts(session_ids: list[int]) -> dict[int, Counter]:
    """Per session: participants enrolled, waiting, and who attended (one query)."""
    counts: dict[int, Counter] = defaultdict(Counter)
    if not session_ids:
        return counts
    rows = db.session.execute(
        select(Enrolment.session_id, Enrolment.status, Enrolment.attended, func.count(Enrolment.id))
        .where(Enrolment.session_id.in_(session_ids))
        .group_by(Enrolment.session_id, Enrolment.status, Enrolment.attended)
    )
    for session_id, status, attended, number in rows:
        counts[session_id][status.value] += number
        if attended:
            counts[session_id]["attended"] += number
    return counts


def back_to(training_session: TrainingSession) -> Any:
    """Redirect to the session's page."""
    return redirect(url_for("training.session", session_id=training_session.id))


# --- sessions --------------------------------------------------------------------------------


@bp.route("/sessions")
@permission_required(Permission.VIEW_TRAINING_SESSIONS)
def sessions():
    """The sessions the user may see, latest first, with their seats taken and left."""
    status = request.args.get("status", "")
    query = (
        select(TrainingSession)
        .where(session_scope(current_user))
        .order_by(TrainingSession.starts_on.desc(), TrainingSession.id.desc())
    )
    if status in {s.value for s in SessionStatus}:
        query = query.where(TrainingSession.status == SessionStatus(status))
    page = paginate(query, page=page_number(request.args), per_page=current_app.config["PAGE_SIZE"])
    items = list(page.items)
    return render_template(
        "training/sessions.html",
        pagination=page,
        training_sessions=items,
        counts=enrolment_counts([s.id for s in items]),
        ecosystems=ecosystems_by_id({s.ecosystem_id for s in items}),
        status=status,
        status_options=[(s.value, s.label) for s in SessionStatus],
        can_export=current_user.role in SESSION_EXPORTERS,
    )


def render_session(
    training_session: TrainingSession, *, form: EnrolForm | None = None, code: int = 200
) -> tuple[str, int]:
    """A session's page; an enrolment form that failed is passed in to show its errors."""
    company = current_user.role == Role.SME_USER
    query = (
        select(Enrolment)
        .where(
            Enrolment.session_id == training_session.id,
            Enrolment.status != EnrolmentStatus.CANCELLED,
        )
        .order_by(Enrolment.requested_at, Enrolment.id)
    )
    listed = list(db.session.execute(query).scalars())
    waiting = [e.id for e in listed if e.status == EnrolmentStatus.WAITING]
    seated = len(listed) - len(waiting)
    if company:  # a company sees its own participants only
        listed = [e for e in listed if e.organisation_id == current_user.organisation_id]
    planned = training_session.status == SessionStatus.PLANNED
    can_enrol = (
        company
        and planned
        and is_active_member(current_user.organisation_id, training_session.ecosystem_id)
    )
    if can_enrol and form is None:
        form = EnrolForm(formdata=None)
    served = []
    if not company:
        served = list(
            db.session.execute(
                select(TrainingNeed)
                .where(TrainingNeed.session_id == training_session.id)
                .order_by(TrainingNeed.id)
            ).scalars()
        )
    page = render_template(
        "training/sessions_show.html",
        training_session=training_session,
        ecosystem=db.session.get(Ecosystem, training_session.ecosystem_id),
        enrolments=listed,
        positions={enrolment_id: n for n, enrolment_id in enumerate(waiting, start=1)},
        seated=seated,
        waiting=len(waiting),
        seats_left=max(training_session.seats - seated, 0),
        served=served,
        form=form if can_enrol else None,
        can_cancel=company and planned,
        can_record=current_user.role == Role.INSTITUTE_USER
        and training_session.status != SessionStatus.CANCELLED,
        can_evaluate=company and may_evaluate(training_session),
        show_companies=not company,
    )
    return page, code


@bp.route("/sessions/<int:session_id>", endpoint="session")
@permission_required(Permission.VIEW_TRAINING_SESSIONS)
def show_session(session_id: int):
    """A session: seats left, its participants (a company sees its own) and waiting list."""
    return render_session(session_or_404(session_id))


@bp.route("/sessions/<int:session_id>/enrol", methods=["POST"])
@permission_required(Permission.ENROL_STAFF)
def enrol(session_id: int):
    """A member company enrols a named participant: a seat if one is left, else the waiting
    list."""
    training_session = session_or_404(session_id)
    if not is_active_member(current_user.organisation_id, training_session.ecosystem_id):
        abort(403)
    form = EnrolForm()
    if not form.validate_on_submit():
        return render_session(training_session, form=form, code=422)
    try:
        enrolment = service.enrol(
            training_session,
            current_user.organisation_id,
            form.participant_name.data,
            form.participant_job.data or "",
        )
    except service.TrainingError as error:
        flash(str(error), "danger")
        return back_to(training_session)
    if enrolment.status == EnrolmentStatus.ENROLLED:
        flash(_("%(name)s is enrolled.", name=enrolment.participant_name), "success")
    else:
        flash(
            _(
                "The session is full: %(name)s is on the waiting list and will take the first "
                "seat that is freed.",
                name=enrolment.participant_name,
            ),
            "warning",
        )
    return back_to(training_session)


@bp.route("/sessions/<int:session_id>/enrolments/<int:enrolment_id>/cancel", methods=["POST"])
@permission_required(Permission.ENROL_STAFF)
def cancel_enrolment(session_id: int, enrolment_id: int):
    """A company cancels one of its participants; the first on the waiting list takes the
    seat."""
    training_session = session_or_404(session_id)
    enrolment = get_or_404(
        select(Enrolment).where(
            Enrolment.id == enrolment_id,
            Enrolment.session_id == training_session.id,
            Enrolment.organisation_id == current_user.organisation_id,
        )
    )
    if (
        training_session.status != SessionStatus.PLANNED
        or enrolment.status == EnrolmentStatus.CANCELLED
    ):
        flash(_("This participation can no longer be cancelled."), "danger")
        return back_to(training_session)
    promoted = service.cancel_enrolment(enrolment)
    flash(_("%(name)s's participation is cancelled.", name=enrolment.participant_name), "success")
    if promoted is not None:
        tell(
            [promoted.organisation_id],
            "training_seat_granted",
            {"topic": bilingual(training_session.topic), "name": promoted.participant_name},
            url_for("training.session", session_id=training_session.id),
        )
    return back_to(training_session)


# --- after the session -----------------------------------------------------------------------


@bp.route("/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@permission_required(Permission.RUN_TRAINING_SESSIONS)
def attendance(session_id: int):
    """The institute records who attended; the session is held and the needs it served are
    fulfilled."""
    training_session = session_or_404(session_id)
    if training_session.status == SessionStatus.CANCELLED:
        flash(_("This session is cancelled."), "danger")
        return back_to(training_session)
    seated = list(
        db.session.execute(
            select(Enrolment)
            .where(
                Enrolment.session_id == training_session.id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
            .order_by(Enrolment.participant_name, Enrolment.id)
        ).scalars()
    )
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


def attended_companies(training_session: TrainingSession) -> set[int]:
    """The companies with at least one participant who attended."""
    return set(
        db.session.execute(
            select(Enrolment.organisation_id).where(
                Enrolment.session_id == training_session.id, Enrolment.attended.is_(True)
            )
        ).scalars()
    )


def may_evaluate(training_session: TrainingSession) -> bool:
    """Whether the user's company may evaluate the session: held, its staff attended."""
    return (
        training_session.status == SessionStatus.HELD
        and current_user.organisation_id in attended_companies(training_session)
    )


def evaluation_summary(training_session: TrainingSession) -> dict[str, Any]:
    """The evaluations' count and averages, and their comments (without company names)."""
    count, overall, content, trainer = db.session.execute(
        select(
            func.count(SessionEvaluation.id),
            func.avg(SessionEvaluation.rating),
            func.avg(SessionEvaluation.content_rating),
            func.avg(SessionEvaluation.trainer_rating),
        ).where(SessionEvaluation.session_id == training_session.id)
    ).one()
    comments = db.session.execute(
        select(SessionEvaluation.comment)
        .where(SessionEvaluation.session_id == training_session.id, SessionEvaluation.comment != "")
        .order_by(SessionEvaluation.id)
    ).scalars()
    averages = {"overall": overall, "content": content, "trainer": trainer}
    return {
        "count": count,
        "averages": {k: round(float(v), 1) if v is not None else None for k, v in averages.items()},
        "comments": list(comments),
        "companies": len(attended_companies(training_session)),
    }


@bp.route("/sessions/<int:session_id>/evaluation", methods=["GET", "POST"])
@permission_required(Permission.VIEW_TRAINING_SESSIONS)
def evaluate(session_id: int):
    """A company whose staff attended a held session rates it, once; the institute, the
    federation, the ministry and administrators see the averages."""
    training_session = session_or_404(session_id)
    if current_user.role != Role.SME_USER:
        if request.method == "POST":
            abort(403)
        return render_template(
            "training/evaluation_summary.html",
            training_session=training_session,
            summary=evaluation_summary(training_session),
        )
    if not may_evaluate(training_session):
        flash(
            _(
                "Your company can evaluate this session once it is held and your participants "
                "attended it."
            ),
            "danger",
        )
        return back_to(training_session)
    given = db.session.execute(
        select(SessionEvaluation).where(
            SessionEvaluation.session_id == training_session.id,
            SessionEvaluation.organisation_id == current_user.organisation_id,
        )
    ).scalar()
    if given is not None and request.method == "POST":
        flash(_("Your company has already evaluated this session."), "danger")
        return back_to(training_session)
    form = EvaluationForm()
    if given is None and form.validate_on_submit():
        db.session.add(
            SessionEvaluation(
                session_id=training_session.id,
                organisation_id=current_user.organisation_id,
                rating=form.rating.data,
                content_rating=form.content_rating.data,
                trainer_rating=form.trainer_rating.data,
                comment=(form.comment.data or "").strip(),
            )
        )
        db.session.flush()
        flash(_("Thank you: your evaluation is recorded."), "success")
        return back_to(training_session)
    return render_template(
        "training/evaluation.html",
        training_session=training_session,
        form=form,
        given=given,
    ), 422 if form.is_submitted() else 200


@bp.route("/sessions.<fmt>")
@roles_required(*SESSION_EXPORTERS)
def export_sessions(fmt: str):
    """The sessions in scope as CSV or XLSX, with their participants and average rating."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    items = list(
        db.session.execute(
            select(TrainingSession)
            .where(session_scope(current_user))
            .order_by(TrainingSession.starts_on, TrainingSession.id)
        ).scalars()
    )
    ids = [s.id for s in items]
    counts = enrolment_counts(ids)
    ecosystems = ecosystems_by_id({s.ecosystem_id for s in items})
    ratings = dict(
        db.session.execute(
            select(SessionEvaluation.session_id, func.avg(SessionEvaluation.rating))
            .where(SessionEvaluation.session_id.in_(ids))
            .group_by(SessionEvaluation.session_id)
        ).all()
    )
    headers = [
        _("Topic"),
        _("Offer"),
        _("Institute"),
        _("Ecosystem"),
        _("Region"),
        _("Quarter"),
        _("First day"),
        _("Last day"),
        _("Place"),
        _("Seats"),
        _("Enrolled"),
        _("Waiting list"),
        _("Attended"),
        _("Status"),
        _("Average rating"),
    ]
    rows = [
        [
            localized(s.topic, "name"),
            localized(s.offer, "title"),
            localized(s.institute, "name"),
            localized(ecosystems[s.ecosystem_id], "name") if s.ecosystem_id in ecosystems else "",
            region_label(s.region),
            s.quarter,
            s.starts_on,
            s.ends_on,
            s.place,
            s.seats,
            counts[s.id][EnrolmentStatus.ENROLLED.value],
            counts[s.id][EnrolmentStatus.WAITING.value],
            counts[s.id]["attended"],
            s.status.label,
            round(float(ratings[s.id]), 1) if ratings.get(s.id) is not None else "",
        ]
        for s in items
    ]
    return table_download(fmt, "sessions", headers, rows)
