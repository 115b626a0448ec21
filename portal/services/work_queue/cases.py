"""Whose move it is on an open support case, derived in SQL from the case's stage and what
has been recorded on it, and the next step each side is told about.

The federation moves every stage; between its moves the company works: it fills in its
self-assessment (accepted, diagnostic), drafts its action plan and carries the actions out.
So the next move is the federation's when the case is requested, at an audit stage, or when
the company's part of the current stage is done (a completed diagnostic, a plan with items,
every action done); otherwise it is the company's.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, exists, false, not_, or_, true

from portal.models import ActionItem, ActionStatus, CaseStage, Diagnostic, SupportCase
from portal.services.certification import (
    OPEN_STAGES,
    next_stage,
)

S = CaseStage
SELF_ASSESSMENT = (S.ACCEPTED, S.DIAGNOSTIC)


def _completed_diagnostic():
    return exists().where(
        Diagnostic.case_id == SupportCase.id,
        Diagnostic.completed_on.is_not(None),
        Diagnostic.deleted_at.is_(None),
    )


def _planned():
    return exists().where(ActionItem.case_id == SupportCase.id, ActionItem.deleted_at.is_(None))


def _open_actions():
    return exists().where(
        ActionItem.case_id == SupportCase.id,
        ActionItem.status != ActionStatus.DONE,
        ActionItem.deleted_at.is_(None),
    )


def open_case():
    """SQL: the case is under way (neither certified nor closed)."""
    return SupportCase.stage.in_(OPEN_STAGES)


def federation_turn():
    """SQL: the case is open and its next move is the federation's."""
    return or_(
        SupportCase.stage.in_((S.REQUESTED, S.INTERNAL_AUDIT, S.CERTIFICATION_AUDIT)),
        and_(SupportCase.stage.in_(SELF_ASSESSMENT), _completed_diagnostic()),
        and_(SupportCase.stage == S.ACTION_PLAN, _planned()),
        and_(SupportCase.stage == S.IMPLEMENTATION, _planned(), not_(_open_actions())),
    )


def federation_turn_at(stage: CaseStage):
    """SQL: a case at ``stage`` (one of the open stages) waits for the federation's move;
    ``federation_turn`` split by stage, so each stage's cases are read on an index of the
    stage."""
    if stage in (S.REQUESTED, S.INTERNAL_AUDIT, S.CERTIFICATION_AUDIT):
        return true()
    if stage in SELF_ASSESSMENT:
        return _completed_diagnostic()
    if stage == S.ACTION_PLAN:
        return _planned()
    if stage == S.IMPLEMENTATION:
        return and_(_planned(), not_(_open_actions()))
    return false()


def federation_step(case: SupportCase) -> tuple[str, str]:
    """What the federation is to do on a case whose move is its own, and where."""
    page = url_for("certification.case", case_id=case.id, _anchor="workflow")
    if case.stage == S.REQUESTED:
        return _("Accept or decline the request"), page
    if case.stage == S.INTERNAL_AUDIT:
        return _("Record the internal audit, then move the case on"), page
    if case.stage == S.CERTIFICATION_AUDIT:
        return _("Record the certificate once the audit has succeeded"), url_for(
            "certification.certify", case_id=case.id
        )
    following = next_stage(case)
    return _("Move the case on to: %(stage)s", stage=following.label if following else ""), page


def company_step(case: SupportCase, federation_moves: bool) -> tuple[str, str, bool]:
    """What the company is told about its open case: the step, where it is done, and whether
    the move is the company's own."""
    if federation_moves:
        page = url_for("certification.case", case_id=case.id)
        if case.stage == S.REQUESTED:
            return _("The federation is studying your request"), page, False
        if case.stage in (S.INTERNAL_AUDIT, S.CERTIFICATION_AUDIT):
            return _("The federation records the audit and its result"), page, False
        return _("Your part is done: the federation moves the case on"), page, False
    if case.stage in SELF_ASSESSMENT:
        return (
            _("Fill in your self-assessment (diagnostic)"),
            url_for("certification.diagnostics", case_id=case.id),
            True,
        )
    if case.stage == S.ACTION_PLAN:
        return (
            _("Draft your action plan"),
            url_for("certification.action_plan", case_id=case.id),
            True,
        )
    return (
        _("Carry out the actions of your plan"),
        url_for("certification.action_plan", case_id=case.id),
        True,
    )
