"""Helpers shared by the route modules of certification support: the case page with its
workflow forms, redirects back to a case, refusing work outside the working stages."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    can_manage_case,
    can_open_certificate,
    can_override_case_gates,
    can_work_on_case,
    is_assigned_consultant,
    is_assigned_expert,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification.forms import (
    NONE,
    AdvanceForm,
    CaseDetailsForm,
    CloseForm,
    CloseNonconformityForm,
    MeetingForm,
    NonconformityForm,
    PhaseForm,
    PlanForm,
)
from portal.models import SupportCase
from portal.services.certification import ORDER, case_record, steering, surveillance
from portal.services.certification.gates import missing_for
from portal.services.certification.lookups import consulting_firms_for, experts_for


def back_to(case: SupportCase, anchor: str = "") -> Any:
    """Redirect to the case page, at a section when given."""
    return redirect(url_for("certification.case", case_id=case.id, _anchor=anchor or None))


def refuse(message: str, endpoint: str, **values: Any) -> Any:
    """A business rule said no: tell the user and go back."""
    flash(message, "danger")
    return redirect(url_for(endpoint, **values))


def not_working_stage(case: SupportCase, endpoint: str, **values: Any) -> Any:
    """Refuse a change on a case that is not accepted yet, or already certified or closed."""
    return refuse(
        _(
            "Diagnostics and action plans are worked on once the case is accepted and until its "
            "certification audit; this case is at the stage %(stage)s.",
            stage=case.stage.label,
        ),
        endpoint,
        case_id=case.id,
        **values,
    )


def details_form_for(case: SupportCase, formdata: Any = None) -> CaseDetailsForm:
    """The expert and funding form, filled from the case when not submitted."""
    form = CaseDetailsForm(
        formdata=formdata,
        obj=case,
        experts=experts_for(case),
        firms=consulting_firms_for(case),
        standard_code=case.standard.code,
    )
    if formdata is None:
        form.expert_id.data = case.expert_id or NONE
        form.consulting_firm_id.data = case.consulting_firm_id or NONE
        form.version.data = case.version
    return form


def render_case(case: SupportCase, *, code: int = 200, **failed: Any) -> tuple[str, int]:
    """The case page; a form that failed (``details_form``, ``advance_form``, ``close_form``,
    ``nc_forms``, ``close_nc_forms``) is passed in to show its errors."""
    user = signed_in_user()
    record = case_record(case)
    can_manage = can_manage_case(user, case)
    context: dict[str, Any] = {
        "case": case,
        "ecosystem": record.ecosystem,
        "expert": record.expert,
        "transitions": record.transitions,
        "audits": record.audits,
        "findings": record.findings,
        "clauses": record.found_clauses,
        "certificate": record.certificate,
        "certificate_overdue": record.certificate is not None
        and surveillance.is_overdue(record.certificate, clock.today()),
        "certificate_openable": record.certificate is not None
        and can_open_certificate(user, record.certificate),
        "stages": ORDER,
        "reached_index": ORDER.index(record.reached) if record.reached in ORDER else 0,
        "next_stage": record.next_stage,
        "missing": missing_for(case, record.next_stage, clock.today())
        if record.next_stage is not None
        else [],
        "can_override": can_override_case_gates(user),
        "can_manage": can_manage,
        "is_expert": is_assigned_expert(user, case),
        "is_consultant": is_assigned_consultant(user, case),
        "consulting_firm": record.consulting_firm,
        "today": clock.today(),
        "steering": steering.steering_of(case),
        "can_work": can_work_on_case(user, case),
        "diagnostics_url": url_for("certification.diagnostics", case_id=case.id),
        "action_plan_url": url_for("certification.action_plan", case_id=case.id),
    }
    if context["can_work"]:
        plan_form = failed.get("plan_form")
        if plan_form is None:
            plan_form = PlanForm(formdata=None)
            plan_form.planned_start.data = case.planned_start
            plan_form.planned_months.data = case.planned_months
        context.update(
            plan_form=plan_form,
            phase_form=failed.get("phase_form") or PhaseForm(formdata=None),
            meeting_form=failed.get("meeting_form") or MeetingForm(formdata=None),
        )
    if can_manage:
        nc_forms = dict(failed.get("nc_forms") or {})
        close_nc_forms = dict(failed.get("close_nc_forms") or {})
        for audit in record.audits:
            nc_forms.setdefault(
                audit.id,
                NonconformityForm(formdata=None, prefix=f"nc-{audit.id}", clauses=record.clauses),
            )
            for finding in record.findings.get(audit.id, []):
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
    return render_template("certification/case.html", **context), code
