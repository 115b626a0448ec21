"""Certification support: who sees which case, the stage workflow, diagnostics' readiness
and comparison, drafting an action plan, certifying, verifying certificates, the pipeline."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.authz import case_role_scope, certificate_scope, request_scope
from portal.extensions import db
from portal.models import (
    ActionItem,
    CaseStage,
    CaseTransition,
    Certificate,
    CertificateStatus,
    Diagnostic,
    DiagnosticAnswer,
    InfrastructureType,
    Organisation,
    Rating,
    ServiceRequest,
    StandardClause,
    SupportCase,
    User,
    add_months,
)
from portal.models.certification import CERTIFICATE_CYCLE_MONTHS

ORDER = [
    CaseStage.REQUESTED,
    CaseStage.ACCEPTED,
    CaseStage.DIAGNOSTIC,
    CaseStage.ACTION_PLAN,
    CaseStage.IMPLEMENTATION,
    CaseStage.INTERNAL_AUDIT,
    CaseStage.CERTIFICATION_AUDIT,
    CaseStage.CERTIFIED,
]
OPEN_STAGES = ORDER[:-1]
EXPIRING_WITHIN_DAYS = 90
RESPONSE_DAYS = 15


class CertificationError(ValueError):
    """A step the rules refuse; the message is translated."""


# --- scopes -------------------------------------------------------------------------------------
# Who may open and work on which support case is decided in portal.authz (case_scope...).


# --- workflow -------------------------------------------------------------------------------------


def record_transition(case: SupportCase, old: CaseStage | None, actor: User, comment: str) -> None:
    """Keep one move of the case with date, actor and comment."""
    db.session.add(
        CaseTransition(
            case_id=case.id,
            from_stage=old,
            to_stage=case.stage,
            actor_id=actor.id,
            comment=comment.strip(),
        )
    )


def next_stage(case: SupportCase) -> CaseStage | None:
    """The only stage the case may move to next (None once certified or closed)."""
    if case.stage not in OPEN_STAGES:
        return None
    return ORDER[ORDER.index(case.stage) + 1]


def advance(case: SupportCase, to: CaseStage, actor: User, comment: str = "") -> None:
    """Move the case one step forward; skipping a step, or moving a finished case, is
    refused. Certifying goes through ``certify`` (it needs the certificate's details)."""
    expected = next_stage(case)
    if expected is None:
        raise CertificationError(_("This case is finished; its stage cannot change."))
    if to != expected:
        raise CertificationError(
            _(
                "A case at the stage %(current)s can only move to %(next)s, not to %(target)s.",
                current=case.stage.label,
                next=expected.label,
                target=to.label,
            )
        )
    if to == CaseStage.ACTION_PLAN and not completed_diagnostics(case):
        raise CertificationError(_("Complete a diagnostic before drafting the action plan."))
    if to == CaseStage.CERTIFIED:
        raise CertificationError(_("Record the certificate to mark the case certified."))
    old = case.stage
    case.stage = to
    record_transition(case, old, actor, comment)
    db.session.flush()


def close_early(case: SupportCase, actor: User, reason: str) -> None:
    """End a case before certification (declined request, SME withdraws...)."""
    if case.stage not in OPEN_STAGES:
        raise CertificationError(_("This case is finished; its stage cannot change."))
    if not reason.strip():
        raise CertificationError(_("Give the reason for closing the case."))
    old = case.stage
    case.stage = CaseStage.CLOSED
    case.closing_reason = reason.strip()
    record_transition(case, old, actor, reason)
    db.session.flush()


def certify(
    case: SupportCase,
    actor: User,
    *,
    number: str,
    issuing_body: Organisation,
    issued_on: date,
    scope_fr: str,
    scope_ar: str,
) -> Certificate:
    """The certification audit succeeded: record the certificate and close the case as
    certified."""
    if case.stage != CaseStage.CERTIFICATION_AUDIT:
        raise CertificationError(
            _("Only a case at the certification audit stage can be certified.")
        )
    if issuing_body.infrastructure_type != InfrastructureType.CERTIFICATION_BODY:
        raise CertificationError(_("The issuing body must be a certification body."))
    number = number.strip()
    if not number:
        raise CertificationError(_("Give the certificate number."))
    taken = db.session.execute(
        select(Certificate.id)
        .where(func.upper(Certificate.number) == number.upper())
        .execution_options(include_deleted=True)
    ).first()
    if taken:
        raise CertificationError(_("A certificate with this number already exists."))
    certificate = Certificate(
        number=number,
        organisation_id=case.organisation_id,
        standard_id=case.standard_id,
        issuing_body_id=issuing_body.id,
        case_id=case.id,
        scope_fr=scope_fr,
        scope_ar=scope_ar,
        issued_on=issued_on,
        status=CertificateStatus.VALID,
    )
    db.session.add(certificate)
    old = case.stage
    case.stage = CaseStage.CERTIFIED
    record_transition(case, old, actor, _("Certificate %(number)s", number=number))
    db.session.flush()
    return certificate


def find_certificate(number: str) -> Certificate | None:
    """A certificate by its number (case and surrounding spaces ignored)."""
    number = (number or "").strip()
    if not number or len(number) > 80:
        return None
    return db.session.execute(
        select(Certificate).where(func.upper(Certificate.number) == number.upper())
    ).scalar()


# --- diagnostics ---------------------------------------------------------------------------------


def clauses_of(standard_id: int) -> list[StandardClause]:
    """The clause outline of a standard, in order."""
    return list(
        db.session.execute(
            select(StandardClause)
            .where(StandardClause.standard_id == standard_id)
            .order_by(StandardClause.position)
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
    answers = {
        a.clause_id: a
        for a in db.session.execute(
            select(DiagnosticAnswer).where(DiagnosticAnswer.diagnostic_id == diagnostic.id)
        ).scalars()
    }
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


# --- pipeline ---------------------------------------------------------------------------------


def last_issue_expired_by(day: date) -> date:
    """The latest issue date whose certificate has expired on ``day`` (the same rule as
    ``Certificate.is_expired``, month arithmetic included), so SQL can compare issue dates."""
    candidate = add_months(day, -CERTIFICATE_CYCLE_MONTHS)
    while add_months(candidate + timedelta(days=1), CERTIFICATE_CYCLE_MONTHS) <= day:
        candidate += timedelta(days=1)
    while add_months(candidate, CERTIFICATE_CYCLE_MONTHS) > day:
        candidate -= timedelta(days=1)
    return candidate


@dataclass
class Pipeline:
    """Cases by stage and certificates valid and expiring, computed in SQL."""

    by_stage: dict[str, int]
    valid_certificates: int
    expiring_soon: list[Certificate]
    overdue_requests: int


def pipeline(user: Any, today: date) -> Pipeline:
    """The ecosystem pipeline the user may see, in a fixed number of queries."""
    by_stage = dict(
        db.session.execute(
            select(SupportCase.stage, func.count(SupportCase.id))
            .where(case_role_scope(user))
            .group_by(SupportCase.stage)
        ).all()
    )
    # Expiry is issue + 36 months: valid now means issued after today - 36 months.
    from portal.models import add_months

    earliest_valid = add_months(today, -36)
    expiring_from = add_months(today + timedelta(days=EXPIRING_WITHIN_DAYS), -36)
    valid = select(Certificate).where(
        certificate_scope(user),
        Certificate.status == CertificateStatus.VALID,
        Certificate.issued_on > earliest_valid,
    )
    valid_count = db.session.execute(
        select(func.count()).select_from(valid.subquery())
    ).scalar_one()
    expiring = list(
        db.session.execute(
            valid.where(Certificate.issued_on <= expiring_from).order_by(Certificate.issued_on)
        ).scalars()
    )
    overdue = db.session.execute(
        select(func.count(ServiceRequest.id)).where(
            request_scope(user),
            ServiceRequest.status.in_(("submitted", "accepted")),
            ServiceRequest.respond_by < today,
        )
    ).scalar_one()
    return Pipeline(
        by_stage={stage.value: count for stage, count in by_stage.items()},
        valid_certificates=valid_count,
        expiring_soon=expiring,
        overdue_requests=overdue,
    )
