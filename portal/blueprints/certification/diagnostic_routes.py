"""Diagnostics of a support case: the clause-by-clause self-assessment with its evidence, its
readiness chart and comparison with the previous one.

Cases are loaded in the user's scope (out of scope answers 404). Who fills is
``can_work_on_case`` (the case's SME, the federation staff who manage the case, and the assigned
expert when the federation allows it); others in scope, the assigned expert included, read.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    P,
    can_work_on_case,
    case_or_404,
    diagnostic_or_404,
    evidence_answer_or_404,
    permission_required,
    signed_in_required,
    workable_case_or_404,
)
from portal.authz.training import can_declare_from_diagnostic
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.charts import readiness_chart
from portal.blueprints.certification.common import not_working_stage, refuse
from portal.blueprints.certification.diagnostic_forms import diagnostic_form
from portal.bounds import query_int
from portal.downloads import stored_file_download
from portal.i18n import localized
from portal.models import Diagnostic, DiagnosticAnswer, SupportCase
from portal.services.certification import evidence
from portal.services.certification.diagnostics import (
    EVIDENCE_KINDS,
    WORKING_STAGES,
    answers_of,
    clauses_of,
    diagnostic_result,
    diagnostics_of,
    direction,
    download_name,
    draft_of,
    overall_by_diagnostic,
    published_outline,
    questions_of,
    rated,
    save_diagnostic,
    sections,
    start_diagnostic,
    stored_evidence_kind,
)
from portal.services.certification.errors import CertificationError
from portal.services.file_store import EVIDENCE
from portal.services.training import from_diagnostics
from portal.services.training.common import TrainingError


@bp.route("/support/<int:case_id>/diagnostics")
@signed_in_required
def diagnostics(case_id: int):
    """The case's diagnostics with their overall readiness, and starting a new one."""
    user = signed_in_user()
    case = case_or_404(user, case_id)
    diagnostics = diagnostics_of(case)
    outline = published_outline(case.standard_id)
    return render_template(
        "certification/diagnostics.html",
        case=case,
        diagnostics=diagnostics,
        overall=overall_by_diagnostic(diagnostics),
        draft=next((d for d in diagnostics if d.completed_on is None), None),
        can_work=can_work_on_case(user, case) and case.stage in WORKING_STAGES,
        has_clauses=bool(rated(clauses_of(outline.id if outline else None))),
    )


@bp.route("/support/<int:case_id>/diagnostics/new", methods=["POST"], endpoint="start_diagnostic")
@signed_in_required
def start(case_id: int):
    """Start the case's next diagnostic (one draft at a time)."""
    user = signed_in_user()
    case = workable_case_or_404(user, case_id)
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "certification.diagnostics")
    draft = draft_of(case)
    if draft is not None:
        flash(
            _(
                "Diagnostic %(number)s is still a draft: complete it before starting another.",
                number=draft.number,
            ),
            "warning",
        )
        return redirect(
            url_for("certification.fill_diagnostic", case_id=case.id, number=draft.number)
        )
    outline = published_outline(case.standard_id)
    if not rated(clauses_of(outline.id if outline else None)):
        message = _(
            "This standard has no clause outline yet; an administrator adds it to the catalogue."
        )
        return refuse(message, "certification.diagnostics", case_id=case.id)
    diagnostic = start_diagnostic(case, user)
    flash(
        _(
            "Diagnostic %(number)s is started: rate each clause; you can save a draft.",
            number=diagnostic.number,
        ),
        "success",
    )
    return redirect(
        url_for("certification.fill_diagnostic", case_id=case.id, number=diagnostic.number)
    )


def refuse_change(case: SupportCase, diagnostic: Diagnostic, can_work: bool) -> Any:
    """The answer to a change the user may not make (403) or the rules refuse (a completed
    diagnostic, a case outside the working stages); None when the change may go ahead."""
    if not can_work:
        abort(403)
    here = {"case_id": case.id, "number": diagnostic.number}
    if diagnostic.completed_on is not None:
        message = _("This diagnostic is completed; it can no longer be changed.")
        return refuse(message, "certification.fill_diagnostic", **here)
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "certification.fill_diagnostic", number=diagnostic.number)
    return None


def save(
    case: SupportCase, diagnostic: Diagnostic, form: Any, answers: dict[int, DiagnosticAnswer]
) -> Any:
    """Save the validated form (a draft, or completed today) and say so."""
    complete = bool(form.complete.data)
    here = {"case_id": diagnostic.case_id, "number": diagnostic.number}
    try:
        save_diagnostic(
            diagnostic,
            version=form.version.data,
            given=form.answers(),
            answers=answers,
            complete_on=clock.today() if complete else None,
            organisation_id=case.organisation_id,
            actor=signed_in_user(),
        )
    except CertificationError as error:  # a record linked as evidence is not the case's
        return refuse(str(error), "certification.fill_diagnostic", **here)
    if complete:
        flash(_("The diagnostic is completed. Here is its readiness."), "success")
        return redirect(url_for("certification.diagnostic_result", **here))
    flash(_("The draft is saved."), "success")
    return redirect(url_for("certification.fill_diagnostic", **here))


@bp.route("/support/<int:case_id>/diagnostics/<int:number>", methods=["GET", "POST"])
@signed_in_required
def fill_diagnostic(case_id: int, number: int):
    """Rate every clause with its evidence; save a draft or complete (read-only afterwards)."""
    user = signed_in_user()
    case = case_or_404(user, case_id)
    diagnostic = diagnostic_or_404(case, number)
    can_work = can_work_on_case(user, case)
    if request.method == "POST" and (refused := refuse_change(case, diagnostic, can_work)):
        return refused
    clauses, answers = clauses_of(diagnostic.outline_id), answers_of(diagnostic)
    links = evidence.links_of([answer.id for answer in answers.values()])
    editable = can_work and diagnostic.completed_on is None and case.stage in WORKING_STAGES
    form = None
    if editable:
        records = evidence.records_of(case.organisation_id)
        form = diagnostic_form(rated(clauses), answers, records=records, links=links)
    if form is not None and not form.is_submitted():
        form.version.data = diagnostic.version
    if form is not None and form.validate_on_submit():
        return save(case, diagnostic, form, answers)
    page = render_template(
        "certification/diagnostic.html",
        case=case,
        diagnostic=diagnostic,
        form=form,
        sections=sections(clauses),
        answers=answers,
        links=links,
        questions=questions_of(rated(clauses)) if form is not None else {},
    )
    return page, 422 if form is not None and form.is_submitted() else 200


@bp.route("/support/<int:case_id>/diagnostics/<int:number>/result", endpoint="diagnostic_result")
@signed_in_required
def result(case_id: int, number: int):
    """Readiness per clause group and overall, and the comparison with the previous one."""
    case = case_or_404(signed_in_user(), case_id)
    diagnostic = diagnostic_or_404(case, number)
    clauses = clauses_of(diagnostic.outline_id)
    figures = diagnostic_result(diagnostic, clauses)
    answers = answers_of(diagnostic)
    me = signed_in_user()
    return render_template(
        "certification/diagnostic_result.html",
        proposals=from_diagnostics.proposals(case, diagnostic),
        can_declare=can_declare_from_diagnostic(me, case),
        case=case,
        diagnostic=diagnostic,
        state=figures.state,
        groups=figures.groups,
        chart=readiness_chart(figures.groups),
        sections=sections(clauses),
        earlier=figures.earlier,
        before=figures.before,
        changes=figures.changes,
        direction=direction,
        answers=answers,
        links=evidence.links_of([answer.id for answer in answers.values()]),
    )


@bp.route("/support/<int:case_id>/diagnostics/<int:number>/evidence/<int:answer_id>")
@signed_in_required
def diagnostic_evidence(case_id: int, number: int, answer_id: int):
    """An evidence file, as an attachment, to those who may open the case."""
    case = case_or_404(signed_in_user(), case_id)
    answer = evidence_answer_or_404(diagnostic_or_404(case, number), answer_id)
    kind = stored_evidence_kind(answer)
    return stored_file_download(
        EVIDENCE,
        answer.evidence_file,
        mimetype=EVIDENCE_KINDS[kind],
        download_name=download_name(answer, kind),
    )


@bp.route(
    "/support/<int:case_id>/diagnostics/<int:number>/training-needs",
    methods=["POST"],
    endpoint="declare_training_need",
)
@permission_required(P.DECLARE_TRAINING_NEEDS)
def declare_training_need(case_id: int, number: int):
    """The company declares, in one click, a training need its diagnostic proposes (a topic
    that helps with a clause rated low); it can then change it on the needs' page."""
    me = signed_in_user()
    case = case_or_404(me, case_id)
    diagnostic = diagnostic_or_404(case, number)
    if not can_declare_from_diagnostic(me, case):
        abort(403)
    back = url_for("certification.diagnostic_result", case_id=case.id, number=number)
    topic_id = query_int(request.form, "topic_id")
    if topic_id is None:
        flash(_("Choose one of the trainings proposed."), "danger")
        return redirect(back)
    try:
        need = from_diagnostics.declare_from_diagnostic(
            me, case, diagnostic, topic_id, clock.today()
        )
    except TrainingError as error:
        flash(str(error), "danger")
        return redirect(back)
    flash(
        _(
            "The training need is declared: %(topic)s. Your federation will validate it; you "
            "can change the number of people or the quarter until then.",
            topic=localized(need.topic, "name"),
        ),
        "success",
    )
    return redirect(back + "#training-proposals")
