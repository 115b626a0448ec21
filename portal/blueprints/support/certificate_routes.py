"""Audits, nonconformities and certificates: recording audits and their findings on a case,
certifying it, the certificate list and page, their status, certificates a body issued
outside any case, public verification by number, and the pipeline of cases and certificates."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import clock
from portal.authz import (
    Permission,
    can_change_certificate_status,
    certificate_scope,
    get_or_404,
    permission_required,
    roles_required,
    scoped_cases,
)
from portal.blueprints.support import bp
from portal.blueprints.support.audit_routes import accreditations_of, number_taken, taken
from portal.blueprints.support.forms import (
    CertificateStatusForm,
    RecordCertificateForm,
)
from portal.blueprints.support.routes import (
    standards,
)
from portal.bounds import page_number
from portal.extensions import db, limiter
from portal.i18n import text_direction
from portal.models import (
    CaseStage,
    Certificate,
    CertificateStatus,
    InfrastructureType,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Role,
    SupportCase,
)
from portal.models.organisation import normalise_ice
from portal.services.certificates import (
    CERTIFICATE_TRANSITIONS,
    change_certificate_status,
    current_reason,
    status_history,
)
from portal.services.certification import (
    ORDER,
    CertificationError,
    find_certificate,
    pipeline,
)
from portal.services.paging import paginate

MAX_NUMBER_LENGTH = 80

# --- certificates --------------------------------------------------------------------------------


def certificate_or_404(certificate_id: int) -> Certificate:
    """A certificate the current user may see, else 404."""
    return get_or_404(
        select(Certificate).where(certificate_scope(current_user), Certificate.id == certificate_id)
    )


def is_certification_body_user() -> bool:
    """Whether the user belongs to a certification body."""
    return (
        current_user.role == Role.INFRASTRUCTURE_USER
        and current_user.organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY
    )


@bp.route("/certificates/")
@permission_required(Permission.VIEW_CERTIFICATES)
def certificates():
    """The certificates the user may see, with their effective status and due dates."""
    page = paginate(
        select(Certificate)
        .where(certificate_scope(current_user))
        .order_by(Certificate.issued_on.desc(), Certificate.id.desc()),
        page=page_number(request.args),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "support/certificates.html",
        pagination=page,
        certificates=list(page.items),
        today=clock.today(),
        can_record=is_certification_body_user(),
    )


def render_certificate(
    certificate: Certificate, *, code: int = 200, status_form: CertificateStatusForm | None = None
) -> tuple[str, int]:
    """The certificate page with its status history; a status form that failed is passed in
    to show its errors."""
    allowed = CERTIFICATE_TRANSITIONS[certificate.status]
    may_change = can_change_certificate_status(current_user, certificate) and bool(allowed)
    if may_change and status_form is None:
        status_form = CertificateStatusForm(formdata=None, allowed=allowed)
        status_form.version.data = certificate.version
    case_visible = certificate.case_id is not None and (
        db.session.execute(
            scoped_cases(current_user).where(SupportCase.id == certificate.case_id)
        ).first()
        is not None
    )
    history = status_history(certificate)
    return render_template(
        "support/certificate.html",
        certificate=certificate,
        accreditations=accreditations_of([certificate.issuing_body_id])[
            certificate.issuing_body_id
        ],
        today=clock.today(),
        status_form=status_form if may_change else None,
        case_visible=case_visible,
        history=history,
        current_change=current_reason(certificate, history),
    ), code


@bp.route("/certificates/<int:certificate_id>")
@permission_required(Permission.VIEW_CERTIFICATES)
def certificate(certificate_id: int):
    """A certificate: holder, standard, scope, body and its accreditation, dates, status and
    the history of its status."""
    return render_certificate(certificate_or_404(certificate_id))


@bp.route("/certificates/<int:certificate_id>/status", methods=["POST"])
@roles_required(Role.ADMIN, Role.INFRASTRUCTURE_USER)
def set_certificate_status(certificate_id: int):
    """The issuing body suspends, withdraws or reinstates a certificate, with the reason."""
    certificate = certificate_or_404(certificate_id)
    if not can_change_certificate_status(current_user, certificate):
        abort(403)
    back = redirect(url_for("support.certificate", certificate_id=certificate.id))
    allowed = CERTIFICATE_TRANSITIONS[certificate.status]
    if not allowed:
        flash(_("A withdrawn certificate cannot be restored; record a new one."), "danger")
        return back
    form = CertificateStatusForm(allowed=allowed)
    if not form.validate_on_submit():
        return render_certificate(certificate, code=422, status_form=form)
    status = CertificateStatus(form.status.data)
    try:
        change_certificate_status(
            certificate,
            status,
            current_user._get_current_object(),
            reason=form.reason.data,
            version=form.version.data,
        )
    except CertificationError as error:
        form.reason.errors.append(str(error))
        return render_certificate(certificate, code=422, status_form=form)
    flash(_("The certificate is now: %(status)s.", status=status.label), "success")
    return back


def member_company(ice: str) -> Organisation | None:
    """The company with this ICE, if it is an active member of an ecosystem."""
    return db.session.execute(
        select(Organisation).where(
            Organisation.kind == OrganisationKind.SME,
            Organisation.ice == normalise_ice(ice),
            Organisation.id.in_(
                select(Membership.organisation_id).where(
                    Membership.status == MembershipStatus.ACTIVE
                )
            ),
        )
    ).scalar()


@bp.route("/certificates/new", methods=["GET", "POST"])
@roles_required(Role.INFRASTRUCTURE_USER)
def record_certificate():
    """A certification body records a certificate it issued to a member company outside any
    support case."""
    if not is_certification_body_user():
        abort(403)
    form = RecordCertificateForm(standards=standards(active_only=True))
    if form.validate_on_submit():
        holder = member_company(form.holder_ice.data)
        if holder is None:
            form.holder_ice.errors.append(_("No member company of an ecosystem has this ICE."))
        if number_taken(form.number.data):
            form.number.errors.append(taken())
        if not form.errors:
            certificate = Certificate(
                number=form.number.data.strip(),
                organisation_id=holder.id,
                standard_id=form.standard_id.data,
                issuing_body_id=current_user.organisation_id,
                scope_fr=form.scope_fr.data.strip(),
                scope_ar=(form.scope_ar.data or "").strip(),
                issued_on=form.issued_on.data,
                status=CertificateStatus.VALID,
            )
            db.session.add(certificate)
            db.session.flush()
            flash(_("The certificate is recorded."), "success")
            return redirect(url_for("support.certificate", certificate_id=certificate.id))
    code = 422 if form.is_submitted() else 200
    return render_template("support/record_certificate.html", form=form), code


# --- public verification -------------------------------------------------------------------------


@bp.route("/certificates/verify")
@limiter.limit("20 per minute")
def verify():
    """Anyone checks a certificate by its number: holder, standard, scope, body, validity and
    nothing else about the company. Throttled, so numbers cannot be enumerated."""
    number = request.args.get("number", "").strip()
    if not number or len(number) > MAX_NUMBER_LENGTH:
        return render_template(
            "support/verify.html",
            number=number,
            too_long=len(number) > MAX_NUMBER_LENGTH,
            certificate=None,
            searched=False,
            max_length=MAX_NUMBER_LENGTH,
        )
    certificate = find_certificate(number)
    today = clock.today()
    accreditations = []
    if certificate is not None:
        accreditations = [
            a
            for a in accreditations_of([certificate.issuing_body_id])[certificate.issuing_body_id]
            if a.is_valid_on(today)
        ]
    page = render_template(
        "support/verify.html",
        number=number,
        too_long=False,
        certificate=certificate,
        accreditations=accreditations,
        searched=True,
        today=today,
        max_length=MAX_NUMBER_LENGTH,
    )
    return page, 200 if certificate is not None else 404


# --- the pipeline --------------------------------------------------------------------------------

CHART_WIDTH, CHART_ROW, CHART_LABEL, CHART_VALUE = 560, 30, 200, 50


def stage_chart(by_stage: dict[str, int]) -> dict[str, Any]:
    """Coordinates of a horizontal bar chart of the cases by stage, mirrored for Arabic."""
    stages = [*ORDER, CaseStage.CLOSED]
    top = max(by_stage.values(), default=0) or 1
    room = CHART_WIDTH - CHART_LABEL - CHART_VALUE
    rtl = text_direction() == "rtl"
    rows = []
    for index, stage in enumerate(stages):
        count = by_stage.get(stage.value, 0)
        width = round(count / top * room, 1)
        y = index * CHART_ROW
        if rtl:
            bar_x = CHART_WIDTH - CHART_LABEL - width
            label = (CHART_WIDTH - 8, "end")
            value = (bar_x - 6, "end")
        else:
            bar_x = CHART_LABEL
            label = (CHART_LABEL - 8, "end")
            value = (CHART_LABEL + width + 6, "start")
        rows.append(
            {
                "stage": stage,
                "count": count,
                "y": y,
                "text_y": y + CHART_ROW * 0.62,
                "bar_x": bar_x,
                "width": width,
                "label_x": label[0],
                "label_anchor": label[1],
                "value_x": value[0],
                "value_anchor": value[1],
            }
        )
    return {"width": CHART_WIDTH, "height": len(stages) * CHART_ROW, "rows": rows, "rtl": rtl}


@bp.route("/support/pipeline", endpoint="pipeline")
@permission_required(Permission.VIEW_CERTIFICATION_PIPELINE)
def pipeline_page():
    """Cases by stage, valid certificates and those expiring within 90 days, overdue service
    requests: for the federation's ecosystems, or all of them for the ministry."""
    today = clock.today()
    data = pipeline(current_user, today)
    return render_template(
        "support/pipeline.html",
        data=data,
        chart=stage_chart(data.by_stage),
        total=sum(data.by_stage.values()),
        today=today,
    )
