"""The gates between the stages of a support case (issue 14, item 3): what a case must have
done before it moves on, said in words, so that the page shows what is missing before it
offers the move and the move itself is refused without it.

- to the action plan: a completed diagnostic;
- to implementation: a plan with at least one action;
- to the internal audit: every action of the plan done or justified;
- to the certification audit: an internal audit held, whose major nonconformities are all
  closed.

An administrator may move a case past a gate with a reason, kept with the move
(``CaseTransition.override_reason``) and in the audit trail.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    ActionItem,
    ActionStatus,
    AuditKind,
    CaseStage,
    Diagnostic,
    Nonconformity,
    QualityAudit,
    SupportCase,
)

SHOWN = 5  # the actions or findings named in a message; the count says how many there are


def _named(titles: list[str], total: int) -> str:
    shown = "; ".join(titles[:SHOWN])
    return shown + ("; …" if total > SHOWN else "")


def missing_for(case: SupportCase, to: CaseStage, today: date) -> list[str]:
    """What the case lacks to move to ``to`` (translated sentences; none when it may)."""
    if to == CaseStage.ACTION_PLAN:
        completed = db.session.execute(
            select(func.count(Diagnostic.id)).where(
                Diagnostic.case_id == case.id, Diagnostic.completed_on.is_not(None)
            )
        ).scalar_one()
        return [] if completed else [_("Complete a diagnostic before drafting the action plan.")]
    if to == CaseStage.IMPLEMENTATION:
        actions = db.session.execute(
            select(func.count(ActionItem.id)).where(ActionItem.case_id == case.id)
        ).scalar_one()
        return [] if actions else [_("The action plan has no action yet: write it first.")]
    if to == CaseStage.INTERNAL_AUDIT:
        pending = list(
            db.session.execute(
                select(ActionItem.title)
                .where(
                    ActionItem.case_id == case.id,
                    ActionItem.status != ActionStatus.DONE,
                    ActionItem.justification == "",
                )
                .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.id)
            ).scalars()
        )
        if not pending:
            return []
        return [
            ngettext(
                "%(num)s action of the plan is neither done nor justified: %(actions)s.",
                "%(num)s actions of the plan are neither done nor justified: %(actions)s.",
                len(pending),
                actions=_named(pending, len(pending)),
            )
        ]
    if to == CaseStage.CERTIFICATION_AUDIT:
        held = db.session.execute(
            select(func.count(QualityAudit.id)).where(
                QualityAudit.case_id == case.id,
                QualityAudit.kind == AuditKind.INTERNAL,
                QualityAudit.held_on <= today,
            )
        ).scalar_one()
        if not held:
            return [_("Record the internal audit before the certification audit.")]
        open_majors = list(
            db.session.execute(
                select(Nonconformity.description)
                .join(QualityAudit, QualityAudit.id == Nonconformity.audit_id)
                .where(
                    QualityAudit.case_id == case.id,
                    QualityAudit.kind == AuditKind.INTERNAL,
                    Nonconformity.major.is_(True),
                    Nonconformity.closed_on.is_(None),
                )
                .order_by(Nonconformity.id)
            ).scalars()
        )
        if not open_majors:
            return []
        return [
            ngettext(
                "%(num)s major nonconformity of the internal audit is still open: %(findings)s.",
                "%(num)s major nonconformities of the internal audit are still open: %(findings)s.",
                len(open_majors),
                findings=_named([text[:120] for text in open_majors], len(open_majors)),
            )
        ]
    return []
