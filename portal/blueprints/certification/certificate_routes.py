"""Certificates: the list and page, their status, certificates a body issued outside any
case, and public verification by number."""

from __future__ import annotations

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
from portal.authz import (
    Permission,
    auditable_certificate_or_404,
    can_change_certificate_status,
    can_confirm_certificate,
    can_record_certificate_audits,
    can_record_certificates,
    case_in_scope,
    certificate_or_404,
    changeable_certificate_or_404,
    check_required,
    confirmable_certificate_or_404,
    issues_certificates,
    permission_required,
    public,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.confirmation_forms import (
    ConfirmCertificateForm,
    MemberCertificateForm,
    RejectCertificateForm,
)
from portal.blueprints.certification.forms import (
    CertificateAuditForm,
    CertificateStatusForm,
    RecordCertificateForm,
)
from portal.bounds import page_number
from portal.downloads import table_download
from portal.extensions import limiter
from portal.fragments import kept_fragment, query_key
from portal.i18n import format_day, locale_of, localized
from portal.models import (
    AuditKind,
    AuditResult,
    Certificate,
    CertificateStatus,
    Ecosystem,
    Organisation,
    Standard,
    User,
)
from portal.services.cache import View
from portal.services.certification import (
    CERTIFICATE_TRANSITIONS,
    CertificationError,
    calendar,
    change_certificate_status,
    current_reason,
    record_certificate,
    status_history,
    surveillance,
    verify_certificate,
)
from portal.services.certification.certificate_lists import (
    STATES,
    CertificateFilters,
    certificate_list,
    export_headers,
    export_rows,
)
from portal.services.certification.certificates import (
    MAX_NUMBER_LENGTH,
    Verification,
    accreditations_of,
    certification_bodies,
    confirm_certificate,
    member_holder,
    number_taken,
    reject_certificate,
)
from portal.services.certification.lookups import standards
from portal.services.ecosystems.records import ecosystem_choices
from portal.services.training import attendance

# The certificate list's filters, count, rows and pager as HTML, per viewer (the scope is
# the user's) and day, kept until a table they were read from changes (issue 11). The user
# and their organisation are read before, and a row's holder, body or standard may come from
# the session without a statement: they are in depends_on, with the filter's ecosystems.
CERTIFICATES_HTML = View("certificates-html", depends_on=(User, Organisation, Standard, Ecosystem))


@bp.route("/certificates/")
@permission_required(Permission.VIEW_CERTIFICATES)
def certificates():
    """The certificates the user may see, with their state on the day and due dates,
    filtered by state, standard, issuing body and the holder's ecosystem (the pipeline links
    to the expiring and the overdue ones)."""
    user = signed_in_user()
    today = clock.today()
    filters = CertificateFilters.from_args(request.args)
    page = page_number(request.args)

    def results() -> dict:
        pagination = certificate_list(
            user, filters, today, page=page, per_page=current_app.config["PAGE_SIZE"]
        )
        return {
            "pagination": pagination,
            "certificates": list(pagination.items),
            "overdue": surveillance.overdue_ids(pagination.items, today),
            "today": today,
            "filters": filters,
            "states": STATES,
            "standards": standards(),
            "ecosystems": ecosystem_choices(),
            "calendar_url": url_for(
                "certification.audits_calendar", token=calendar.token_of(user), _external=True
            )
            if calendar.follows_audits(user)
            else "",
        }

    return render_template(
        "certification/certificates.html",
        can_record=can_record_certificates(user),
        results=kept_fragment(
            CERTIFICATES_HTML,
            # states and overdue surveillance are the day's; the calendar's token changes
            # with the password (the user's row)
            (user.id, today.toordinal(), *query_key()),
            "certification/_certificates_results.html",
            results,
        ),
    )


@bp.route("/certificates.<fmt>")
@permission_required(Permission.VIEW_CERTIFICATES)
def export_certificates(fmt: str):
    """The filtered certificates as CSV or XLSX, streamed."""
    filters = CertificateFilters.from_args(request.args)
    rows = export_rows(signed_in_user(), filters, clock.today())
    return table_download(fmt, "certificats", export_headers(), rows, "certificats")


def render_certificate(
    certificate: Certificate,
    *,
    code: int = 200,
    status_form: CertificateStatusForm | None = None,
    audit_form: CertificateAuditForm | None = None,
    confirm_form: ConfirmCertificateForm | None = None,
    reject_form: RejectCertificateForm | None = None,
) -> tuple[str, int]:
    """The certificate page with its audits and status history, and — for its body's users,
    when a federation recorded it — confirming or rejecting it; a form that failed is passed
    in to show its errors."""
    user = signed_in_user()
    today = clock.today()
    may_confirm = (
        certificate.status == CertificateStatus.AWAITING_CONFIRMATION
        and can_confirm_certificate(user, certificate)
    )
    if may_confirm:
        confirm_form = confirm_form or ConfirmCertificateForm(formdata=None)
        reject_form = reject_form or RejectCertificateForm(formdata=None)
        for form in (confirm_form, reject_form):
            if not form.is_submitted():
                form.version.data = certificate.version
    unconfirmed = certificate.status in (
        CertificateStatus.AWAITING_CONFIRMATION,
        CertificateStatus.REJECTED,
    )
    may_audit = not unconfirmed and can_record_certificate_audits(user, certificate)
    if may_audit and audit_form is None:
        audit_form = CertificateAuditForm(formdata=None)
    allowed = CERTIFICATE_TRANSITIONS[certificate.status]
    may_change = can_change_certificate_status(user, certificate) and bool(allowed)
    if may_change and status_form is None:
        status_form = CertificateStatusForm(formdata=None, allowed=allowed)
        status_form.version.data = certificate.version
    history = status_history(certificate)
    body_id = certificate.issuing_body_id
    return render_template(
        "certification/certificate.html",
        certificate=certificate,
        accreditations=accreditations_of([body_id])[body_id],
        today=today,
        overdue=surveillance.is_overdue(certificate, today),
        audits=surveillance.certificate_audits(certificate),
        audit_form=audit_form if may_audit else None,
        status_form=status_form if may_change else None,
        case_visible=case_in_scope(user, certificate.case_id),
        history=history,
        current_change=current_reason(certificate, history),
        confirm_form=confirm_form if may_confirm else None,
        reject_form=reject_form if may_confirm else None,
    ), code


@bp.route("/certificates/<int:certificate_id>")
@permission_required(Permission.VIEW_CERTIFICATES)
def certificate(certificate_id: int):
    """A certificate: holder, standard, scope, body and its accreditation, dates, status and
    the history of its status."""
    return render_certificate(certificate_or_404(signed_in_user(), certificate_id))


@bp.route("/certificates/<int:certificate_id>/status", methods=["POST"])
@permission_required(Permission.CHANGE_CERTIFICATE_STATUS)
def set_certificate_status(certificate_id: int):
    """The issuing body (or an administrator) suspends, withdraws or reinstates a
    certificate, with the reason."""
    user = signed_in_user()
    certificate = changeable_certificate_or_404(user, certificate_id)
    back = redirect(url_for("certification.certificate", certificate_id=certificate.id))
    allowed = CERTIFICATE_TRANSITIONS[certificate.status]
    if not allowed:
        if certificate.status == CertificateStatus.WITHDRAWN:
            flash(_("A withdrawn certificate cannot be restored; record a new one."), "danger")
        else:
            flash(_("The issuing body confirms or rejects this certificate first."), "danger")
        return back
    form = CertificateStatusForm(allowed=allowed)
    if not form.validate_on_submit():
        return render_certificate(certificate, code=422, status_form=form)
    status = CertificateStatus(form.status.data)
    try:
        change_certificate_status(
            certificate, status, user, reason=form.reason.data, version=form.version.data
        )
    except CertificationError as error:
        form.reason.errors.append(str(error))
        return render_certificate(certificate, code=422, status_form=form)
    flash(_("The certificate is now: %(status)s.", status=status.label), "success")
    return back


@bp.route("/certificates/<int:certificate_id>/audits", methods=["POST"])
@permission_required(Permission.CHANGE_CERTIFICATE_STATUS)
def add_certificate_audit(certificate_id: int):
    """The issuing body (or an administrator) records a surveillance or recertification
    audit held on the certificate, with its result and findings."""
    user = signed_in_user()
    certificate = auditable_certificate_or_404(user, certificate_id)
    form = CertificateAuditForm()
    if not form.validate_on_submit():
        return render_certificate(certificate, code=422, audit_form=form)
    try:
        audit = surveillance.record_certificate_audit(
            certificate,
            kind=AuditKind(form.kind.data),
            held_on=form.held_on.data,
            result=AuditResult(form.result.data),
            major_findings=form.major_findings.data,
            minor_findings=form.minor_findings.data,
            findings=form.findings.data or "",
            recorder=user,
            today=clock.today(),
        )
    except CertificationError as error:
        form.held_on.errors.append(str(error))
        return render_certificate(certificate, code=422, audit_form=form)
    flash(
        _(
            "The audit of %(date)s is recorded: %(kind)s.",
            kind=audit.kind.label,
            date=format_day(audit.held_on),
        ),
        "success",
    )
    return redirect(
        url_for("certification.certificate", certificate_id=certificate.id, _anchor="audits")
    )


@bp.route("/certificates/calendar/<token>.ics")
@public
@limiter.limit("60 per hour")
def audits_calendar(token: str):
    """The calendar of audits due of the user the token names (a body's, or a company's):
    subscribed to by a calendar application, which has no session, so the address is the
    access; it stops working when the user's password changes."""
    user = calendar.user_of_token(token)
    if user is None:
        abort(404)
    with force_locale(locale_of(user)):
        body = calendar.ical(
            calendar.audits_due(user, clock.today()),
            _("Audits due — %(organisation)s", organisation=localized(user.organisation, "name")),
            request.host.split(":")[0],
        )
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="audits.ics"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/certificates/new", methods=["GET", "POST"], endpoint="record_certificate")
@check_required(can_record_certificates)
def record_certificate_issued():
    """A certification body records a certificate it issued to a member company outside any
    support case (valid at once); federation staff record one held by a member of an
    ecosystem they lead, naming its body, which confirms it."""
    user = signed_in_user()
    for_member = not issues_certificates(user)
    active = standards(active_only=True)
    if for_member:
        form = MemberCertificateForm(standards=active, bodies=certification_bodies())
    else:
        form = RecordCertificateForm(standards=active)
    if form.validate_on_submit():
        holder = member_holder(form.holder.data, led_by=user if for_member else None)
        if holder is None:
            form.holder.errors.append(
                _(
                    "No member of an ecosystem you lead has this ICE, or this name or acronym "
                    "of a public body."
                )
                if for_member
                else _(
                    "No member of an ecosystem has this ICE, or this name or acronym of a "
                    "public body."
                )
            )
        if number_taken(form.number.data):
            form.number.errors.append(_("A certificate with this number already exists."))
        if not form.errors:
            try:
                certificate = record_certificate(
                    form.issuing_body_id.data if for_member else user.organisation_id,
                    number=form.number.data,
                    holder=holder,
                    standard_id=form.standard_id.data,
                    issued_on=form.issued_on.data,
                    scope_fr=form.scope_fr.data,
                    scope_ar=form.scope_ar.data,
                    federation=user.organisation if for_member else None,
                )
            except CertificationError as error:
                form.number.errors.append(str(error))
            else:
                if for_member:
                    flash(
                        _(
                            "The certificate is recorded; it is not valid until %(body)s "
                            "confirms it.",
                            body=localized(certificate.issuing_body, "name"),
                        ),
                        "success",
                    )
                else:
                    flash(_("The certificate is recorded."), "success")
                return redirect(url_for("certification.certificate", certificate_id=certificate.id))
    code = 422 if form.is_submitted() else 200
    return render_template(
        "certification/record_certificate.html", form=form, for_member=for_member
    ), code


@bp.route("/certificates/<int:certificate_id>/confirm", methods=["POST"])
@permission_required(Permission.ISSUE_CERTIFICATES)
def confirm_recorded_certificate(certificate_id: int):
    """The issuing body confirms a certificate a federation recorded: valid from now."""
    user = signed_in_user()
    certificate = confirmable_certificate_or_404(user, certificate_id)
    form = ConfirmCertificateForm()
    if not form.validate_on_submit():
        return render_certificate(certificate, code=422, confirm_form=form)
    try:
        confirm_certificate(certificate, user, version=form.version.data, note=form.note.data or "")
    except CertificationError as error:
        flash(str(error), "danger")
    else:
        flash(_("The certificate is confirmed: it is now valid."), "success")
    return redirect(url_for("certification.certificate", certificate_id=certificate.id))


@bp.route("/certificates/<int:certificate_id>/reject", methods=["POST"])
@permission_required(Permission.ISSUE_CERTIFICATES)
def reject_recorded_certificate(certificate_id: int):
    """The issuing body rejects a certificate a federation recorded, with the reason."""
    user = signed_in_user()
    certificate = confirmable_certificate_or_404(user, certificate_id)
    form = RejectCertificateForm()
    if not form.validate_on_submit():
        return render_certificate(certificate, code=422, reject_form=form)
    try:
        reject_certificate(certificate, user, version=form.version.data, reason=form.reason.data)
    except CertificationError as error:
        flash(str(error), "danger")
    else:
        flash(_("The certificate is rejected; the federation is told why."), "success")
    return redirect(url_for("certification.certificate", certificate_id=certificate.id))


@bp.route("/certificates/verify")
@public
@limiter.limit("20 per minute")
def verify():
    """Anyone checks a certificate by its number: holder, standard, scope, body, validity and
    nothing else about the company. Throttled, so numbers cannot be enumerated."""
    number = request.args.get("number", "").strip()
    too_long = len(number) > MAX_NUMBER_LENGTH
    searched = bool(number) and not too_long
    today = clock.today()
    # A training attendance certificate's code ("AT-…") is checked here too.
    attendance_code = searched and attendance.is_attendance_code(number)
    if attendance_code:
        searched_attendance = attendance.verify_attendance(number)
        page = render_template(
            "certification/verify.html",
            number=number,
            too_long=False,
            certificate=None,
            attendance_code=True,
            attendance_certificate=searched_attendance,
            searched=True,
            today=today,
            max_length=MAX_NUMBER_LENGTH,
        )
        return page, 200 if searched_attendance is not None else 404
    found = verify_certificate(number, today) if searched else Verification(certificate=None)
    page = render_template(
        "certification/verify.html",
        number=number,
        too_long=too_long,
        certificate=found.certificate,
        overdue=found.certificate is not None and surveillance.is_overdue(found.certificate, today),
        accreditations=found.accreditations,
        searched=searched,
        today=today,
        max_length=MAX_NUMBER_LENGTH,
    )
    return page, 404 if searched and found.certificate is None else 200
