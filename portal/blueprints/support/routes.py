"""Support case pages: the list, asking for support, the case page and its workflow (accept,
decline, expert and funding, next stage, closing), audits and nonconformities; the access
helpers of the blueprint."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, format_percent
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import clock
from portal.authz import (
    Permission,
    can_list_support_cases,
    can_manage_case,
    check_required,
    get_or_404,
    has_permission,
    is_assigned_expert,
    permission_required,
    roles_required,
    scoped_cases,
)
from portal.blueprints.support import bp
from portal.blueprints.support.forms import (
    NONE,
    AdvanceForm,
    CaseDetailsForm,
    CloseForm,
    CloseNonconformityForm,
    NewCaseForm,
    NonconformityForm,
)
from portal.bounds import page_number, query_int
from portal.extensions import db
from portal.models import (
    CaseKind,
    CaseStage,
    CaseTransition,
    Certificate,
    Nonconformity,
    QualityAudit,
    QualityExpert,
    Role,
    SupportCase,
    User,
)
from portal.services.certification import (
    ORDER,
    CertificationError,
    advance,
    clauses_of,
    close_early,
    next_stage,
    record_transition,
)
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import federation_staff, organisation_users
from portal.services.paging import paginate
from portal.services.support_lookups import (
    ecosystems_by_id,
    experts_for,
    has_open_case,
    member_ecosystems,
    standards,
)

CASE_MANAGERS = (Role.ADMIN, Role.FEDERATION_STAFF)

# --- access and shared helpers ------------------------------------------------------------------


def user() -> User:
    """The signed-in user as a model object (for foreign keys and services)."""
    return current_user._get_current_object()


def case_or_404(case_id: int) -> SupportCase:
    """A support case the current user may open, else 404."""
    return get_or_404(scoped_cases(current_user).where(SupportCase.id == case_id))


def managed_case_or_404(case_id: int) -> SupportCase:
    """A case in the user's scope whose workflow the user runs (else 404, or 403)."""
    case = case_or_404(case_id)
    if not can_manage_case(current_user, case):
        abort(403)
    return case


def back_to(case: SupportCase, anchor: str = "") -> Any:
    """Redirect to the case page, at a section when given."""
    return redirect(url_for("support.case", case_id=case.id, _anchor=anchor or None))


def in_both_languages(text: Callable[[], str]) -> dict[str, str]:
    """A translated text in French and Arabic, for a notification's parameters."""
    result = {}
    for language in ("fr", "ar"):
        with force_locale(f"{language}_MA"):
            result[language] = str(text())
    return result


def percent(value: float | None) -> str:
    """A share (0 to 1) as a percentage in the page's language; a dash when unknown."""
    return "—" if value is None else format_percent(value)


@bp.context_processor
def formatting() -> dict[str, Any]:
    """Percentages formatted by Babel for the page's language."""
    return {"percent": percent}


# --- the list ----------------------------------------------------------------------------------


@bp.route("/support/")
@check_required(can_list_support_cases)
def cases():
    """The support cases the user may see, filtered by stage and standard."""
    stage = request.args.get("stage", "")
    standard_id = query_int(request.args, "standard")
    query = scoped_cases(current_user)
    if stage in {s.value for s in CaseStage}:
        query = query.where(SupportCase.stage == CaseStage(stage))
    else:
        stage = ""
    if standard_id:
        query = query.where(SupportCase.standard_id == standard_id)
    page = paginate(
        query.order_by(SupportCase.updated_at.desc(), SupportCase.id.desc()),
        page=page_number(request.args),
        per_page=current_app.config["PAGE_SIZE"],
    )
    items = list(page.items)
    return render_template(
        "support/cases.html",
        pagination=page,
        cases=items,
        ecosystems=ecosystems_by_id(c.ecosystem_id for c in items),
        standards=standards(),
        stages=list(CaseStage),
        current_stage=stage,
        current_standard=standard_id,
        can_ask=has_permission(current_user, Permission.REQUEST_CERTIFICATION_SUPPORT),
        can_see_pipeline=has_permission(current_user, Permission.MANAGE_SUPPORT_CASES)
        or has_permission(current_user, Permission.MONITOR_ALL_ECOSYSTEMS),
    )


# --- asking for support --------------------------------------------------------------------------


@bp.route("/support/new", methods=["GET", "POST"])
@permission_required(Permission.REQUEST_CERTIFICATION_SUPPORT)
def new_case():
    """A company asks for support towards a standard, in an ecosystem it is a member of."""
    me = user()
    ecosystems = member_ecosystems(me.organisation_id)
    form = NewCaseForm(standards=standards(active_only=True), ecosystems=ecosystems)
    if ecosystems and form.validate_on_submit():
        if has_open_case(me.organisation_id, form.standard_id.data):
            form.standard_id.errors.append(
                _("Your company already has a support case under way for this standard.")
            )
        else:
            case = SupportCase(
                organisation_id=me.organisation_id,
                ecosystem_id=form.ecosystem_id.data,
                standard_id=form.standard_id.data,
                kind=CaseKind(form.kind.data),
                stage=CaseStage.REQUESTED,
                motivation=form.motivation.data.strip(),
            )
            db.session.add(case)
            db.session.flush()
            record_transition(case, None, me, "")
            db.session.flush()
            ecosystem = next(e for e in ecosystems if e.id == case.ecosystem_id)
            notify(
                federation_staff(ecosystem),
                "support_case_requested",
                {
                    "organisation": bilingual(me.organisation),
                    "standard": case.standard.reference,
                    "ecosystem": bilingual(ecosystem),
                },
                url_for("support.case", case_id=case.id),
            )
            flash(
                _("Your request is sent. The federation will study it; you will be notified."),
                "success",
            )
            return back_to(case)
    code = 422 if form.is_submitted() else 200
    return render_template("support/new_case.html", form=form, ecosystems=ecosystems), code


# --- the case page -------------------------------------------------------------------------------


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The address of a page of a blueprint that may not be installed (diagnostics)."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def details_form_for(case: SupportCase, formdata: Any = None) -> CaseDetailsForm:
    """The expert and funding form, filled from the case when not submitted."""
    form = CaseDetailsForm(
        formdata=formdata, obj=case, experts=experts_for(case), standard_code=case.standard.code
    )
    if formdata is None:
        form.expert_id.data = case.expert_id or NONE
        form.version.data = case.version
    return form


def render_case(case: SupportCase, *, code: int = 200, **failed: Any) -> tuple[str, int]:
    """The case page; a form that failed (``details_form``, ``advance_form``, ``close_form``,
    ``nc_forms``, ``close_nc_forms``) is passed in to show its errors."""
    transitions = list(
        db.session.execute(
            select(CaseTransition)
            .where(CaseTransition.case_id == case.id)
            .order_by(CaseTransition.at, CaseTransition.id)
        ).scalars()
    )
    audits = list(
        db.session.execute(
            select(QualityAudit)
            .where(QualityAudit.case_id == case.id)
            .order_by(QualityAudit.held_on, QualityAudit.id)
        ).scalars()
    )
    findings: dict[int, list[Nonconformity]] = defaultdict(list)
    if audits:
        for finding in db.session.execute(
            select(Nonconformity)
            .where(Nonconformity.audit_id.in_([a.id for a in audits]))
            .order_by(Nonconformity.id)
        ).scalars():
            findings[finding.audit_id].append(finding)
    expert = None
    if case.expert_id:
        expert = db.session.execute(
            select(QualityExpert)
            .where(QualityExpert.id == case.expert_id)
            .execution_options(include_deleted=True)
        ).scalar()
    certificate = db.session.execute(
        select(Certificate).where(Certificate.case_id == case.id)
    ).scalar()
    # A closed case shows how far it had come: the stage it was closed from.
    reached = case.stage
    if case.stage == CaseStage.CLOSED:
        closing = [t for t in transitions if t.to_stage == CaseStage.CLOSED]
        reached = closing[-1].from_stage if closing else CaseStage.REQUESTED
    clauses = clauses_of(case.standard_id)
    can_manage = can_manage_case(current_user, case)
    context: dict[str, Any] = {
        "case": case,
        "ecosystem": ecosystems_by_id([case.ecosystem_id]).get(case.ecosystem_id),
        "expert": expert,
        "transitions": transitions,
        "audits": audits,
        "findings": findings,
        "clauses": {c.id: c for c in clauses},
        "certificate": certificate,
        "stages": ORDER,
        "reached_index": ORDER.index(reached) if reached in ORDER else 0,
        "next_stage": next_stage(case),
        "can_manage": can_manage,
        "is_expert": is_assigned_expert(current_user, case),
        "today": clock.today(),
        "diagnostics_url": optional_url("diagnostics.index", case_id=case.id),
        "action_plan_url": optional_url("diagnostics.action_plan", case_id=case.id),
    }
    if can_manage:
        nc_forms = dict(failed.get("nc_forms") or {})
        close_nc_forms = dict(failed.get("close_nc_forms") or {})
        for audit in audits:
            nc_forms.setdefault(
                audit.id, NonconformityForm(formdata=None, prefix=f"nc-{audit.id}", clauses=clauses)
            )
            for finding in findings[audit.id]:
                close_nc_forms.setdefault(
                    finding.id, CloseNonconformityForm(formdata=None, prefix=f"close-{finding.id}")
                )
        context.update(
            details_form=failed.get("details_form") or details_form_for(case),
            advance_form=failed.get("advance_form") or AdvanceForm(formdata=None),
            close_form=failed.get("close_form") or CloseForm(formdata=None),
            nc_forms=nc_forms,
            close_nc_forms=close_nc_forms,
        )
    return render_template("support/case.html", **context), code


@bp.route("/support/<int:case_id>", endpoint="case")
@check_required(can_list_support_cases)
def show_case(case_id: int):
    """A case: its company, standard, stage, expert, funding, history, audits, certificate;
    the workflow forms for the federation that runs it."""
    return render_case(case_or_404(case_id))


@bp.route("/support/<int:case_id>/details", methods=["POST"])
@roles_required(*CASE_MANAGERS)
def update_case(case_id: int):
    """Assign the expert and record the funding programme and co-financing rate."""
    case = managed_case_or_404(case_id)
    form = details_form_for(case, request.form)
    if not form.validate_on_submit():
        return render_case(case, code=422, details_form=form)
    previous_expert = case.expert_id
    changes = {
        "expert_id": form.expert_id.data or None,
        "funding_programme": (form.funding_programme.data or "").strip(),
        "cofinancing_rate": form.cofinancing_rate.data,
        "expert_may_contribute": bool(form.expert_may_contribute.data),
    }
    apply_edit(case, form.version.data, changes)
    expert = db.session.get(QualityExpert, case.expert_id) if case.expert_id else None
    if expert is not None and case.expert_id != previous_expert:
        notify(
            [expert.user],
            "support_case_expert_assigned",
            {"organisation": bilingual(case.organisation), "standard": case.standard.reference},
            url_for("support.case", case_id=case.id),
        )
    flash(_("The case is saved."), "success")
    return back_to(case, "details")


def tell_company(case: SupportCase, kind: str, **params: Any) -> None:
    """Notify the company's users of a step of its case."""
    notify(
        organisation_users(case.organisation_id),
        kind,
        {"standard": case.standard.reference, **params},
        url_for("support.case", case_id=case.id),
    )


@bp.route("/support/<int:case_id>/advance", methods=["POST"], endpoint="advance")
@roles_required(*CASE_MANAGERS)
def advance_case(case_id: int):
    """Move the case to its next stage (accepting a request is the first move); skipping a
    step is refused by the service."""
    case = managed_case_or_404(case_id)
    form = AdvanceForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, advance_form=form)
    try:
        target = CaseStage(form.to.data)
        advance(case, target, user(), form.comment.data or "")
    except ValueError as error:  # CertificationError, or a stage name that does not exist
        message = str(error) if isinstance(error, CertificationError) else None
        flash(message or _("This stage does not exist."), "danger")
        return back_to(case, "workflow")
    tell_company(case, "support_case_advanced", stage=in_both_languages(lambda: target.label))
    flash(_("The case is now at the stage: %(stage)s.", stage=target.label), "success")
    return back_to(case, "workflow")


@bp.route("/support/<int:case_id>/close", methods=["POST"])
@roles_required(*CASE_MANAGERS)
def close(case_id: int):
    """Decline a request or end a case before certification, with the reason."""
    case = managed_case_or_404(case_id)
    form = CloseForm()
    if not form.validate_on_submit():
        return render_case(case, code=422, close_form=form)
    try:
        close_early(case, user(), form.reason.data)
    except CertificationError as error:
        flash(str(error), "danger")
        return back_to(case, "workflow")
    tell_company(case, "support_case_closed", reason=case.closing_reason)
    flash(_("The case is closed."), "success")
    return back_to(case)
