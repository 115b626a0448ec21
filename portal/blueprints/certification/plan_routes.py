"""Action plans of support cases: the list with overdue items flagged, adding, updating
and drafting items from the lowest-rated clauses of a diagnostic."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from portal import clock
from portal.authz import (
    action_item_or_404,
    can_work_on_case,
    case_or_404,
    signed_in_required,
    workable_case_or_404,
)
from portal.blueprints import signed_in_user
from portal.blueprints.certification import bp
from portal.blueprints.certification.common import not_working_stage
from portal.blueprints.certification.diagnostic_forms import (
    NO_CLAUSE,
    ActionItemForm,
    ActionUpdateForm,
)
from portal.models import ActionStatus, SupportCase
from portal.services.certification.diagnostics import (
    WORKING_STAGES,
    case_clauses,
    clauses_by_id,
    completed_diagnostics,
    rated,
)
from portal.services.certification.plans import (
    DraftedPlan,
    action_items,
    add_action_item,
    draft_plan_from_latest,
    update_action_item,
)


def render_plan(
    case: SupportCase,
    *,
    add_form: ActionItemForm | None = None,
    failed: tuple[int, ActionUpdateForm] | None = None,
    code: int = 200,
) -> tuple[str, int]:
    """The action plan page; a form that failed is passed in to show its errors."""
    items = action_items(case)
    clauses = case_clauses(case)
    can_work = can_work_on_case(signed_in_user(), case) and case.stage in WORKING_STAGES
    update_forms: dict[int, ActionUpdateForm] = {}
    if can_work:
        for item in items:
            update_forms[item.id] = ActionUpdateForm(
                formdata=None,
                prefix=f"item-{item.id}",
                data={
                    "owner": item.owner,
                    "status": item.status.value,
                    "due_date": item.due_date,
                    "justification": item.justification,
                },
            )
            update_forms[item.id].version.data = item.version
        if failed is not None:
            update_forms[failed[0]] = failed[1]
    today = clock.today()
    return render_template(
        "certification/action_plan.html",
        case=case,
        items=items,
        overdue={item.id for item in items if item.is_overdue(today)},
        clauses=clauses_by_id({item.clause_id for item in items if item.clause_id}),
        can_work=can_work,
        add_form=add_form or ActionItemForm(formdata=None, clauses=rated(clauses)),
        update_forms=update_forms,
        has_completed=bool(completed_diagnostics(case)),
    ), code


def drafted_message(drafted: DraftedPlan) -> tuple[str, str]:
    """What drafting the plan did, and the kind of message that says it."""
    if drafted.diagnostic is None:
        message = _(
            "No diagnostic is completed yet: complete one, and the plan can then be drafted "
            "from the clauses rated lowest."
        )
        return message, "warning"
    number = drafted.diagnostic.number
    if not drafted.items:
        message = _(
            "Every clause below fully implemented in diagnostic %(number)s already has an "
            "action under way.",
            number=number,
        )
        return message, "info"
    message = ngettext(
        "%(num)d action is drafted from diagnostic %(number)s: give it an owner and a due date.",
        "%(num)d actions are drafted from diagnostic %(number)s: give each an owner and "
        "a due date.",
        len(drafted.items),
        number=number,
    )
    return message, "success"


def back_to_plan(case: SupportCase, anchor: str | None = None):
    """Redirect to the case's action plan, at an item when given."""
    return redirect(url_for("certification.action_plan", case_id=case.id, _anchor=anchor))


@bp.route("/support/<int:case_id>/action-plan")
@signed_in_required
def action_plan(case_id: int):
    """The plan's items with clause, owner, due date and status; overdue ones flagged."""
    return render_plan(case_or_404(signed_in_user(), case_id))


@bp.route("/support/<int:case_id>/action-plan", methods=["POST"])
@signed_in_required
def add_action(case_id: int):
    """Add an action to the plan."""
    case = workable_case_or_404(signed_in_user(), case_id)
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "certification.action_plan")
    form = ActionItemForm(clauses=rated(case_clauses(case)))
    if not form.validate_on_submit():
        return render_plan(case, add_form=form, code=422)
    add_action_item(
        case,
        title=form.title.data,
        clause_id=None if form.clause_id.data == NO_CLAUSE else form.clause_id.data,
        owner=form.owner.data,
        due_date=form.due_date.data,
    )
    flash(_("The action is added to the plan."), "success")
    return back_to_plan(case)


@bp.route("/support/<int:case_id>/action-plan/<int:item_id>", methods=["POST"])
@signed_in_required
def update_action(case_id: int, item_id: int):
    """Change an action's owner, due date and status; a change based on an older version of
    the action is refused."""
    case = workable_case_or_404(signed_in_user(), case_id)
    item = action_item_or_404(case, item_id)
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "certification.action_plan")
    form = ActionUpdateForm(prefix=f"item-{item.id}")
    if not form.validate_on_submit():
        return render_plan(case, failed=(item.id, form), code=422)
    update_action_item(
        item,
        version=form.version.data,
        owner=form.owner.data,
        status=ActionStatus(form.status.data),
        due_date=form.due_date.data,
        justification=form.justification.data or "",
    )
    flash(_("The action %(title)s is updated.", title=item.title), "success")
    return back_to_plan(case, f"item-{item.id}")


@bp.route("/support/<int:case_id>/action-plan/draft", methods=["POST"])
@signed_in_required
def draft_plan(case_id: int):
    """Draft actions from the latest completed diagnostic's lowest-rated clauses, leaving out
    clauses that already have an action under way."""
    case = workable_case_or_404(signed_in_user(), case_id)
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "certification.action_plan")
    flash(*drafted_message(draft_plan_from_latest(case)))
    return back_to_plan(case)
