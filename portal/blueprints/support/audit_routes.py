"""Audits of a support case, their nonconformities, and certifying the case."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal import clock
from portal.authz import get_or_404, roles_required
from portal.blueprints.support import bp
from portal.blueprints.support.forms import (
    AuditForm,
    CertifyForm,
    CloseNonconformityForm,
    NonconformityForm,
)
from portal.blueprints.support.routes import (
    CASE_MANAGERS,
    back_to,
    in_both_languages,
    managed_case_or_404,
    render_case,
    tell_company,
    user,
)
from portal.extensions import db
from portal.models import (
    Accreditation,
    AuditKind,
    AuditResult,
    CaseStage,
    Certificate,
    InfrastructureType,
    Nonconformity,
    Organisation,
    OrganisationKind,
    QualityAudit,
    Role,
)
from portal.services.certification import (
    CertificationError,
    certify,
    clauses_of,
)

# Every role but training institutes has certificates to see.
CERTIFICATE_READERS = (
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.INFRASTRUCTURE_USER,
)
MAX_NUMBER_LENGTH = 80

# --- audits and nonconformities ------------------------------------------------------------------


@bp.route("/support/<int:case_id>/audits/new", methods=["GET", "POST"])
@roles_required(*CASE_MANAGERS)
def add_audit(case_id: int):
    """Record an audit of the case: kind, date, auditing body, result, summary."""
    case = managed_case_or_404(case_id)
    if case.stage == CaseStage.CLOSED:
        flash(_("This case is closed; nothing more can be recorded on it."), "danger")
        return back_to(case)
    bodies = db.session.execute(
        select(Organisation)
        .where(Organisation.kind == OrganisationKind.INFRASTRUCTURE)
        .order_by(Organisation.name_fr)
    ).scalars()
    form = AuditForm(bodies=bodies)
    if form.validate_on_submit():
        audit = QualityAudit(
            case_id=case.id,
            kind=AuditKind(form.kind.data),
            held_on=form.held_on.data,
            auditing_body_id=form.auditing_body_id.data or None,
            result=AuditResult(form.result.data) if form.result.data else None,
            summary=(form.summary.data or "").strip(),
        )
        db.session.add(audit)
        db.session.flush()
        flash(_("The audit is recorded. Add its nonconformities, if any."), "success")
        return back_to(case, f"audit-{audit.id}")
    code = 422 if form.is_submitted() else 200
    return render_template("support/audit_form.html", form=form, case=case), code


@bp.route("/support/<int:case_id>/audits/<int:audit_id>/nonconformities", methods=["POST"])
@roles_required(*CASE_MANAGERS)
def add_nonconformity(case_id: int, audit_id: int):
    """Record a finding of an audit, major or minor, on a clause of the case's standard."""
    case = managed_case_or_404(case_id)
    audit = get_or_404(
        select(QualityAudit).where(QualityAudit.id == audit_id, QualityAudit.case_id == case.id)
    )
    form = NonconformityForm(prefix=f"nc-{audit.id}", clauses=clauses_of(case.standard_id))
    if not form.validate_on_submit():
        return render_case(case, code=422, nc_forms={audit.id: form})
    db.session.add(
        Nonconformity(
            audit_id=audit.id,
            major=form.severity.data == "major",
            clause_id=form.clause_id.data or None,
            description=form.description.data.strip(),
            corrective_action=(form.corrective_action.data or "").strip(),
        )
    )
    db.session.flush()
    flash(_("The nonconformity is recorded."), "success")
    return back_to(case, f"audit-{audit.id}")


@bp.route("/support/<int:case_id>/nonconformities/<int:nc_id>/close", methods=["POST"])
@roles_required(*CASE_MANAGERS)
def close_nonconformity(case_id: int, nc_id: int):
    """Close a nonconformity once its corrective action is recorded."""
    case = managed_case_or_404(case_id)
    finding = get_or_404(
        select(Nonconformity)
        .join(QualityAudit, QualityAudit.id == Nonconformity.audit_id)
        .where(Nonconformity.id == nc_id, QualityAudit.case_id == case.id)
    )
    anchor = f"audit-{finding.audit_id}"
    form = CloseNonconformityForm(prefix=f"close-{finding.id}")
    if not form.validate_on_submit():
        return render_case(case, code=422, close_nc_forms={finding.id: form})
    if finding.closed_on is not None:
        flash(_("This nonconformity is already closed."), "info")
        return back_to(case, anchor)
    action = (form.corrective_action.data or "").strip() or finding.corrective_action.strip()
    if not action:
        flash(_("Record the corrective action before closing the nonconformity."), "danger")
        return back_to(case, anchor)
    finding.corrective_action = action
    finding.closed_on = clock.today()
    db.session.flush()
    flash(_("The nonconformity is closed."), "success")
    return back_to(case, anchor)


# --- certifying a case ---------------------------------------------------------------------------


def accreditations_of(body_ids: Iterable[int]) -> dict[int, list[Accreditation]]:
    """The accreditations of bodies, by body, in one query."""
    grouped: dict[int, list[Accreditation]] = defaultdict(list)
    ids = list(body_ids)
    if ids:
        for accreditation in db.session.execute(
            select(Accreditation)
            .where(Accreditation.organisation_id.in_(ids))
            .order_by(Accreditation.standard, Accreditation.id)
        ).scalars():
            grouped[accreditation.organisation_id].append(accreditation)
    return grouped


def number_taken(number: str) -> bool:
    """Whether a certificate (deleted ones included) already has this number."""
    return (
        db.session.execute(
            select(Certificate.id)
            .where(func.upper(Certificate.number) == number.strip().upper())
            .execution_options(include_deleted=True)
        ).first()
        is not None
    )


def taken() -> str:
    """The message shown when a certificate number is already used."""
    return _("A certificate with this number already exists.")


@bp.route("/support/<int:case_id>/certify", methods=["GET", "POST"], endpoint="certify")
@roles_required(*CASE_MANAGERS)
def certify_case(case_id: int):
    """The certification audit succeeded: record the certificate, which closes the case as
    certified."""
    case = managed_case_or_404(case_id)
    if case.stage != CaseStage.CERTIFICATION_AUDIT:
        flash(_("Only a case at the certification audit stage can be certified."), "danger")
        return back_to(case, "workflow")
    bodies = list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY)
            .order_by(Organisation.name_fr)
        ).scalars()
    )
    accreditations = accreditations_of(b.id for b in bodies)
    form = CertifyForm(bodies=bodies, accreditations=accreditations)
    if not form.is_submitted():
        form.issued_on.data = clock.today()
    if form.validate_on_submit():
        if number_taken(form.number.data):
            form.number.errors.append(taken())
        else:
            try:
                certificate = certify(
                    case,
                    user(),
                    number=form.number.data,
                    issuing_body=next(b for b in bodies if b.id == form.issuing_body_id.data),
                    issued_on=form.issued_on.data,
                    scope_fr=form.scope_fr.data.strip(),
                    scope_ar=(form.scope_ar.data or "").strip(),
                )
            except CertificationError as error:
                flash(str(error), "danger")
                return back_to(case, "workflow")
            tell_company(
                case, "support_case_advanced", stage=in_both_languages(lambda: case.stage.label)
            )
            flash(_("The certificate is recorded; the case is certified."), "success")
            return redirect(url_for("support.certificate", certificate_id=certificate.id))
    code = 422 if form.is_submitted() else 200
    return render_template(
        "support/certify.html",
        form=form,
        case=case,
        bodies=bodies,
        accreditations=accreditations,
        today=clock.today(),
    ), code
