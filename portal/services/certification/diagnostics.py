"""Diagnostics: the clauses a diagnostic rates, starting and saving one (answers and evidence
files), readiness per clause, clause group and overall, and the comparison with the previous
diagnostic. Figures only: the chart's geometry belongs to the pages."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    CaseStage,
    ClauseQuestion,
    Diagnostic,
    DiagnosticAnswer,
    Rating,
    StandardClause,
    StandardOutline,
    SupportCase,
    User,
)
from portal.models.base import utcnow
from portal.models.certification import MAX_OUTLINE_CLAUSES
from portal.services.certification import evidence
from portal.services.editing import apply_edit
from portal.services.file_store import EVIDENCE
from portal.services.file_types import sniff

# Diagnostics and plans are worked on from acceptance until the certification audit.
WORKING_STAGES = (
    CaseStage.ACCEPTED,
    CaseStage.DIAGNOSTIC,
    CaseStage.ACTION_PLAN,
    CaseStage.IMPLEMENTATION,
    CaseStage.INTERNAL_AUDIT,
    CaseStage.CERTIFICATION_AUDIT,
)
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The kinds of evidence file accepted: extension of the download and its media type.
EVIDENCE_KINDS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "xlsx": XLSX_MIMETYPE,
}


def published_outline(standard_id: int) -> StandardOutline | None:
    """The standard's latest published outline version (None before any is published)."""
    return db.session.execute(
        select(StandardOutline)
        .where(StandardOutline.standard_id == standard_id, StandardOutline.published)
        .order_by(StandardOutline.number.desc())
        .limit(1)
    ).scalar()


def clauses_of(outline_id: int | None) -> list[StandardClause]:
    """The clauses of an outline version, in order (none for no outline)."""
    if outline_id is None:
        return []
    return list(
        db.session.execute(
            select(StandardClause)
            .where(StandardClause.outline_id == outline_id)
            .order_by(StandardClause.position, StandardClause.id)
            .limit(MAX_OUTLINE_CLAUSES)
        ).scalars()
    )


def case_outline_id(case: SupportCase) -> int | None:
    """The outline a case's actions and findings point at: the one its latest diagnostic
    rates, else the standard's published one."""
    latest = db.session.execute(
        select(Diagnostic.outline_id)
        .where(Diagnostic.case_id == case.id)
        .order_by(Diagnostic.number.desc())
        .limit(1)
    ).scalar()
    if latest is not None:
        return latest
    outline = published_outline(case.standard_id)
    return outline.id if outline is not None else None


def case_clauses(case: SupportCase) -> list[StandardClause]:
    """The clauses a case's actions and findings may point at (``case_outline_id``)."""
    return clauses_of(case_outline_id(case))


def clauses_by_id(ids: set[int]) -> dict[int, StandardClause]:
    """Clauses by id, whatever their outline version (those actions and findings point at)."""
    if not ids:
        return {}
    query = select(StandardClause).where(StandardClause.id.in_(ids))
    return {
        c.id: c for c in db.session.execute(query.execution_options(include_deleted=True)).scalars()
    }


def questions_of(clauses: list[StandardClause]) -> dict[int, list[ClauseQuestion]]:
    """The guidance questions of clauses, by clause id, in order (one query)."""
    found: dict[int, list[ClauseQuestion]] = defaultdict(list)
    if clauses:
        query = (
            select(ClauseQuestion)
            .where(ClauseQuestion.clause_id.in_([c.id for c in clauses]))
            .order_by(ClauseQuestion.clause_id, ClauseQuestion.position, ClauseQuestion.id)
        )
        for question in db.session.execute(query).scalars():
            found[question.clause_id].append(question)
    return found


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


# --- reading ----------------------------------------------------------------------------------


def diagnostics_of(case: SupportCase) -> list[Diagnostic]:
    """The case's diagnostics, by number."""
    return list(
        db.session.execute(
            select(Diagnostic).where(Diagnostic.case_id == case.id).order_by(Diagnostic.number)
        ).scalars()
    )


def completed_diagnostics(case: SupportCase) -> list[Diagnostic]:
    """The case's completed diagnostics, oldest first."""
    return list(
        db.session.execute(
            select(Diagnostic)
            .where(Diagnostic.case_id == case.id, Diagnostic.completed_on.is_not(None))
            .order_by(Diagnostic.number)
        ).scalars()
    )


def answers_of(diagnostic: Diagnostic) -> dict[int, DiagnosticAnswer]:
    """A diagnostic's answers by clause id."""
    query = select(DiagnosticAnswer).where(DiagnosticAnswer.diagnostic_id == diagnostic.id)
    return {answer.clause_id: answer for answer in db.session.execute(query).scalars()}


def overall_by_diagnostic(diagnostics: list[Diagnostic]) -> dict[int, float | None]:
    """Overall readiness of several diagnostics in one query (as ``readiness`` computes it:
    sub-clauses only, whatever outline version each diagnostic rates)."""
    scores: dict[int, list[int]] = defaultdict(list)
    if diagnostics:
        rows = db.session.execute(
            select(DiagnosticAnswer.diagnostic_id, StandardClause.number, DiagnosticAnswer.rating)
            .join(StandardClause, StandardClause.id == DiagnosticAnswer.clause_id)
            .where(DiagnosticAnswer.diagnostic_id.in_([d.id for d in diagnostics]))
            .execution_options(include_deleted=True)
        )
        for diagnostic_id, number, rating in rows:
            if "." in number and rating.score is not None:
                scores[diagnostic_id].append(rating.score)
    return {
        d.id: (sum(scores[d.id]) / (3 * len(scores[d.id])) if scores[d.id] else None)
        for d in diagnostics
    }


def _percent(scores: list[int]) -> float | None:
    return None if not scores else sum(scores) / (3 * len(scores))


@dataclass
class Readiness:
    """Readiness of a diagnostic: per rated clause, per clause group and overall (0 to 1;
    not-applicable clauses are left out)."""

    by_clause: dict[int, Rating] = field(default_factory=dict)
    by_group: dict[str, float | None] = field(default_factory=dict)
    overall: float | None = None


def readiness(diagnostic: Diagnostic, clauses: list[StandardClause]) -> Readiness:
    """Compute a diagnostic's readiness from its answers (one query)."""
    answers = answers_of(diagnostic)
    result = Readiness()
    groups: dict[str, list[int]] = defaultdict(list)
    everything: list[int] = []
    for clause in clauses:
        if clause.is_group:
            groups.setdefault(clause.group, [])
            continue
        answer = answers.get(clause.id)
        if answer is None:
            continue
        result.by_clause[clause.id] = answer.rating
        score = answer.rating.score
        if score is not None:
            groups[clause.group].append(score)
            everything.append(score)
    result.by_group = {group: _percent(scores) for group, scores in groups.items()}
    result.overall = _percent(everything)
    return result


def compare(earlier: Readiness, later: Readiness) -> dict[int, int]:
    """Clause by clause, how many rating steps the later diagnostic moved (+ up, - down)."""
    changes = {}
    for clause_id, rating in later.by_clause.items():
        before = earlier.by_clause.get(clause_id)
        if before is not None and before.score is not None and rating.score is not None:
            changes[clause_id] = rating.score - before.score
    return changes


def direction(before: Rating | None, after: Rating | None, change: int | None) -> str:
    """up, down or same; "" when a rating is missing or one side is not applicable."""
    if change is not None:
        return "up" if change > 0 else "down" if change < 0 else "same"
    return "same" if before is not None and before == after else ""


@dataclass
class DiagnosticResult:
    """A diagnostic's readiness, by clause group in the standard's order, and its comparison
    with the previous completed diagnostic of the case (when there is one)."""

    state: Readiness
    groups: list[tuple[StandardClause, float | None]]
    earlier: Diagnostic | None = None
    before: Readiness | None = None
    changes: dict[int, int] = field(default_factory=dict)


def diagnostic_result(diagnostic: Diagnostic, clauses: list[StandardClause]) -> DiagnosticResult:
    """The figures of the result page of a diagnostic."""
    state = readiness(diagnostic, clauses)
    earlier = db.session.execute(
        select(Diagnostic)
        .where(
            Diagnostic.case_id == diagnostic.case_id,
            Diagnostic.completed_on.is_not(None),
            Diagnostic.number < diagnostic.number,
        )
        .order_by(Diagnostic.number.desc())
        .limit(1)
    ).scalar()
    before = None
    if earlier is not None and earlier.outline_id == diagnostic.outline_id:
        before = readiness(earlier, clauses)
    elif earlier is not None:
        # Rated on another outline version: its ratings compared clause by clause number.
        before = readiness(earlier, clauses_of(earlier.outline_id))
        numbers = {c.number: c.id for c in clauses}
        earlier_numbers = {c.id: c.number for c in clauses_of(earlier.outline_id)}
        before.by_clause = {
            numbers[earlier_numbers[clause_id]]: rating
            for clause_id, rating in before.by_clause.items()
            if earlier_numbers.get(clause_id) in numbers
        }
    return DiagnosticResult(
        state=state,
        groups=[(c, state.by_group.get(c.group)) for c, _subs in sections(clauses)],
        earlier=earlier,
        before=before,
        changes=compare(before, state) if before is not None else {},
    )


# --- writing ----------------------------------------------------------------------------------


def draft_of(case: SupportCase) -> Diagnostic | None:
    """The case's diagnostic still in draft, if any (one at a time)."""
    return db.session.execute(
        select(Diagnostic).where(Diagnostic.case_id == case.id, Diagnostic.completed_on.is_(None))
    ).scalar()


def start_diagnostic(case: SupportCase, actor: User) -> Diagnostic:
    """Start the case's next diagnostic, numbered after every earlier one (deleted included),
    on the standard's published outline. The caller checks there is no draft (``draft_of``)
    and that the standard has a published outline with clauses."""
    last = db.session.execute(
        select(func.max(Diagnostic.number))
        .where(Diagnostic.case_id == case.id)
        .execution_options(include_deleted=True)
    ).scalar()
    outline = published_outline(case.standard_id)
    diagnostic = Diagnostic(
        case_id=case.id,
        number=(last or 0) + 1,
        created_by_id=actor.id,
        outline_id=outline.id if outline is not None else None,
    )
    db.session.add(diagnostic)
    db.session.flush()
    return diagnostic


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
    # The record of the quality system linked as evidence ("policy-3", "" for none); None
    # leaves the answer's link as it is.
    evidence: str | None = None


def save_answers(
    diagnostic: Diagnostic,
    given: list[ClauseAnswer],
    answers: dict,
    *,
    records: dict[int, tuple[str, int] | None] | None = None,
    actor: User | None = None,
) -> None:
    """Write the rated clauses into the diagnostic's answers (``answers`` by clause id), and
    the records of the quality system they link to (``records`` by clause id, checked)."""
    written: dict[int, DiagnosticAnswer] = {}
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
        written[entry.clause_id] = answer
    db.session.flush()
    if records:
        links = evidence.links_of([a.id for a in written.values()])
        for clause_id, record in records.items():
            answer = written.get(clause_id)
            if answer is not None:
                evidence.set_evidence(answer, record, links.get(answer.id, []), actor=actor)
        db.session.flush()


def save_diagnostic(
    diagnostic: Diagnostic,
    *,
    version: object,
    given: list[ClauseAnswer],
    answers: dict[int, DiagnosticAnswer],
    complete_on: date | None = None,
    organisation_id: int | None = None,
    actor: User | None = None,
) -> None:
    """Save the answers given (a draft, or completed on ``complete_on``); StaleEdit when the
    diagnostic changed since the form was opened. Records of the quality system linked as
    evidence must be of ``organisation_id`` (the case's), else EvidenceNotFound and nothing
    is saved."""
    chosen = {
        entry.clause_id: entry.evidence
        for entry in given
        if entry.evidence is not None and entry.rating is not None
    }
    records = None
    if chosen:
        if organisation_id is None:
            raise evidence.EvidenceNotFound(
                _("This record is not part of the organisation's quality system.")
            )
        parsed = evidence.check_records(organisation_id, list(chosen.values()))
        records = {clause_id: parsed[key] for clause_id, key in chosen.items()}
    changes: dict[str, Any] = {"updated_at": utcnow()}  # a save always bumps the version
    if complete_on is not None:
        changes["completed_on"] = complete_on
    apply_edit(diagnostic, version, changes)
    save_answers(diagnostic, given, answers, records=records, actor=actor)


# --- evidence files ----------------------------------------------------------------------------


def evidence_kind(data: bytes) -> str | None:
    """What an evidence file is by its content (never its name): pdf, png, jpg, xlsx or None."""
    kind = sniff(data)
    kind = "jpg" if kind == "jpeg" else kind
    return kind if kind in EVIDENCE_KINDS else None


def stored_evidence_kind(answer: DiagnosticAnswer) -> str:
    """The kind of an answer's stored evidence file (PDF when it cannot be told)."""
    return evidence_kind(EVIDENCE.read(answer.evidence_file) or b"") or "pdf"


def download_name(answer: DiagnosticAnswer, kind: str) -> str:
    """A safe file name: letters, digits, dots and hyphens, with the extension of its kind."""
    stem = unicodedata.normalize("NFKC", PurePath(answer.evidence_filename or "").stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")[:80]
    return f"{stem or f'evidence-{answer.id}'}.{kind}"
