"""A diagnostic and a case's action plan as Excel workbooks and as printable pages (no
navigation; the reader prints them with the browser), for those who may open the case."""

from __future__ import annotations

from flask import render_template

from portal import clock
from portal.authz import case_or_404, diagnostic_or_404, signed_in_required
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.downloads import table_download
from portal.services.certification.exports import (
    diagnostic_headers,
    diagnostic_rows,
    diagnostic_sheet,
    plan_headers,
    plan_rows,
    plan_sheet,
)


@bp.route("/support/<int:case_id>/diagnostics/<int:number>/export.xlsx")
@signed_in_required
def export_diagnostic(case_id: int, number: int):
    """The diagnostic's clauses with rating, justification and evidence note (XLSX)."""
    case = case_or_404(signed_in_user(), case_id)
    sheet = diagnostic_sheet(diagnostic_or_404(case, number))
    name = f"diagnostic-{case.id}-{number}"
    return table_download("xlsx", name, diagnostic_headers(), diagnostic_rows(sheet))


@bp.route("/support/<int:case_id>/diagnostics/<int:number>/print")
@signed_in_required
def print_diagnostic(case_id: int, number: int):
    """The diagnostic on a page to print: its answers clause by clause and its readiness."""
    case = case_or_404(signed_in_user(), case_id)
    sheet = diagnostic_sheet(diagnostic_or_404(case, number))
    return render_template(
        "certification/print_diagnostic.html", case=case, sheet=sheet, today=clock.today()
    )


@bp.route("/support/<int:case_id>/action-plan/export.xlsx")
@signed_in_required
def export_action_plan(case_id: int):
    """The case's action plan (XLSX)."""
    case = case_or_404(signed_in_user(), case_id)
    sheet = plan_sheet(case, clock.today())
    return table_download("xlsx", f"plan-actions-{case.id}", plan_headers(), plan_rows(sheet))


@bp.route("/support/<int:case_id>/action-plan/print")
@signed_in_required
def print_action_plan(case_id: int):
    """The case's action plan on a page to print."""
    case = case_or_404(signed_in_user(), case_id)
    sheet = plan_sheet(case, clock.today())
    return render_template(
        "certification/print_action_plan.html", case=case, sheet=sheet, today=clock.today()
    )
