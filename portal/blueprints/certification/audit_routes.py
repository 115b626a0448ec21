"""Audits of a support case, their nonconformities, and certifying the case: part of
managing the case (MANAGE_SUPPORT_CASES and ``can_manage_case``)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    Permission,
    audit_or_404,
    managed_case_or_404,
    nonconformity_or_404,
    permission_required,
    records_member_certificates,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.common import back_to, render_case
from portal.blueprints.certification.forms import (
    AuditForm,
    CertifyForm,
    CloseNonconformityForm,
    NonconformityForm,
)
from portal.models import (
    AuditKind,
    AuditResult,
    CaseStage,
    CertificateStatus,
    Organisation,
    SupportCase,
)
from portal.services.certification import (
    CertificationError,
    case_clauses,
    certify_case,
    close_nonconformity,
    record_audit,
    record_nonconformity,
)
from portal.services.certification.certificates import (
    accreditations_of,
    certification_bodies,
    number_taken,
)
from portal.services.certification.lookups import auditing_bodies


@bp.route("/support/<int:case_id>/audits/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def add_audit(case_id: int):
    """Record an audit of the case: kind, date, auditing body, result, summary."""
    case = managed_case_or_404(signed_in_user(), case_id)
    if case.stage == CaseStage.CLOSED:
        flash(_("This case is closed; nothing more can be recorded on it."), "danger")
        return back_to(case)
    form = AuditForm(bodies=auditing_bodies())
    if form.validate_on_submit():
        audit = record_audit(
            case,
            kind=AuditKind(form.kind.data),
            held_on=form.held_on.data,
            auditing_body_id=form.auditing_body_id.data,
            result=AuditResult(form.result.data) if form.result.data else None,
            summary=form.summary.data,
        )
        flash(_("The audit is recorded. Add its nonconformities, if any."), "success")
        return back_to(case, f"audit-{audit.id}")
    code = 422 if form.is_submitted() else 200
    return render_template("certification/audit_form.html", form=form, case=case), code


@bp.route("/support/<int:case_id>/audits/<int:audit_id>/nonconformities", methods=["POST"])
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def add_nonconformity(case_id: int, audit_id: int):
    """Record a finding of an audit, major or minor, on a clause of the case's standard."""
    case = managed_case_or_404(signed_in_user(), case_id)
    audit = audit_or_404(case, audit_id)
    form = NonconformityForm(prefix=f"nc-{audit.id}", clauses=case_clauses(case))
    if not form.validate_on_submit():
        return render_case(case, code=422, nc_forms={audit.id: form})
    record_nonconformity(
        audit,
        major=form.severity.data == "major",
        clause_id=form.clause_id.data,
        description=form.description.data,
        corrective_action=form.corrective_action.data,
    )
    flash(_("The nonconformity is recorded."), "success")
    return back_to(case, f"audit-{audit.id}")


@bp.route(
    "/support/<int:case_id>/nonconformities/<int:nc_id>/close",
    methods=["POST"],
    endpoint="close_nonconformity",
)
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def close_nonconformity_of_case(case_id: int, nc_id: int):
    """Close a nonconformity once its corrective action is recorded."""
    case = managed_case_or_404(signed_in_user(), case_id)
    finding = nonconformity_or_404(case, nc_id)
    anchor = f"audit-{finding.audit_id}"
    form = CloseNonconformityForm(prefix=f"close-{finding.id}")
    if not form.validate_on_submit():
        return render_case(case, code=422, close_nc_forms={finding.id: form})
    if finding.closed_on is not None:
        flash(_("This nonconformity is already closed."), "info")
        return back_to(case, anchor)
    try:
        close_nonconformity(finding, form.corrective_action.data, clock.today())
    except CertificationError as error:
        flash(str(error), "danger")
        return back_to(case, anchor)
    flash(_("The nonconformity is closed."), "success")
    return back_to(case, anchor)


def certify_from(case: SupportCase, form: CertifyForm, bodies: list[Organisation]) -> Any:
    """Certify the case with the certificate the form gives: the certificate page, a refusal
    back on the case, or None when the number is already used (said on the form)."""
    if number_taken(form.number.data):
        form.number.errors.append(_("A certificate with this number already exists."))
        return None
    user = signed_in_user()
    try:
        certificate = certify_case(
            case,
            user,
            # A federation's word awaits the issuing body's confirmation (issue 14, item 5).
            federation=user.organisation if records_member_certificates(user) else None,
            number=form.number.data,
            issuing_body=next(b for b in bodies if b.id == form.issuing_body_id.data),
            issued_on=form.issued_on.data,
            scope_fr=form.scope_fr.data.strip(),
            scope_ar=(form.scope_ar.data or "").strip(),
        )
    except CertificationError as error:
        flash(str(error), "danger")
        return back_to(case, "workflow")
    if certificate.status == CertificateStatus.AWAITING_CONFIRMATION:
        flash(
            _(
                "The certificate is recorded; the case is certified. It shows as valid once "
                "its issuing body has confirmed it."
            ),
            "success",
        )
    else:
        flash(_("The certificate is recorded; the case is certified."), "success")
    return redirect(url_for("certification.certificate", certificate_id=certificate.id))


@bp.route("/support/<int:case_id>/certify", methods=["GET", "POST"], endpoint="certify")
@permission_required(Permission.MANAGE_SUPPORT_CASES)
def certify(case_id: int):
    """The certification audit succeeded: record the certificate, which closes the case as
    certified."""
    case = managed_case_or_404(signed_in_user(), case_id)
    if case.stage != CaseStage.CERTIFICATION_AUDIT:
        flash(_("Only a case at the certification audit stage can be certified."), "danger")
        return back_to(case, "workflow")
    bodies = certification_bodies()
    accreditations = accreditations_of(b.id for b in bodies)
    form = CertifyForm(bodies=bodies, accreditations=accreditations)
    if not form.is_submitted():
        form.issued_on.data = clock.today()
    if form.validate_on_submit() and (done := certify_from(case, form, bodies)) is not None:
        return done
    code = 422 if form.is_submitted() else 200
    return render_template(
        "certification/certify.html",
        form=form,
        case=case,
        bodies=bodies,
        accreditations=accreditations,
        today=clock.today(),
    ), code
