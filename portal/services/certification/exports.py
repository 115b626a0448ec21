"""A diagnostic and a case's action plan as tables (the XLSX exports) and as the read-models
of their printable pages, in the reader's language. A diagnostic holds at most an outline's
clauses (``MAX_OUTLINE_CLAUSES``); a plan's rows go through the export's row bound."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from portal.i18n import localized
from portal.models import ActionItem, Diagnostic, DiagnosticAnswer, StandardClause, SupportCase
from portal.services.certification.diagnostics import (
    Readiness,
    answers_of,
    clauses_by_id,
    clauses_of,
    readiness,
    sections,
)
from portal.services.certification.plans import action_items


@dataclass
class DiagnosticSheet:
    """A diagnostic's clauses by group with their answers, and its readiness."""

    diagnostic: Diagnostic
    sections: list[tuple[StandardClause, list[StandardClause]]]
    answers: dict[int, DiagnosticAnswer]
    state: Readiness


def diagnostic_sheet(diagnostic: Diagnostic) -> DiagnosticSheet:
    """What the printable diagnostic and its export show, on the outline it rates."""
    clauses = clauses_of(diagnostic.outline_id)
    return DiagnosticSheet(
        diagnostic=diagnostic,
        sections=sections(clauses),
        answers=answers_of(diagnostic),
        state=readiness(diagnostic, clauses),
    )


def diagnostic_headers() -> list[str]:
    return [_("Clause"), _("Title"), _("Rating"), _("Justification"), _("Evidence note")]


def diagnostic_rows(sheet: DiagnosticSheet) -> list[list[Any]]:
    """One row per rated clause, in the outline's order; a clause not rated says so."""
    rows: list[list[Any]] = []
    for _group, clauses in sheet.sections:
        for clause in clauses:
            answer = sheet.answers.get(clause.id)
            rows.append(
                [
                    clause.number,
                    localized(clause, "title"),
                    str(answer.rating.label) if answer else _("Not rated"),
                    answer.justification if answer else "",
                    answer.evidence_note if answer else "",
                ]
            )
    return rows


@dataclass
class PlanSheet:
    """A case's action plan with the clauses its items point at and those overdue."""

    case: SupportCase
    items: list[ActionItem]
    clauses: dict[int, StandardClause] = field(default_factory=dict)
    overdue: set[int] = field(default_factory=set)


def plan_sheet(case: SupportCase, today: date) -> PlanSheet:
    """What the printable plan and its export show (three queries)."""
    items = action_items(case)
    return PlanSheet(
        case=case,
        items=items,
        clauses=clauses_by_id({item.clause_id for item in items if item.clause_id}),
        overdue={item.id for item in items if item.is_overdue(today)},
    )


def plan_headers() -> list[str]:
    return [
        _("Action"),
        _("Clause"),
        _("Owner"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Justification"),
    ]


def plan_rows(sheet: PlanSheet) -> list[list[Any]]:
    """One row per action, by due date (undated last)."""
    rows: list[list[Any]] = []
    for item in sheet.items:
        clause = sheet.clauses.get(item.clause_id) if item.clause_id else None
        rows.append(
            [
                item.title,
                f"{clause.number} {localized(clause, 'title')}" if clause else "",
                item.owner,
                item.due_date,
                str(item.status.label),
                _("Yes") if item.id in sheet.overdue else _("No"),
                item.justification,
            ]
        )
    return rows
