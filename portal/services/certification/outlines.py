"""The standards catalogue as administrators keep it: each standard's outline versions, a
draft prepared from the published outline, edited (clauses and their guidance questions
added, changed, removed, put in order) and published. A published outline never changes:
the diagnostics that rate it, and the answers, actions and findings pointing at its
clauses, keep it as it was."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import ClauseQuestion, Standard, StandardClause, StandardOutline, User
from portal.models.base import utcnow
from portal.models.certification import MAX_CLAUSE_QUESTIONS, MAX_OUTLINE_CLAUSES
from portal.services.certification.diagnostics import clauses_of, published_outline, questions_of
from portal.services.editing import apply_edit

# The catalogue holds a handful of standards; the list shows them all up to this bound.
MAX_STANDARDS = 200
STANDARD_FIELDS = ("reference", "name_fr", "name_ar", "active")
CLAUSE_FIELDS = ("number", "title_en", "title_fr", "title_ar")


class OutlineError(ValueError):
    """A change of an outline the rules refuse; the message is translated."""


@dataclass
class StandardRow:
    """A line of the catalogue: the standard, its published version and clause count, and
    the number of its draft when one is being prepared."""

    standard: Standard
    published: int | None
    clauses: int
    draft: int | None


def catalogue() -> list[StandardRow]:
    """Every standard (those taken out of the catalogue included), by reference, in three
    queries."""
    standards = list(
        db.session.execute(
            select(Standard).order_by(Standard.reference, Standard.id).limit(MAX_STANDARDS)
        ).scalars()
    )
    outlines = db.session.execute(
        select(
            StandardOutline.standard_id,
            StandardOutline.id,
            StandardOutline.number,
            StandardOutline.published,
        )
        .where(StandardOutline.standard_id.in_([s.id for s in standards]))
        .order_by(StandardOutline.standard_id, StandardOutline.number)
    ).all()
    published: dict[int, tuple[int, int]] = {}  # standard id: (outline id, version number)
    drafts: dict[int, int] = {}
    for standard_id, outline_id, number, is_published in outlines:
        if is_published:
            published[standard_id] = (outline_id, number)
        else:
            drafts[standard_id] = number
    counts = dict(
        db.session.execute(
            select(StandardClause.outline_id, func.count(StandardClause.id))
            .where(StandardClause.outline_id.in_([ids[0] for ids in published.values()]))
            .group_by(StandardClause.outline_id)
        ).all()
    )
    return [
        StandardRow(
            standard=s,
            published=published[s.id][1] if s.id in published else None,
            clauses=counts.get(published[s.id][0], 0) if s.id in published else 0,
            draft=drafts.get(s.id),
        )
        for s in standards
    ]


def draft_outline(standard: Standard) -> StandardOutline | None:
    """The standard's outline version being prepared, if any (one at a time)."""
    return db.session.execute(
        select(StandardOutline).where(
            StandardOutline.standard_id == standard.id, StandardOutline.published.is_(False)
        )
    ).scalar()


@dataclass
class OutlineView:
    """An outline version's clauses in order with their guidance questions by clause id."""

    outline: StandardOutline | None
    clauses: list[StandardClause] = field(default_factory=list)
    questions: dict[int, list[ClauseQuestion]] = field(default_factory=dict)


def outline_view(outline: StandardOutline | None) -> OutlineView:
    """An outline with its clauses and questions, in two queries."""
    clauses = clauses_of(outline.id if outline is not None else None)
    return OutlineView(outline=outline, clauses=clauses, questions=questions_of(clauses))


def _standard_values(changes: dict[str, Any]) -> dict[str, Any]:
    """The standard's fields from a form's values, its texts stripped."""
    values = {name: changes[name] for name in STANDARD_FIELDS}
    values.update(_clean(changes, ("reference", "name_fr", "name_ar")))
    return values


def save_standard(standard: Standard, version: Any, changes: dict[str, Any]) -> None:
    """Change a standard's reference, names and presence in the catalogue; StaleEdit when
    it changed since the form was opened."""
    apply_edit(standard, version, _standard_values(changes))


def code_taken(code: str) -> bool:
    """Whether a standard, even a deleted one, has the code."""
    query = select(Standard.id).where(Standard.code == code)
    return db.session.execute(query.execution_options(include_deleted=True)).first() is not None


def add_standard(code: str, changes: dict[str, Any]) -> Standard:
    """Add a standard to the catalogue, without an outline yet (its first version is then
    prepared as a draft); a code another standard has is refused."""
    if code_taken(code):
        raise OutlineError(_("Another standard already has this code."))
    standard = Standard(code=code, **_standard_values(changes))
    db.session.add(standard)
    db.session.flush()
    return standard


def prepare_draft(standard: Standard) -> StandardOutline:
    """A new outline version copied from the published one (clauses and questions), to be
    edited; the draft already being prepared when there is one."""
    existing = draft_outline(standard)
    if existing is not None:
        return existing
    last = db.session.execute(
        select(func.max(StandardOutline.number)).where(StandardOutline.standard_id == standard.id)
    ).scalar()
    draft = StandardOutline(standard_id=standard.id, number=(last or 0) + 1, published=False)
    db.session.add(draft)
    db.session.flush()
    source = outline_view(published_outline(standard.id))
    copies: list[tuple[StandardClause, StandardClause]] = []
    for position, clause in enumerate(source.clauses, 1):
        copy = StandardClause(
            standard_id=standard.id,
            outline_id=draft.id,
            number=clause.number,
            position=position,
            title_en=clause.title_en,
            title_fr=clause.title_fr,
            title_ar=clause.title_ar,
        )
        db.session.add(copy)
        copies.append((clause, copy))
    db.session.flush()
    for clause, copy in copies:
        for position, question in enumerate(source.questions.get(clause.id, []), 1):
            db.session.add(
                ClauseQuestion(
                    clause_id=copy.id,
                    position=position,
                    text_fr=question.text_fr,
                    text_ar=question.text_ar,
                )
            )
    db.session.flush()
    return draft


def publish_draft(draft: StandardOutline, actor: User) -> None:
    """Publish a draft: diagnostics started from now on rate it, earlier ones keep theirs.
    Refused when it has no clause to rate (a sub-clause such as 4.1)."""
    if not any(not clause.is_group for clause in clauses_of(draft.id)):
        raise OutlineError(
            _("An outline needs at least one sub-clause to rate (such as 4.1) to be published.")
        )
    draft.published = True
    draft.published_at = utcnow()
    draft.published_by_id = actor.id
    db.session.flush()


# --- clauses of a draft -----------------------------------------------------------------------


def _clean(changes: dict[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    return {name: (changes.get(name) or "").strip() for name in names}


def _number_taken(draft: StandardOutline, number: str, clause_id: int | None) -> bool:
    query = select(StandardClause.id).where(
        StandardClause.outline_id == draft.id, StandardClause.number == number
    )
    if clause_id is not None:
        query = query.where(StandardClause.id != clause_id)
    return db.session.execute(query.limit(1)).first() is not None


def _place(draft: StandardOutline, clause: StandardClause, position: int | None) -> None:
    """Put a clause at a position (1 = first; None or past the end = last) and number the
    draft's clauses again from 1."""
    others = [c for c in clauses_of(draft.id) if c.id != clause.id]
    index = len(others) if position is None else min(max(position, 1) - 1, len(others))
    others.insert(index, clause)
    for number, each in enumerate(others, 1):
        if each.position != number:
            each.position = number
    db.session.flush()


def add_clause(
    draft: StandardOutline, changes: dict[str, Any], position: int | None = None
) -> StandardClause:
    """Add a clause to a draft, at a position (last by default); a number the draft already
    has, or an outline at its bound, is refused."""
    values = _clean(changes, CLAUSE_FIELDS)
    if _number_taken(draft, values["number"], None):
        raise OutlineError(_("The outline already has a clause %(number)s.", **values))
    count = db.session.execute(
        select(func.count(StandardClause.id)).where(StandardClause.outline_id == draft.id)
    ).scalar_one()
    if count >= MAX_OUTLINE_CLAUSES:
        raise OutlineError(
            _("An outline holds at most %(count)s clauses.", count=MAX_OUTLINE_CLAUSES)
        )
    clause = StandardClause(
        standard_id=draft.standard_id, outline_id=draft.id, position=count + 1, **values
    )
    db.session.add(clause)
    db.session.flush()
    if position is not None:
        _place(draft, clause, position)
    return clause


def edit_clause(
    draft: StandardOutline,
    clause: StandardClause,
    changes: dict[str, Any],
    position: int | None = None,
) -> None:
    """Change a clause of a draft (number, titles) and move it to a position when given."""
    values = _clean(changes, CLAUSE_FIELDS)
    if _number_taken(draft, values["number"], clause.id):
        raise OutlineError(_("The outline already has a clause %(number)s.", **values))
    for name, value in values.items():
        if getattr(clause, name) != value:
            setattr(clause, name, value)
    db.session.flush()
    if position is not None and position != clause.position:
        _place(draft, clause, position)


def move_clause(draft: StandardOutline, clause: StandardClause, step: int) -> None:
    """Move a clause one place up (-1) or down (+1)."""
    _place(draft, clause, clause.position + step)


def remove_clause(draft: StandardOutline, clause: StandardClause) -> None:
    """Take a clause and its questions out of a draft (soft: the audit trail keeps them)."""
    now = utcnow()
    for question in questions_of([clause]).get(clause.id, []):
        question.deleted_at = now
    clause.deleted_at = now
    db.session.flush()
    remaining = clauses_of(draft.id)
    for number, each in enumerate(remaining, 1):
        if each.position != number:
            each.position = number
    db.session.flush()


# --- guidance questions of a draft's clause --------------------------------------------------


def add_question(clause: StandardClause, text_fr: str, text_ar: str) -> ClauseQuestion:
    """Add a guidance question under a clause, last; refused past the bound."""
    questions = questions_of([clause]).get(clause.id, [])
    if len(questions) >= MAX_CLAUSE_QUESTIONS:
        raise OutlineError(
            _(
                "A clause has at most %(count)s guidance questions.",
                count=MAX_CLAUSE_QUESTIONS,
            )
        )
    question = ClauseQuestion(
        clause_id=clause.id,
        position=len(questions) + 1,
        text_fr=text_fr.strip(),
        text_ar=text_ar.strip(),
    )
    db.session.add(question)
    db.session.flush()
    return question


def edit_question(question: ClauseQuestion, text_fr: str, text_ar: str) -> None:
    """Change the French and Arabic wording of a guidance question."""
    if question.text_fr != text_fr.strip():
        question.text_fr = text_fr.strip()
    if question.text_ar != text_ar.strip():
        question.text_ar = text_ar.strip()
    db.session.flush()


def _renumber(questions: list[ClauseQuestion]) -> None:
    for number, each in enumerate(questions, 1):
        if each.position != number:
            each.position = number
    db.session.flush()


def move_question(clause: StandardClause, question: ClauseQuestion, step: int) -> None:
    """Move a question one place up (-1) or down (+1) among its clause's questions."""
    questions = questions_of([clause]).get(clause.id, [])
    others = [q for q in questions if q.id != question.id]
    index = min(max(questions.index(question) + step, 0), len(others))
    others.insert(index, question)
    _renumber(others)


def remove_question(clause: StandardClause, question: ClauseQuestion) -> None:
    """Take a question out of a draft's clause (soft)."""
    question.deleted_at = utcnow()
    db.session.flush()
    _renumber([q for q in questions_of([clause]).get(clause.id, []) if q.id != question.id])
