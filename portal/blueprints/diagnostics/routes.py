"""Diagnostics and action plans of a support case: the clause-by-clause self-assessment with
its evidence, its readiness chart and comparison with the previous one, and the action plan.

Cases are loaded through ``scoped_cases``: out of scope answers 404. Who fills and plans is
``can_work_on_case`` (the case's SME, the federation staff who manage the case, and the assigned
expert when the federation allows it); others in scope, the assigned expert included, read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.routing import BuildError

from portal import clock
from portal.authz import can_work_on_case, get_or_404, scoped_cases
from portal.blueprints.diagnostics import bp
from portal.blueprints.diagnostics.forms import (
    EVIDENCE_KINDS,
    diagnostic_form,
    evidence_kind,
)
from portal.downloads import stored_file_download
from portal.extensions import db
from portal.models import (
    Diagnostic,
    DiagnosticAnswer,
    SupportCase,
)
from portal.models.base import utcnow
from portal.services.certification import (
    Readiness,
    clauses_of,
    compare,
    readiness,
)
from portal.services.diagnostics import (
    WORKING_STAGES,
    answers_of,
    direction,
    download_name,
    overall_by_diagnostic,
    rated,
    readiness_chart,
    save_answers,
    sections,
)
from portal.services.editing import apply_edit
from portal.services.file_store import EVIDENCE

# --- access --------------------------------------------------------------------------------


def user() -> Any:
    """The signed-in user as a model object (for foreign keys and services)."""
    return current_user._get_current_object()


def case_or_404(case_id: int) -> SupportCase:
    """A support case the current user may open, else 404."""
    return get_or_404(scoped_cases(current_user).where(SupportCase.id == case_id))


def case_loader(*, work: bool = False) -> Callable[..., Any]:
    """Signed in; the case is loaded in scope (else 404) and, to ``work`` on it, the user must
    be one who fills and plans (else 403). The view receives the case instead of its id."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(case_id: int, **kwargs: Any) -> Any:
            case = case_or_404(case_id)
            if work and not can_work_on_case(user(), case):
                abort(403)
            return view(case, **kwargs)

        return login_required(wrapped)

    return decorator


def diagnostic_or_404(case: SupportCase, number: int) -> Diagnostic:
    """The case's diagnostic of that number, else 404."""
    return get_or_404(
        select(Diagnostic).where(Diagnostic.case_id == case.id, Diagnostic.number == number)
    )


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


@bp.context_processor
def helpers() -> dict[str, Any]:
    """Percentages for the page's language, and links to the support-case pages if present."""

    def optional_url(endpoint: str, **values: Any) -> str | None:
        try:
            return url_for(endpoint, **values)
        except BuildError:  # the case pages are another blueprint; this one works alone too
            return None

    return {
        "percent": lambda value: "—" if value is None else format_percent(value),
        "optional_url": optional_url,
    }


# --- clauses and readiness ------------------------------------------------------------------


@bp.route("/<int:case_id>/diagnostics")
@case_loader()
def index(case: SupportCase):
    """The case's diagnostics with their overall readiness, and starting a new one."""
    diagnostics = list(
        db.session.execute(
            select(Diagnostic).where(Diagnostic.case_id == case.id).order_by(Diagnostic.number)
        ).scalars()
    )
    clauses = clauses_of(case.standard_id)
    return render_template(
        "diagnostics/index.html",
        case=case,
        diagnostics=diagnostics,
        overall=overall_by_diagnostic(diagnostics, clauses),
        draft=next((d for d in diagnostics if d.completed_on is None), None),
        can_work=can_work_on_case(user(), case) and case.stage in WORKING_STAGES,
        has_clauses=bool(rated(clauses)),
    )


@bp.route("/<int:case_id>/diagnostics/new", methods=["POST"])
@case_loader(work=True)
def start(case: SupportCase):
    """Start the case's next diagnostic (one draft at a time)."""
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "diagnostics.index")
    draft = db.session.execute(
        select(Diagnostic).where(Diagnostic.case_id == case.id, Diagnostic.completed_on.is_(None))
    ).scalar()
    if draft is not None:
        flash(
            _(
                "Diagnostic %(number)s is still a draft: complete it before starting another.",
                number=draft.number,
            ),
            "warning",
        )
        return redirect(url_for("diagnostics.fill", case_id=case.id, number=draft.number))
    last = db.session.execute(
        select(func.max(Diagnostic.number))
        .where(Diagnostic.case_id == case.id)
        .execution_options(include_deleted=True)
    ).scalar()
    diagnostic = Diagnostic(case_id=case.id, number=(last or 0) + 1, created_by_id=user().id)
    db.session.add(diagnostic)
    db.session.flush()
    flash(
        _(
            "Diagnostic %(number)s is started: rate each clause; you can save a draft.",
            number=diagnostic.number,
        ),
        "success",
    )
    return redirect(url_for("diagnostics.fill", case_id=case.id, number=diagnostic.number))


@bp.route("/<int:case_id>/diagnostics/<int:number>", methods=["GET", "POST"])
@case_loader()
def fill(case: SupportCase, number: int):
    """Rate every clause with its evidence; save a draft or complete (read-only afterwards)."""
    diagnostic = diagnostic_or_404(case, number)
    can_work = can_work_on_case(user(), case)
    if request.method == "POST":
        if not can_work:
            abort(403)
        if diagnostic.completed_on is not None:
            return refuse(
                _("This diagnostic is completed; it can no longer be changed."),
                "diagnostics.fill",
                case_id=case.id,
                number=number,
            )
        if case.stage not in WORKING_STAGES:
            return not_working_stage(case, "diagnostics.fill", number=number)
    clauses = clauses_of(case.standard_id)
    answers = answers_of(diagnostic)
    editable = can_work and diagnostic.completed_on is None and case.stage in WORKING_STAGES
    form = diagnostic_form(rated(clauses), answers) if editable else None
    if form is not None and not form.is_submitted():
        form.version.data = diagnostic.version
    if form is not None and form.validate_on_submit():
        changes: dict[str, Any] = {"updated_at": utcnow()}  # a save always bumps the version
        if form.complete.data:
            changes["completed_on"] = clock.today()
        apply_edit(diagnostic, form.version.data, changes)
        save_answers(diagnostic, form.answers(), answers)
        if form.complete.data:
            flash(_("The diagnostic is completed. Here is its readiness."), "success")
            return redirect(url_for("diagnostics.result", case_id=case.id, number=number))
        flash(_("The draft is saved."), "success")
        return redirect(url_for("diagnostics.fill", case_id=case.id, number=number))
    page = render_template(
        "diagnostics/fill.html",
        case=case,
        diagnostic=diagnostic,
        form=form,
        sections=sections(clauses),
        answers=answers,
    )
    return page, 422 if form is not None and form.is_submitted() else 200


@bp.route("/<int:case_id>/diagnostics/<int:number>/result")
@case_loader()
def result(case: SupportCase, number: int):
    """Readiness per clause group and overall, and the comparison with the previous one."""
    diagnostic = diagnostic_or_404(case, number)
    clauses = clauses_of(case.standard_id)
    state = readiness(diagnostic, clauses)
    earlier = db.session.execute(
        select(Diagnostic)
        .where(
            Diagnostic.case_id == case.id,
            Diagnostic.completed_on.is_not(None),
            Diagnostic.number < diagnostic.number,
        )
        .order_by(Diagnostic.number.desc())
        .limit(1)
    ).scalar()
    before: Readiness | None = readiness(earlier, clauses) if earlier is not None else None
    changes = compare(before, state) if before is not None else {}
    groups = [(c, state.by_group.get(c.group)) for c, _subs in sections(clauses)]
    return render_template(
        "diagnostics/result.html",
        case=case,
        diagnostic=diagnostic,
        state=state,
        groups=groups,
        chart=readiness_chart(groups),
        sections=sections(clauses),
        earlier=earlier,
        before=before,
        changes=changes,
        direction=direction,
    )


@bp.route("/<int:case_id>/diagnostics/<int:number>/evidence/<int:answer_id>")
@case_loader()
def evidence(case: SupportCase, number: int, answer_id: int):
    """An evidence file, as an attachment, to those who may open the case."""
    diagnostic = diagnostic_or_404(case, number)
    answer = get_or_404(
        select(DiagnosticAnswer).where(
            DiagnosticAnswer.id == answer_id,
            DiagnosticAnswer.diagnostic_id == diagnostic.id,
            DiagnosticAnswer.evidence_file.is_not(None),
        )
    )
    kind = evidence_kind(EVIDENCE.read(answer.evidence_file) or b"") or "pdf"
    return stored_file_download(
        EVIDENCE,
        answer.evidence_file,
        mimetype=EVIDENCE_KINDS[kind],
        download_name=download_name(answer, kind),
    )


# --- action plan -------------------------------------------------------------------------------


from portal.blueprints.diagnostics import plan_routes  # noqa: E402,F401
