"""Action plans of support cases: the items, adding and updating one, and drafting items
from the lowest-rated clauses of the latest completed diagnostic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import ActionItem, ActionStatus, Diagnostic, StandardClause, SupportCase
from portal.services.certification.diagnostics import (
    clauses_of,
    completed_diagnostics,
    readiness,
)
from portal.services.editing import apply_edit


def action_items(case: SupportCase) -> list[ActionItem]:
    """The case's plan, by due date (undated last)."""
    return list(
        db.session.execute(
            select(ActionItem)
            .where(ActionItem.case_id == case.id)
            .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.id)
        ).scalars()
    )


def add_action_item(
    case: SupportCase, *, title: str, clause_id: int | None, owner: str, due_date: date | None
) -> ActionItem:
    """Add an open action to the case's plan."""
    item = ActionItem(
        case_id=case.id,
        title=title.strip(),
        clause_id=clause_id or None,
        owner=(owner or "").strip(),
        due_date=due_date,
        status=ActionStatus.OPEN,
    )
    db.session.add(item)
    db.session.flush()
    return item


def update_action_item(
    item: ActionItem,
    *,
    version: object,
    owner: str,
    status: ActionStatus,
    due_date: date | None,
    justification: str | None = None,
) -> None:
    """Change an action's owner, status, due date and justification (why it need not be done
    before the internal audit: ``gates``); StaleEdit when it changed since the form was
    opened."""
    changes: dict[str, object] = {
        "owner": (owner or "").strip(),
        "status": status,
        "due_date": due_date,
    }
    if justification is not None:
        changes["justification"] = justification.strip()
    apply_edit(item, version, changes)


def draft_action_plan(
    case: SupportCase, diagnostic: Diagnostic, clauses: list[StandardClause], limit: int = 8
) -> list[ActionItem]:
    """Action items for the lowest-rated clauses of a diagnostic (those not fully done)."""
    state = readiness(diagnostic, clauses)
    titles = {c.id: c for c in clauses}
    candidates = sorted(
        (
            (rating.score, titles[clause_id].position, clause_id)
            for clause_id, rating in state.by_clause.items()
            if rating.score is not None and rating.score < 3
        )
    )[:limit]
    items = []
    for _score, _position, clause_id in candidates:
        clause = titles[clause_id]
        item = ActionItem(
            case_id=case.id,
            clause_id=clause_id,
            title=_(
                "Bring clause %(number)s up to the requirement: %(title)s",
                number=clause.number,
                title=clause.title_fr,
            ),
        )
        db.session.add(item)
        items.append(item)
    db.session.flush()
    return items


@dataclass
class DraftedPlan:
    """What drafting the plan did: from which diagnostic (None when none is completed) and
    the items it added."""

    diagnostic: Diagnostic | None
    items: list[ActionItem] = field(default_factory=list)


def draft_plan_from_latest(case: SupportCase) -> DraftedPlan:
    """Draft actions from the latest completed diagnostic's lowest-rated clauses, leaving out
    clauses that already have an action under way."""
    completed = completed_diagnostics(case)
    if not completed:
        return DraftedPlan(diagnostic=None)
    covered = set(
        db.session.execute(
            select(ActionItem.clause_id).where(
                ActionItem.case_id == case.id,
                ActionItem.clause_id.is_not(None),
                ActionItem.status != ActionStatus.DONE,
            )
        ).scalars()
    )
    latest = completed[-1]
    clauses = [c for c in clauses_of(latest.outline_id) if c.id not in covered]
    return DraftedPlan(diagnostic=latest, items=draft_action_plan(case, latest, clauses))
