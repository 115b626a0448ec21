"""Support cases: asking for support, the stage workflow (accept, move on, close) with every
move kept, the expert and funding of a case, the case list and the case page's read-model, and
the notifications each step sends."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import clock
from portal.authz import can_override_case_gates, listed_case_scope
from portal.extensions import db
from portal.models import (
    CaseKind,
    CaseStage,
    CaseTransition,
    Certificate,
    Ecosystem,
    Nonconformity,
    Organisation,
    OrganisationKind,
    QualityAudit,
    QualityExpert,
    StandardClause,
    SupportCase,
    User,
)
from portal.services.certification.diagnostics import case_clauses, clauses_by_id
from portal.services.certification.errors import CertificationError
from portal.services.certification.gates import missing_for
from portal.services.certification.lookups import ecosystems_by_id, has_open_case
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, in_both_languages, notify
from portal.services.onboarding import federation_staff, organisation_users
from portal.services.paging import paginate

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


# --- workflow -------------------------------------------------------------------------------------


def record_transition(
    case: SupportCase,
    old: CaseStage | None,
    actor: User,
    comment: str,
    override_reason: str = "",
) -> None:
    """Keep one move of the case with date, actor, comment and, when an administrator moved
    it past a gate, the reason."""
    db.session.add(
        CaseTransition(
            case_id=case.id,
            from_stage=old,
            to_stage=case.stage,
            actor_id=actor.id,
            comment=comment.strip(),
            override_reason=override_reason,
        )
    )


def next_stage(case: SupportCase) -> CaseStage | None:
    """The only stage the case may move to next (None once certified or closed)."""
    if case.stage not in OPEN_STAGES:
        return None
    return ORDER[ORDER.index(case.stage) + 1]


def advance(
    case: SupportCase,
    to: CaseStage,
    actor: User,
    comment: str = "",
    *,
    today: date | None = None,
    override_reason: str = "",
) -> None:
    """Move the case one step forward; skipping a step, or moving a finished case, is
    refused, and so is a move past a gate (``gates.missing_for``) unless an administrator
    gives the reason for it. Certifying goes through ``certify`` (it needs the certificate's
    details)."""
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
    if to == CaseStage.CERTIFIED:
        raise CertificationError(_("Record the certificate to mark the case certified."))
    missing = missing_for(case, to, today or clock.today())
    override_reason = (override_reason or "").strip()
    if missing and not (override_reason and can_override_case_gates(actor)):
        raise CertificationError(" ".join(missing))
    old = case.stage
    case.stage = to
    record_transition(case, old, actor, comment, override_reason if missing else "")
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


def tell_company(case: SupportCase, kind: str, **params: Any) -> None:
    """Notify the company's users of a step of its case."""
    notify(
        organisation_users(case.organisation_id),
        kind,
        {"standard": case.standard.reference, **params},
        url_for("certification.case", case_id=case.id),
    )


def tell_company_of_stage(case: SupportCase) -> None:
    """Tell the company the stage its case has reached."""
    stage = case.stage
    tell_company(case, "support_case_advanced", stage=in_both_languages(lambda: stage.label))


def open_case(
    actor: User,
    *,
    ecosystem: Ecosystem,
    standard_id: int,
    kind: CaseKind,
    motivation: str,
) -> SupportCase:
    """A company asks for support towards a standard in one of its ecosystems; the staff of
    the federation leading it are told. A second case under way for the same standard is
    refused (CertificationError)."""
    if has_open_case(actor.organisation_id, standard_id):
        raise CertificationError(
            _("Your company already has a support case under way for this standard.")
        )
    case = SupportCase(
        organisation_id=actor.organisation_id,
        ecosystem_id=ecosystem.id,
        standard_id=standard_id,
        kind=kind,
        stage=CaseStage.REQUESTED,
        motivation=motivation.strip(),
    )
    db.session.add(case)
    db.session.flush()
    record_transition(case, None, actor, "")
    db.session.flush()
    notify(
        federation_staff(ecosystem),
        "support_case_requested",
        {
            "organisation": bilingual(actor.organisation),
            "standard": case.standard.reference,
            "ecosystem": bilingual(ecosystem),
        },
        url_for("certification.case", case_id=case.id),
    )
    return case


def save_case_details(
    case: SupportCase,
    *,
    version: object,
    expert_id: int | None,
    funding_programme: str,
    cofinancing_rate: Any,
    expert_may_contribute: bool,
    consulting_firm_id: int | None = None,
) -> None:
    """Assign the expert and the consulting firm (who are told when newly assigned: the
    expert, and the firm's active users) and record the funding programme and co-financing
    rate; StaleEdit when the case changed since the form was opened."""
    previous_expert = case.expert_id
    previous_firm = case.consulting_firm_id
    firm = db.session.get(Organisation, consulting_firm_id) if consulting_firm_id else None
    if firm is not None and firm.kind != OrganisationKind.CONSULTING_FIRM:
        raise CertificationError(_("Only a consulting firm can be assigned to a case."))
    changes = {
        "expert_id": expert_id or None,
        "consulting_firm_id": firm.id if firm is not None else None,
        "funding_programme": (funding_programme or "").strip(),
        "cofinancing_rate": cofinancing_rate,
        "expert_may_contribute": bool(expert_may_contribute),
    }
    apply_edit(case, version, changes)
    expert = db.session.get(QualityExpert, case.expert_id) if case.expert_id else None
    if expert is not None and case.expert_id != previous_expert:
        notify(
            [expert.user],
            "support_case_expert_assigned",
            {"organisation": bilingual(case.organisation), "standard": case.standard.reference},
            url_for("certification.case", case_id=case.id),
        )
    if firm is not None and case.consulting_firm_id != previous_firm:
        notify(
            organisation_users(firm.id),
            "support_case_firm_assigned",
            {
                "firm": bilingual(firm),
                "organisation": bilingual(case.organisation),
                "standard": case.standard.reference,
            },
            url_for("certification.case", case_id=case.id),
        )


def move_case(
    case: SupportCase,
    to: CaseStage,
    actor: User,
    comment: str = "",
    *,
    today: date | None = None,
    override_reason: str = "",
) -> None:
    """Move the case to its next stage (``advance``) and tell the company."""
    advance(case, to, actor, comment, today=today, override_reason=override_reason)
    tell_company_of_stage(case)


def close_case(case: SupportCase, actor: User, reason: str) -> None:
    """Close the case early (``close_early``) and tell the company why."""
    close_early(case, actor, reason)
    tell_company(case, "support_case_closed", reason=case.closing_reason)


# --- reading ----------------------------------------------------------------------------------


def case_list(
    user: Any, *, stage: CaseStage | None, standard_id: int | None, page: int, per_page: int
) -> Pagination:
    """The support cases the user may open, most recently changed first, filtered by stage
    and standard; read in the order of an index whatever the filter (issue 11)."""
    query = select(SupportCase).where(listed_case_scope(user))
    if stage is not None:
        query = query.where(SupportCase.stage == stage)
    if standard_id:
        query = query.where(SupportCase.standard_id == standard_id)
    return paginate(
        query.order_by(SupportCase.updated_at.desc(), SupportCase.id.desc()).options(
            # The page's companies and standards for its rows only, not joined to every row
            # read and skipped before a deep page.
            selectinload(SupportCase.organisation),
            selectinload(SupportCase.standard),
        ),
        page=page,
        per_page=per_page,
    )


@dataclass
class CaseRecord:
    """What the case page shows beside the case: history, audits and their findings, expert,
    certificate, the stage reached (a closed case shows how far it had come)."""

    case: SupportCase
    ecosystem: Ecosystem | None
    expert: QualityExpert | None
    transitions: list[CaseTransition]
    audits: list[QualityAudit]
    findings: dict[int, list[Nonconformity]] = field(default_factory=dict)
    # Those a new finding may point at (``case_clauses``).
    clauses: list[StandardClause] = field(default_factory=list)
    # Every clause a finding points at, whatever its outline version, by id.
    found_clauses: dict[int, StandardClause] = field(default_factory=dict)
    certificate: Certificate | None = None
    consulting_firm: Organisation | None = None
    reached: CaseStage = CaseStage.REQUESTED
    next_stage: CaseStage | None = None


def case_record(case: SupportCase) -> CaseRecord:
    """The read-model of the case page, in a fixed number of queries."""
    transitions = list(
        db.session.execute(
            select(CaseTransition)
            .where(CaseTransition.case_id == case.id)
            .order_by(CaseTransition.at, CaseTransition.id)
        ).scalars()
    )
    audits = list(
        db.session.execute(
            select(QualityAudit)
            .where(QualityAudit.case_id == case.id)
            .order_by(QualityAudit.held_on, QualityAudit.id)
        ).scalars()
    )
    findings: dict[int, list[Nonconformity]] = defaultdict(list)
    if audits:
        for finding in db.session.execute(
            select(Nonconformity)
            .where(Nonconformity.audit_id.in_([a.id for a in audits]))
            .order_by(Nonconformity.id)
        ).scalars():
            findings[finding.audit_id].append(finding)
    expert = None
    if case.expert_id:
        expert = db.session.execute(
            select(QualityExpert)
            .where(QualityExpert.id == case.expert_id)
            .execution_options(include_deleted=True)
        ).scalar()
    firm = None
    if case.consulting_firm_id:
        firm = db.session.execute(
            select(Organisation)
            .where(Organisation.id == case.consulting_firm_id)
            .execution_options(include_deleted=True)
        ).scalar()
    certificate = db.session.execute(
        select(Certificate).where(Certificate.case_id == case.id)
    ).scalar()
    reached = case.stage
    if case.stage == CaseStage.CLOSED:
        closing = [t for t in transitions if t.to_stage == CaseStage.CLOSED]
        reached = closing[-1].from_stage if closing else CaseStage.REQUESTED
    return CaseRecord(
        case=case,
        ecosystem=ecosystems_by_id([case.ecosystem_id]).get(case.ecosystem_id),
        expert=expert,
        transitions=transitions,
        audits=audits,
        findings=findings,
        clauses=case_clauses(case),
        found_clauses=clauses_by_id(
            {f.clause_id for group in findings.values() for f in group if f.clause_id}
        ),
        certificate=certificate,
        consulting_firm=firm,
        reached=reached,
        next_stage=next_stage(case),
    )
