"""Certification support: support cases (by role, as their assigned expert, or as a
consultant of their assigned consulting firm), their workflow and diagnostics, certificates
and who records or changes them."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import Select, false, or_, select, true

from portal.authz.core import Permission, get_or_404, has_permission, has_role
from portal.authz.organisations import (
    led_ecosystem_ids,
    led_member_ids,
    sees_all_organisations,
)
from portal.extensions import db
from portal.models import (
    ActionItem,
    CasePhase,
    Certificate,
    ClauseQuestion,
    Diagnostic,
    DiagnosticAnswer,
    Ecosystem,
    InfrastructureType,
    Membership,
    Nonconformity,
    QualityAudit,
    QualityExpert,
    QualityObjective,
    Role,
    Standard,
    StandardClause,
    StandardOutline,
    SteeringMeeting,
    SupportCase,
)


def led_member(user: Any, organisation_id: Any):
    """WHERE clause: the organisation (a column of the outer query) is a member of an
    ecosystem the user's federation leads. A correlated EXISTS, probed row by row through the
    memberships' (organisation, ecosystem) key, so a list read in its indexed order stops at
    its page instead of first gathering every member of the ecosystems (issue 11)."""
    return led_member_ids(user).where(Membership.organisation_id == organisation_id).exists()


def _expert_ids_of(user: Any) -> Select:
    """The (live) quality-expert profile of the user, as a subquery of ids."""
    return select(QualityExpert.id).where(
        QualityExpert.user_id == user.id, QualityExpert.deleted_at.is_(None)
    )


def case_role_scope(user: Any):
    """WHERE clause on SupportCase by role: the beneficiary's own cases (a company's or a
    public body's), the cases of the ecosystems a federation leads, the cases a consultant's
    firm is assigned to, everything for the ministry and administrators."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return SupportCase.ecosystem_id.in_(led_ecosystem_ids(user))
    if user.role == Role.SME_USER:
        return SupportCase.organisation_id == user.organisation_id
    if user.role == Role.CONSULTANT:
        return assigned_firm_scope(user)
    return false()


def assigned_firm_scope(user: Any):
    """WHERE clause on SupportCase: the cases the consultant's firm is assigned to (a case
    the firm is taken off leaves it)."""
    if not has_role(user, Role.CONSULTANT):
        return false()
    return SupportCase.consulting_firm_id == user.organisation_id


def assigned_expert_scope(user: Any):
    """WHERE clause on SupportCase: the cases whose assigned quality expert is the user,
    whatever the user's role and organisation (a reassigned case leaves it)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    return SupportCase.expert_id.in_(_expert_ids_of(user))


def case_scope(user: Any):
    """WHERE clause on SupportCase: what the user may open (by role, or as its expert)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    return or_(case_role_scope(user), assigned_expert_scope(user))


def listed_case_scope(user: Any):
    """``case_scope`` for the case list, with the user's ecosystems and expert profile looked
    up first (two small queries): its WHERE is then plain equalities on values, which the
    list's (scope column, updated_at, id) indexes serve in the list's order, instead of an OR
    of subqueries that makes the database gather and sort every case in scope (issue 11)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        ecosystems = list(db.session.execute(led_ecosystem_ids(user)).scalars())
        role_scope = _equal_or_in(SupportCase.ecosystem_id, ecosystems)
    elif user.role == Role.SME_USER:
        role_scope = SupportCase.organisation_id == user.organisation_id
    elif user.role == Role.CONSULTANT:
        role_scope = assigned_firm_scope(user)
    else:
        role_scope = false()
    experts = list(db.session.execute(_expert_ids_of(user)).scalars())
    if not experts:
        return role_scope
    return or_(role_scope, _equal_or_in(SupportCase.expert_id, experts))


def _equal_or_in(column: Any, values: list[int]):
    if not values:
        return false()
    if len(values) == 1:
        return column == values[0]
    return column.in_(values)


def scoped_cases(user: Any) -> Select:
    """SELECT of the support cases the user may open."""
    return select(SupportCase).where(case_scope(user))


def is_quality_expert(user: Any) -> bool:
    """Whether the user has a quality-expert profile (and so may be assigned cases)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.execute(_expert_ids_of(user)).first() is not None


def can_list_support_cases(user: Any) -> bool:
    """Who has a list of support cases: those whose role follows cases, and quality experts
    (the cases they are assigned to)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return has_permission(user, Permission.VIEW_SUPPORT_CASES) or is_quality_expert(user)


def is_assigned_expert(user: Any, case: SupportCase) -> bool:
    """Whether the user is the quality expert assigned to the case."""
    if not getattr(user, "is_authenticated", False) or case.expert_id is None:
        return False
    mine = _expert_ids_of(user).where(QualityExpert.id == case.expert_id)
    return db.session.execute(mine).first() is not None


def is_assigned_consultant(user: Any, case: SupportCase) -> bool:
    """Whether the user is a consultant of the consulting firm assigned to the case."""
    return (
        has_role(user, Role.CONSULTANT)
        and case.consulting_firm_id is not None
        and case.consulting_firm_id == user.organisation_id
    )


def can_manage_case(user: Any, case: SupportCase) -> bool:
    """Federation staff of the case's ecosystem (and administrators) run the workflow."""
    if not has_permission(user, Permission.MANAGE_SUPPORT_CASES):
        return False
    if has_role(user, Role.ADMIN):  # admins stand in for any federation
        return True
    lead = db.session.execute(
        select(Ecosystem.lead_federation_id).where(Ecosystem.id == case.ecosystem_id)
    ).scalar()
    return lead == user.organisation_id


def can_work_on_case(user: Any, case: SupportCase) -> bool:
    """Who fills the case's diagnostics and works on its action plan: the case's beneficiary,
    the federation staff who manage the case (and administrators), and the assigned expert
    and the consultants of the assigned consulting firm when the federation lets them
    contribute (one setting, ``expert_may_contribute``, for both)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.SME_USER and case.organisation_id == user.organisation_id:
        return True
    if can_manage_case(user, case):
        return True
    if not case.expert_may_contribute:
        return False
    return is_assigned_consultant(user, case) or is_assigned_expert(user, case)


def certificate_scope(user: Any):
    """WHERE clause on Certificate: holders see theirs, bodies the ones they issued,
    federations their members', the ministry all."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if user.role == Role.SME_USER:
        return Certificate.organisation_id == user.organisation_id
    if user.role == Role.INFRASTRUCTURE_USER:
        return Certificate.issuing_body_id == user.organisation_id
    if user.role == Role.FEDERATION_STAFF:
        return led_member(user, Certificate.organisation_id)
    return false()


def can_open_certificate(user: Any, certificate: Certificate) -> bool:
    """Whether the certificate's page opens for the user (one query on ``certificate_scope``):
    a case's page links its certificate only then — a consultant works on the case but does
    not hold the beneficiary's certificates."""
    return has_permission(user, Permission.VIEW_CERTIFICATES) and (
        db.session.execute(
            select(Certificate.id).where(certificate_scope(user), Certificate.id == certificate.id)
        ).first()
        is not None
    )


def issues_certificates(user: Any) -> bool:
    """Users of a certification body record the certificates it issues (ISSUE_CERTIFICATES),
    valid at once, and confirm those a federation recorded as issued by it."""
    organisation = getattr(user, "organisation", None)
    return (
        has_permission(user, Permission.ISSUE_CERTIFICATES)
        and organisation is not None
        and organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY
    )


def records_member_certificates(user: Any) -> bool:
    """Federation staff record a certificate held by a member of an ecosystem they lead
    (RECORD_MEMBER_CERTIFICATES); it awaits the confirmation of the body they name."""
    return has_permission(user, Permission.RECORD_MEMBER_CERTIFICATES)


def can_record_certificates(user: Any) -> bool:
    """Who records a certificate issued outside any support case: a certification body's
    users (``issues_certificates``) and federation staff for their members
    (``records_member_certificates``)."""
    return issues_certificates(user) or records_member_certificates(user)


def can_confirm_certificate(user: Any, certificate: Certificate) -> bool:
    """Users of the issuing body confirm or reject a certificate a federation recorded."""
    return issues_certificates(user) and user.organisation_id == certificate.issuing_body_id


def can_change_certificate_status(user: Any, certificate: Certificate) -> bool:
    """Who suspends, withdraws or reinstates a certificate (CHANGE_CERTIFICATE_STATUS):
    administrators any certificate, a body's users only the certificates it issued."""
    if not has_permission(user, Permission.CHANGE_CERTIFICATE_STATUS):
        return False
    if has_role(user, Role.ADMIN):
        return True
    return user.organisation_id == certificate.issuing_body_id


def can_see_pipeline(user: Any) -> bool:
    """Whether the cases page links to the pipeline: those who manage cases or monitor every
    ecosystem."""
    return has_permission(user, Permission.MANAGE_SUPPORT_CASES) or has_permission(
        user, Permission.MONITOR_ALL_ECOSYSTEMS
    )


# --- scoped loaders (out of scope answers 404; in scope but not allowed, 403) -------------------


def case_or_404(user: Any, case_id: int) -> SupportCase:
    """A support case the user may open, else 404."""
    return get_or_404(scoped_cases(user).where(SupportCase.id == case_id))


def case_in_scope(user: Any, case_id: int | None) -> bool:
    """Whether the user may open the support case of that id."""
    if case_id is None:
        return False
    statement = select(SupportCase.id).where(case_scope(user), SupportCase.id == case_id)
    return db.session.execute(statement).first() is not None


def managed_case_or_404(user: Any, case_id: int) -> SupportCase:
    """A case in the user's scope whose workflow the user runs (else 404, or 403)."""
    case = case_or_404(user, case_id)
    if not can_manage_case(user, case):
        abort(403)
    return case


def workable_case_or_404(user: Any, case_id: int) -> SupportCase:
    """A case in the user's scope whose diagnostics and plan the user works on (else 404, or
    403)."""
    case = case_or_404(user, case_id)
    if not can_work_on_case(user, case):
        abort(403)
    return case


def audit_or_404(case: SupportCase, audit_id: int) -> QualityAudit:
    """An audit of a case already loaded in scope, else 404."""
    return get_or_404(
        select(QualityAudit).where(QualityAudit.id == audit_id, QualityAudit.case_id == case.id)
    )


def nonconformity_or_404(case: SupportCase, nonconformity_id: int) -> Nonconformity:
    """A nonconformity of an audit of a case already loaded in scope, else 404."""
    return get_or_404(
        select(Nonconformity)
        .join(QualityAudit, QualityAudit.id == Nonconformity.audit_id)
        .where(Nonconformity.id == nonconformity_id, QualityAudit.case_id == case.id)
    )


def diagnostic_or_404(case: SupportCase, number: int) -> Diagnostic:
    """The diagnostic of that number of a case already loaded in scope, else 404."""
    return get_or_404(
        select(Diagnostic).where(Diagnostic.case_id == case.id, Diagnostic.number == number)
    )


# --- the standards catalogue (MANAGE_STANDARDS: the route guard; nothing is scoped) ---------


def catalogue_standard_or_404(standard_id: int) -> Standard:
    """A standard of the catalogue, even one taken out of it (not a deleted one), else 404."""
    return get_or_404(select(Standard).where(Standard.id == standard_id))


def outline_draft_or_404(standard: Standard) -> StandardOutline:
    """The draft of a standard's next outline version, else 404 (none being prepared)."""
    return get_or_404(
        select(StandardOutline).where(
            StandardOutline.standard_id == standard.id, StandardOutline.published.is_(False)
        )
    )


def draft_clause_or_404(draft: StandardOutline, clause_id: int) -> StandardClause:
    """A live clause of the draft (never one of a published version), else 404."""
    return get_or_404(
        select(StandardClause).where(
            StandardClause.id == clause_id, StandardClause.outline_id == draft.id
        )
    )


def clause_question_or_404(clause: StandardClause, question_id: int) -> ClauseQuestion:
    """A live guidance question of the clause, else 404."""
    return get_or_404(
        select(ClauseQuestion).where(
            ClauseQuestion.id == question_id, ClauseQuestion.clause_id == clause.id
        )
    )


def evidence_answer_or_404(diagnostic: Diagnostic, answer_id: int) -> DiagnosticAnswer:
    """An answer of the diagnostic that has an evidence file, else 404."""
    return get_or_404(
        select(DiagnosticAnswer).where(
            DiagnosticAnswer.id == answer_id,
            DiagnosticAnswer.diagnostic_id == diagnostic.id,
            DiagnosticAnswer.evidence_file.is_not(None),
        )
    )


def action_item_or_404(case: SupportCase, item_id: int) -> ActionItem:
    """An action of the plan of a case already loaded in scope, else 404."""
    return get_or_404(
        select(ActionItem).where(ActionItem.id == item_id, ActionItem.case_id == case.id)
    )


def phase_or_404(case: SupportCase, phase_id: int) -> CasePhase:
    """A phase of the plan of a case already loaded in scope, else 404."""
    return get_or_404(
        select(CasePhase).where(CasePhase.id == phase_id, CasePhase.case_id == case.id)
    )


def meeting_or_404(case: SupportCase, meeting_id: int) -> SteeringMeeting:
    """A steering committee meeting of a case already loaded in scope, else 404."""
    return get_or_404(
        select(SteeringMeeting).where(
            SteeringMeeting.id == meeting_id, SteeringMeeting.case_id == case.id
        )
    )


def objective_or_404(case: SupportCase, objective_id: int) -> QualityObjective:
    """A live quality objective of the organisation of a case already loaded in scope, else
    404."""
    return get_or_404(
        select(QualityObjective).where(
            QualityObjective.id == objective_id,
            QualityObjective.organisation_id == case.organisation_id,
        )
    )


def certificate_or_404(user: Any, certificate_id: int) -> Certificate:
    """A certificate the user may see, else 404."""
    return get_or_404(
        select(Certificate).where(certificate_scope(user), Certificate.id == certificate_id)
    )


def changeable_certificate_or_404(user: Any, certificate_id: int) -> Certificate:
    """A certificate the user may see (else 404) and whose status the user changes (else
    403)."""
    certificate = certificate_or_404(user, certificate_id)
    if not can_change_certificate_status(user, certificate):
        abort(403)
    return certificate


def can_override_case_gates(user: Any) -> bool:
    """Whether the user may move a support case past a gate it has not passed (with a
    reason): administrators."""
    return has_permission(user, Permission.OVERRIDE_CASE_GATES)


def can_record_certificate_audits(user: Any, certificate: Certificate) -> bool:
    """Who records the surveillance and recertification audits held on a certificate: the
    issuing body's users, and administrators (as for its status)."""
    return can_change_certificate_status(user, certificate)


def confirmable_certificate_or_404(user: Any, certificate_id: int) -> Certificate:
    """A certificate the user may see (else 404) and confirm or reject as a user of its
    issuing body (else 403)."""
    certificate = certificate_or_404(user, certificate_id)
    if not can_confirm_certificate(user, certificate):
        abort(403)
    return certificate


def auditable_certificate_or_404(user: Any, certificate_id: int) -> Certificate:
    """A certificate the user may see (else 404) and record audits on (else 403)."""
    certificate = certificate_or_404(user, certificate_id)
    if not can_record_certificate_audits(user, certificate):
        abort(403)
    return certificate
