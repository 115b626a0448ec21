"""Diagnostics: the clauses a diagnostic rates, saving answers, evidence files, readiness
figures and the chart's geometry (the routes stay thin)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from sqlalchemy import select

from portal.extensions import db
from portal.i18n import text_direction
from portal.models import (
    CaseStage,
    Diagnostic,
    DiagnosticAnswer,
    Rating,
    StandardClause,
)
from portal.services.file_store import EVIDENCE

# Diagnostics and plans are worked on from acceptance until the certification audit.
WORKING_STAGES = (
    CaseStage.ACCEPTED,
    CaseStage.DIAGNOSTIC,
    CaseStage.ACTION_PLAN,
    CaseStage.IMPLEMENTATION,
    CaseStage.INTERNAL_AUDIT,
    CaseStage.CERTIFICATION_AUDIT,
)


def rated(clauses: list[StandardClause]) -> list[StandardClause]:
    """The clauses that are rated: sub-clauses (top-level ones are the groups)."""
    return [clause for clause in clauses if not clause.is_group]


def sections(clauses: list[StandardClause]) -> list[tuple[StandardClause, list[StandardClause]]]:
    """Each top-level clause with its rated sub-clauses, in the standard's order."""
    groups = {clause.group: clause for clause in clauses if clause.is_group}
    subs: dict[str, list[StandardClause]] = defaultdict(list)
    for clause in rated(clauses):
        subs[clause.group].append(clause)
    return [(groups[key], subs[key]) for key in groups if subs[key]]


def answers_of(diagnostic: Diagnostic) -> dict[int, DiagnosticAnswer]:
    """A diagnostic's answers by clause id."""
    query = select(DiagnosticAnswer).where(DiagnosticAnswer.diagnostic_id == diagnostic.id)
    return {answer.clause_id: answer for answer in db.session.execute(query).scalars()}


def overall_by_diagnostic(
    diagnostics: list[Diagnostic], clauses: list[StandardClause]
) -> dict[int, float | None]:
    """Overall readiness of several diagnostics in one query (as ``readiness`` computes it)."""
    rated_ids = {clause.id for clause in rated(clauses)}
    scores: dict[int, list[int]] = defaultdict(list)
    if diagnostics:
        rows = db.session.execute(
            select(
                DiagnosticAnswer.diagnostic_id, DiagnosticAnswer.clause_id, DiagnosticAnswer.rating
            ).where(DiagnosticAnswer.diagnostic_id.in_([d.id for d in diagnostics]))
        )
        for diagnostic_id, clause_id, rating in rows:
            if clause_id in rated_ids and rating.score is not None:
                scores[diagnostic_id].append(rating.score)
    return {
        d.id: (sum(scores[d.id]) / (3 * len(scores[d.id])) if scores[d.id] else None)
        for d in diagnostics
    }


CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH, BAR_HEIGHT, BAR_GAP = 480, 44, 64, 22, 10


def readiness_chart(groups: list[tuple[StandardClause, float | None]]) -> dict[str, Any]:
    """Coordinates of a horizontal bar chart, one bar per clause group, drawn from the right
    on right-to-left pages."""
    rtl = text_direction() == "rtl"
    track = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (clause, value) in enumerate(groups):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = round(track * (value or 0), 1)
        if rtl:
            track_x, bar_x = VALUE_WIDTH, CHART_WIDTH - LABEL_WIDTH - length
            label_x, value_x, value_anchor = CHART_WIDTH - LABEL_WIDTH / 2, bar_x - 6, "end"
        else:
            track_x, bar_x = LABEL_WIDTH, LABEL_WIDTH
            label_x, value_x, value_anchor = LABEL_WIDTH / 2, bar_x + length + 6, "start"
        bars.append(
            {
                "number": clause.number,
                "value": value,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "track_x": track_x,
                "bar_x": bar_x,
                "length": length,
                "label_x": label_x,
                "value_x": value_x,
                "value_anchor": value_anchor,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": BAR_GAP + len(groups) * (BAR_HEIGHT + BAR_GAP),
        "track": track,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }


def direction(before: Rating | None, after: Rating | None, change: int | None) -> str:
    """up, down or same; "" when a rating is missing or one side is not applicable."""
    if change is not None:
        return "up" if change > 0 else "down" if change < 0 else "same"
    return "same" if before is not None and before == after else ""


# --- evidence files ----------------------------------------------------------------------------


def download_name(answer: DiagnosticAnswer, kind: str) -> str:
    """A safe file name: letters, digits, dots and hyphens, with the extension of its kind."""
    stem = unicodedata.normalize("NFKC", PurePath(answer.evidence_filename or "").stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")[:80]
    return f"{stem or f'evidence-{answer.id}'}.{kind}"


@dataclass
class ClauseAnswer:
    """What a person gave for one clause: a rating (None leaves the clause unrated), a
    justification, an evidence note, and an evidence file already checked (bytes, the name it
    was sent under, its kind)."""

    clause_id: int
    rating: Rating | None
    justification: str = ""
    note: str = ""
    file_content: bytes | None = None
    file_name: str = ""
    file_kind: str = ""


def save_answers(diagnostic: Diagnostic, given: list[ClauseAnswer], answers: dict) -> None:
    """Write the rated clauses into the diagnostic's answers (``answers`` by clause id)."""
    for entry in given:
        if entry.rating is None:
            continue
        answer = answers.get(entry.clause_id)
        if answer is None:
            answer = DiagnosticAnswer(diagnostic_id=diagnostic.id, clause_id=entry.clause_id)
            db.session.add(answer)
        answer.rating = entry.rating
        answer.justification = entry.justification.strip()
        answer.evidence_note = entry.note.strip()
        if entry.file_content is not None:
            answer.evidence_file = EVIDENCE.save(entry.file_content)
            original = PurePath(entry.file_name or "").name
            answer.evidence_filename = original[:255] or f"evidence.{entry.file_kind}"
    db.session.flush()


# --- diagnostics -------------------------------------------------------------------------------
