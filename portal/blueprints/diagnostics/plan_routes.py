"""Action plans of support cases: the list with overdue items flagged, adding, updating
and drafting items from the lowest-rated clauses of a diagnostic."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from portal import clock
from portal.authz import can_work_on_case, get_or_404
from portal.blueprints.diagnostics import bp
from portal.blueprints.diagnostics.forms import (
    NO_CLAUSE,
    ActionItemForm,
    ActionUpdateForm,
)
from portal.blueprints.diagnostics.routes import (
    WORKING_STAGES,
    case_loader,
    not_working_stage,
    user,
)
from portal.extensions import db
from portal.models import (
    ActionItem,
    ActionStatus,
    SupportCase,
)
from portal.services.certification import (
    clauses_of,
    completed_diagnostics,
    draft_action_plan,
)
from portal.services.diagnostics import (
    rated,
)
from portal.services.editing import apply_edit


def render_plan(
    case: SupportCase,
    *,
    add_form: ActionItemForm | None = None,
    failed: tuple[int, ActionUpdateForm] | None = None,
    code: int = 200,
) -> tuple[str, int]:
    """The action plan page; a form that failed is passed in to show its errors."""
    items = list(
        db.session.execute(
            select(ActionItem)
            .where(ActionItem.case_id == case.id)
            .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.id)
        ).scalars()
    )
    clauses = clauses_of(case.standard_id)
    can_work = can_work_on_case(user(), case) and case.stage in WORKING_STAGES
    update_forms: dict[int, ActionUpdateForm] = {}
    if can_work:
        for item in items:
            update_forms[item.id] = ActionUpdateForm(
                formdata=None,
                prefix=f"item-{item.id}",
                data={"owner": item.owner, "status": item.status.value, "due_date": item.due_date},
            )
            update_forms[item.id].version.data = item.version
        if failed is not None:
            update_forms[failed[0]] = failed[1]
    today = clock.today()
    return render_template(
        "diagnostics/action_plan.html",
        case=case,
        items=items,
        overdue={item.id for item in items if item.is_overdue(today)},
        clauses={clause.id: clause for clause in clauses},
        can_work=can_work,
        add_form=add_form or ActionItemForm(formdata=None, clauses=rated(clauses)),
        update_forms=update_forms,
        has_completed=bool(completed_diagnostics(case)),
    ), code


@bp.route("/<int:case_id>/action-plan")
@case_loader()
def action_plan(case: SupportCase):
    """The plan's items with clause, owner, due date and status; overdue ones flagged."""
    return render_plan(case)


@bp.route("/<int:case_id>/action-plan", methods=["POST"])
@case_loader(work=True)
def add_action(case: SupportCase):
    """Add an action to the plan."""
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "diagnostics.action_plan")
    form = ActionItemForm(clauses=rated(clauses_of(case.standard_id)))
    if not form.validate_on_submit():
        return render_plan(case, add_form=form, code=422)
    db.session.add(
        ActionItem(
            case_id=case.id,
            title=form.title.data.strip(),
            clause_id=None if form.clause_id.data == NO_CLAUSE else form.clause_id.data,
            owner=(form.owner.data or "").strip(),
            due_date=form.due_date.data,
            status=ActionStatus.OPEN,
        )
    )
    db.session.flush()
    flash(_("The action is added to the plan."), "success")
    return redirect(url_for("diagnostics.action_plan", case_id=case.id))


@bp.route("/<int:case_id>/action-plan/<int:item_id>", methods=["POST"])
@case_loader(work=True)
def update_action(case: SupportCase, item_id: int):
    """Change an action's owner, due date and status; a change based on an older version of
    the action is refused."""
    item = get_or_404(
        select(ActionItem).where(ActionItem.id == item_id, ActionItem.case_id == case.id)
    )
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "diagnostics.action_plan")
    form = ActionUpdateForm(prefix=f"item-{item.id}")
    if not form.validate_on_submit():
        return render_plan(case, failed=(item.id, form), code=422)
    changes = {
        "owner": (form.owner.data or "").strip(),
        "status": ActionStatus(form.status.data),
        "due_date": form.due_date.data,
    }
    apply_edit(item, form.version.data, changes)
    flash(_("The action %(title)s is updated.", title=item.title), "success")
    return redirect(url_for("diagnostics.action_plan", case_id=case.id, _anchor=f"item-{item.id}"))


@bp.route("/<int:case_id>/action-plan/draft", methods=["POST"])
@case_loader(work=True)
def draft_plan(case: SupportCase):
    """Draft actions from the latest completed diagnostic's lowest-rated clauses, leaving out
    clauses that already have an action under way."""
    if case.stage not in WORKING_STAGES:
        return not_working_stage(case, "diagnostics.action_plan")
    completed = completed_diagnostics(case)
    if not completed:
        flash(
            _(
                "No diagnostic is completed yet: complete one, and the plan can then be drafted "
                "from the clauses rated lowest."
            ),
            "warning",
        )
        return redirect(url_for("diagnostics.action_plan", case_id=case.id))
    covered = set(
        db.session.execute(
            select(ActionItem.clause_id).where(
                ActionItem.case_id == case.id,
                ActionItem.clause_id.is_not(None),
                ActionItem.status != ActionStatus.DONE,
            )
        ).scalars()
    )
    clauses = [c for c in clauses_of(case.standard_id) if c.id not in covered]
    latest = completed[-1]
    items = draft_action_plan(case, latest, clauses)
    if not items:
        flash(
            _(
                "Every clause below fully implemented in diagnostic %(number)s already has an "
                "action under way.",
                number=latest.number,
            ),
            "info",
        )
    else:
        flash(
            ngettext(
                "%(num)d action is drafted from diagnostic %(number)s: give it an owner and a "
                "due date.",
                "%(num)d actions are drafted from diagnostic %(number)s: give each an owner and "
                "a due date.",
                len(items),
                number=latest.number,
            ),
            "success",
        )
    return redirect(url_for("diagnostics.action_plan", case_id=case.id))
