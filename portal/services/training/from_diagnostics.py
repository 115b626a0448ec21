"""From diagnostics to training (issue 16, item 4): a clause a company's diagnostic rates
"not started" or "partially implemented" proposes the training topics that help with it
(``ClauseTopic``, maintained by federation staff); the company declares the need in one
click (it may then change the people, the quarter…), the need keeping the diagnostic it came
from, so the demand can tell how much of it diagnostics brought."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import and_, func, select
from sqlalchemy.sql.util import ClauseAdapter

from portal.authz.training import need_scope
from portal.extensions import db
from portal.models import (
    ClauseTopic,
    Diagnostic,
    DiagnosticAnswer,
    JobCategory,
    Level,
    Modality,
    NeedStatus,
    Priority,
    Rating,
    StandardClause,
    SupportCase,
    TrainingNeed,
    TrainingTopic,
    User,
)
from portal.services.training.common import DEMAND_STATUSES, TrainingError
from portal.services.training.needs import declare_need, upcoming_quarters

LOW_RATINGS = (Rating.NOT_STARTED, Rating.PARTIAL)
# The needs of a company that still wait for training: one of them makes a proposal "declared".
WAITING_STATUSES = (NeedStatus.SUBMITTED, NeedStatus.VALIDATED, NeedStatus.PLANNED)


@dataclass(frozen=True)
class Proposal:
    """A training topic proposed by a clause rated low."""

    clause: StandardClause
    rating: Rating
    topic: TrainingTopic
    declared: bool  # the company already has a need for this topic waiting


def proposals(case: SupportCase, diagnostic: Diagnostic) -> list[Proposal]:
    """The topics the diagnostic's low ratings propose, clause by clause (two queries)."""
    rows = db.session.execute(
        select(StandardClause, DiagnosticAnswer.rating, TrainingTopic)
        .join(DiagnosticAnswer, DiagnosticAnswer.clause_id == StandardClause.id)
        .join(
            ClauseTopic,
            and_(
                ClauseTopic.standard_id == StandardClause.standard_id,
                ClauseTopic.clause_number == StandardClause.number,
            ),
        )
        .join(TrainingTopic, TrainingTopic.id == ClauseTopic.topic_id)
        .where(
            DiagnosticAnswer.diagnostic_id == diagnostic.id,
            DiagnosticAnswer.rating.in_(LOW_RATINGS),
            TrainingTopic.active.is_(True),
        )
        .order_by(StandardClause.position, TrainingTopic.id)
    ).all()
    waiting = set(
        db.session.execute(
            select(TrainingNeed.topic_id).where(
                TrainingNeed.organisation_id == case.organisation_id,
                TrainingNeed.status.in_(WAITING_STATUSES),
            )
        ).scalars()
    )
    return [Proposal(clause, rating, topic, topic.id in waiting) for clause, rating, topic in rows]


def declare_from_diagnostic(
    user: User, case: SupportCase, diagnostic: Diagnostic, topic_id: int, today: date
) -> TrainingNeed:
    """Declare the need a proposal describes: one person of the quality staff, next quarter,
    in the case's ecosystem and the company's region; high priority for a clause not
    started. Refused for a topic the diagnostic does not propose or already declared."""
    proposed = [p for p in proposals(case, diagnostic) if p.topic.id == topic_id]
    if not proposed:
        raise TrainingError(_("The diagnostic does not propose this training."))
    if proposed[0].declared:
        raise TrainingError(_("Your company already declared a need for this training."))
    not_started = any(p.rating == Rating.NOT_STARTED for p in proposed)
    return declare_need(
        user,
        {
            "ecosystem_id": case.ecosystem_id,
            "topic_id": topic_id,
            "job_category": JobCategory.QUALITY_STAFF,
            "people": 1,
            "level": Level.BEGINNER,
            "priority": Priority.HIGH if not_started else Priority.MEDIUM,
            "quarter": upcoming_quarters(today, 2)[1],
            "region": user.organisation.region,
            "modality": Modality.IN_PERSON,
            "diagnostic_id": diagnostic.id,
        },
    )


@dataclass(frozen=True)
class FromDiagnostics:
    """How much of the demand the user sees diagnostics brought."""

    people: int
    needs: int


def demand_from_diagnostics(user: Any) -> FromDiagnostics:
    """The validated needs declared from diagnostics in the user's demand, read through the
    partial index of the needs that have a diagnostic: only those rows. They are read first
    (a materialised CTE), then filtered by status and scope: asked in one WHERE, SQLite's
    planner, knowing nothing of how few they are, read every validated need of the scope
    through the status or ecosystem index instead (0.5 s with a million needs)."""
    declared = (
        select(
            TrainingNeed.id,
            TrainingNeed.people,
            TrainingNeed.status,
            TrainingNeed.ecosystem_id,
            TrainingNeed.organisation_id,
        )
        .where(TrainingNeed.diagnostic_id.is_not(None))
        .cte("declared_from_diagnostics")
        .prefix_with("MATERIALIZED")
    )
    scope = ClauseAdapter(declared).traverse(need_scope(user))
    people, needs = db.session.execute(
        select(func.coalesce(func.sum(declared.c.people), 0), func.count(declared.c.id)).where(
            declared.c.status.in_(DEMAND_STATUSES), scope
        )
    ).one()
    return FromDiagnostics(people=int(people), needs=int(needs))


# --- the mapping, maintained by federation staff ---------------------------------------------


def clause_topics_page(*, page: int, per_page: int):
    """The mapping, by standard, clause and topic (a page of it)."""
    from portal.models import Standard
    from portal.services.paging import paginate

    return paginate(
        select(ClauseTopic)
        .join(Standard, Standard.id == ClauseTopic.standard_id)
        .order_by(Standard.reference, ClauseTopic.clause_number, ClauseTopic.topic_id),
        page=page,
        per_page=per_page,
    )


def add_clause_topic(standard_id: int, clause_number: str, topic_id: int) -> ClauseTopic:
    """Propose a topic for a clause of a standard; refused for a clause the standard's
    outlines do not have, an inactive topic, or a pair already there."""
    from portal.models import Standard

    clause_number = clause_number.strip()
    standard = db.session.get(Standard, standard_id)
    topic = db.session.get(TrainingTopic, topic_id)
    if standard is None or topic is None or not topic.active:
        raise TrainingError(_("Choose a standard and a training topic of the lists."))
    known = db.session.execute(
        select(StandardClause.id).where(
            StandardClause.standard_id == standard_id, StandardClause.number == clause_number
        )
    ).first()
    if known is None:
        raise TrainingError(
            _(
                "%(standard)s has no clause %(number)s.",
                standard=standard.reference,
                number=clause_number,
            )
        )
    there = db.session.execute(
        select(ClauseTopic.id).where(
            ClauseTopic.standard_id == standard_id,
            ClauseTopic.clause_number == clause_number,
            ClauseTopic.topic_id == topic_id,
        )
    ).first()
    if there is not None:
        raise TrainingError(_("This topic is already proposed for this clause."))
    mapping = ClauseTopic(standard_id=standard_id, clause_number=clause_number, topic_id=topic_id)
    db.session.add(mapping)
    db.session.flush()
    return mapping


def remove_clause_topic(mapping: ClauseTopic, today: date) -> None:
    """Stop proposing a topic for a clause (the row is kept, soft-deleted)."""
    from portal.models.base import utcnow

    mapping.deleted_at = utcnow()
    db.session.flush()
