"""Training pages of sessions planned from demand: the list and its export, a session with
its participants and waiting list, enrolment and cancelling.

Sessions are loaded through ``authz.training.session_scope``: companies see those of the
ecosystems they are members of, institutes their own, federations their ecosystems', the
ministry and administrators all; out of scope answers 404, a role with no business here 403.
"""

from __future__ import annotations

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import P, permission_required
from portal.authz.training import (
    can_cancel_enrolments,
    can_change_kept_seats,
    can_enrol,
    can_evaluate_session,
    can_export_sessions,
    can_record_attendance,
    is_session_member,
    own_enrolment_or_404,
    session_or_404,
    takes_part_as_company,
)
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import back_to, page_args
from portal.blueprints.training.offers_forms import (
    EnrolForm,
    EnrolManyForm,
    KeptSeatsForm,
    kept_seats_form,
)
from portal.downloads import table_download
from portal.fragments import kept_fragment, query_key
from portal.i18n import localized
from portal.models import (
    Ecosystem,
    EnrolmentStatus,
    Organisation,
    SessionStatus,
    TrainingSession,
)
from portal.services import tabular
from portal.services.cache import View
from portal.services.certification.lookups import ecosystems_by_id
from portal.services.editing import StaleEdit
from portal.services.training import seats
from portal.services.training import sessions as service
from portal.services.training.common import TrainingError

# The sessions list's count, rows and pager as HTML, per scope (role and organisation), kept
# until a table they were read from changes (issue 11). What may be read before is in
# depends_on: the ecosystems a federation leads (once per request), the viewer's organisation
# (an institute's own, then taken from the session without a statement).
SESSIONS_HTML = View("training-sessions-html", depends_on=(Ecosystem, Organisation))


@bp.route("/sessions")
@permission_required(P.VIEW_TRAINING_SESSIONS)
def sessions():
    """The sessions the user may see, latest first, with their seats taken and left."""
    me = signed_in_user()
    status = request.args.get("status", "")
    can_export = can_export_sessions(me)

    def results() -> dict:
        page = service.sessions_page(me, status=status, **page_args())
        return {
            "pagination": page,
            "training_sessions": page.items,
            "counts": service.enrolment_counts([s.id for s in page.items]),
            "ecosystems": ecosystems_by_id({s.ecosystem_id for s in page.items}),
            "status": status,
            "can_export": can_export,
        }

    return render_template(
        "training/sessions.html",
        status=status,
        status_options=[(s.value, s.label) for s in SessionStatus],
        results=kept_fragment(
            SESSIONS_HTML,
            # the scope is exactly the role and the organisation (a federation's ecosystems)
            (me.role.value, me.organisation_id, can_export, *query_key()),
            "training/_sessions_results.html",
            results,
        ),
    )


def render_session(
    training_session: TrainingSession,
    *,
    form: EnrolForm | None = None,
    many_form: EnrolManyForm | None = None,
    seats_form: KeptSeatsForm | None = None,
    code: int = 200,
) -> tuple[str, int]:
    """A session's page; an enrolment or kept-seats form that failed is passed in to show
    its errors."""
    me = signed_in_user()
    company = takes_part_as_company(me)
    today = clock.today()
    participants = service.session_participants(
        training_session, only_organisation_id=me.organisation_id if company else None
    )
    kept = seats.kept_seats(
        training_session, today, only_organisation_id=me.organisation_id if company else None
    )
    enrolling = can_enrol(me, training_session)
    if seats_form is None and can_change_kept_seats(me, training_session):
        seats_form = kept_seats_form(
            [(row["organisation_id"], localized(row["organisation"], "name")) for row in kept.rows],
            training_session.seats,
            formdata=None,
            data={
                "version": training_session.version,
                "seats_kept_until": kept.until,
                **{f"kept_{row['organisation_id']}": row["kept"] for row in kept.rows},
            },
        )
    page = render_template(
        "training/sessions_show.html",
        training_session=training_session,
        ecosystem=participants.ecosystem,
        enrolments=participants.enrolments,
        positions=participants.positions,
        seated=participants.seated,
        waiting=participants.waiting,
        seats_left=participants.seats_left,
        served=participants.served,
        form=(form if form is not None else EnrolForm(formdata=None)) if enrolling else None,
        many_form=(
            many_form if many_form is not None else EnrolManyForm(formdata=None, prefix=MANY)
        )
        if enrolling
        else None,
        can_cancel=can_cancel_enrolments(me, training_session),
        can_record=can_record_attendance(me, training_session),
        can_evaluate=can_evaluate_session(me, training_session),
        show_companies=not company,
        kept=kept,
        seats_form=seats_form,
        may_take_seat=enrolling
        and seats.seat_count(training_session, today).may_take_seat(me.organisation_id),
    )
    return page, code


@bp.route("/sessions/<int:session_id>/seats", methods=["POST"])
@permission_required(P.PLAN_TRAINING_SESSIONS)
def change_kept_seats(session_id: int):
    """Who planned the session changes the seats kept for each company and until when."""
    me = signed_in_user()
    training_session = session_or_404(me, session_id)
    if not can_change_kept_seats(me, training_session):
        abort(403)
    kept = seats.kept_seats(training_session, clock.today())
    form = kept_seats_form(
        [(row["organisation_id"], localized(row["organisation"], "name")) for row in kept.rows],
        training_session.seats,
    )
    if not form.validate_on_submit():
        return render_session(training_session, seats_form=form, code=422)
    try:
        seated = seats.change_kept_seats(
            training_session,
            form.kept(),
            form.seats_kept_until.data,
            form.version.data,
            clock.today(),
        )
    except StaleEdit:
        raise StaleEdit(url_for("training.session", session_id=session_id)) from None
    except TrainingError as error:
        flash(str(error), "danger")
        return render_session(training_session, seats_form=form, code=422)
    flash(_("The seats kept for the companies are saved."), "success")
    if seated:
        flash(
            _("Waiting participants seated: %(count)s.", count=len(seated)),
            "info",
        )
    return back_to(training_session)


@bp.route("/sessions/<int:session_id>", endpoint="session")
@permission_required(P.VIEW_TRAINING_SESSIONS)
def show_session(session_id: int):
    """A session: seats left, its participants (a company sees its own) and waiting list."""
    return render_session(session_or_404(signed_in_user(), session_id))


@bp.route("/sessions/<int:session_id>/enrol", methods=["POST"])
@permission_required(P.ENROL_STAFF)
def enrol(session_id: int):
    """A member company enrols a named participant: a seat if one is left, else the waiting
    list."""
    me = signed_in_user()
    training_session = session_or_404(me, session_id)
    if not is_session_member(me, training_session):
        abort(403)
    form = EnrolForm()
    if not form.validate_on_submit():
        return render_session(training_session, form=form, code=422)
    try:
        enrolment = service.enrol(
            training_session,
            me.organisation_id,
            form.participant_name.data,
            form.participant_job.data or "",
            form.participant_email.data or None,
        )
    except TrainingError as error:
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


# The several-participants form's prefix: its fields (and their ids) differ from the single
# enrolment form's on the same page.
MANY = "many"


@bp.route("/sessions/<int:session_id>/enrol-many", methods=["POST"])
@permission_required(P.ENROL_STAFF)
def enrol_many(session_id: int):
    """A member company enrols several participants at once, typed or from a CSV or XLSX
    file: all of them, or none when a row is wrong (each problem said by its line)."""
    me = signed_in_user()
    training_session = session_or_404(me, session_id)
    if not is_session_member(me, training_session):
        abort(403)
    form = EnrolManyForm(prefix=MANY)
    if not form.validate_on_submit():
        return render_session(training_session, many_form=form, code=422)
    try:
        rows = participant_rows(form)
        enrolled = service.enrol_many(
            training_session, me.organisation_id, service.read_participants(rows)
        )
    except TrainingError as error:
        form.participants.errors = [*form.participants.errors, str(error)]
        return render_session(training_session, many_form=form, code=422)
    seated = sum(1 for e in enrolled if e.status == EnrolmentStatus.ENROLLED)
    flash(
        _(
            "%(count)s participants enrolled: %(seated)s with a seat, %(waiting)s on the "
            "waiting list.",
            count=len(enrolled),
            seated=seated,
            waiting=len(enrolled) - seated,
        ),
        "success",
    )
    return back_to(training_session)


def participant_rows(form: EnrolManyForm) -> list[list[str]]:
    """The rows the form gives: the file's, else the lines typed."""
    upload = form.participants_file.data
    if upload and upload.filename:
        try:
            return tabular.read_records(upload.filename, upload.read(), max_rows=500)
        except tabular.TableError:
            raise TrainingError(
                _("The file could not be read: give a CSV or XLSX file, one participant a row.")
            ) from None
    return list(tabular.text_records(form.participants.data or "", whole=True))


@bp.route("/sessions/<int:session_id>/enrolments/<int:enrolment_id>/cancel", methods=["POST"])
@permission_required(P.ENROL_STAFF)
def cancel_enrolment(session_id: int, enrolment_id: int):
    """A company cancels one of its participants; the first on the waiting list takes the
    seat."""
    me = signed_in_user()
    training_session = session_or_404(me, session_id)
    enrolment = own_enrolment_or_404(me, training_session, enrolment_id)
    if (
        training_session.status != SessionStatus.PLANNED
        or enrolment.status == EnrolmentStatus.CANCELLED
    ):
        flash(_("This participation can no longer be cancelled."), "danger")
        return back_to(training_session)
    service.cancel_enrolment(enrolment)
    flash(_("%(name)s's participation is cancelled.", name=enrolment.participant_name), "success")
    return back_to(training_session)


@bp.route("/sessions.<fmt>")
@permission_required(P.EXPORT_TRAINING_SESSIONS)
def export_sessions(fmt: str):
    """The sessions in scope as CSV or XLSX, with their participants and average rating."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    headers, rows = service.sessions_table(signed_in_user())
    return table_download(fmt, "sessions", headers, rows)
