"""Who may do what: the role -> permission table, object checks and scoped queries.

Three layers (see STYLE): a decorator on the route, loading objects through a query
already scoped to the user (out of scope answers 404), and ``can_*`` checks on objects.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select, false, or_, select, true

from portal.extensions import db
from portal.models import (
    Certificate,
    Ecosystem,
    InfrastructureType,
    Membership,
    MembershipStatus,
    Organisation,
    QualityExpert,
    Role,
    SupportCase,
    User,
)
from portal.models.user import ROLE_ORGANISATION_KIND


class Permission(enum.StrEnum):
    """Something a role may do, whatever the object."""

    MANAGE_PLATFORM = "manage_platform"  # catalogues, ecosystems, settings
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    MANAGE_ECOSYSTEMS = "manage_ecosystems"
    MONITOR_ALL_ECOSYSTEMS = "monitor_all_ecosystems"
    MANAGE_CONVENTIONS = "manage_conventions"
    EXPORT_REPORTS = "export_reports"
    MANAGE_MEMBERS = "manage_members"  # in the ecosystems the user's federation leads
    VALIDATE_TRAINING_NEEDS = "validate_training_needs"
    PLAN_TRAINING_SESSIONS = "plan_training_sessions"
    MANAGE_SUPPORT_CASES = "manage_support_cases"
    RECORD_CONVENTION_PROGRESS = "record_convention_progress"
    EDIT_OWN_ORGANISATION = "edit_own_organisation"
    DECLARE_TRAINING_NEEDS = "declare_training_needs"
    REQUEST_CERTIFICATION_SUPPORT = "request_certification_support"
    SELF_ASSESS = "self_assess"
    ENROL_STAFF = "enrol_staff"
    FILE_SERVICE_REQUESTS = "file_service_requests"
    FILE_COMPLAINTS = "file_complaints"
    PUBLISH_TRAINING_OFFERS = "publish_training_offers"
    RUN_TRAINING_SESSIONS = "run_training_sessions"
    VIEW_TRAINING_DEMAND = "view_training_demand"
    ANSWER_SERVICE_REQUESTS = "answer_service_requests"
    RECORD_AUDITS_AND_CERTIFICATES = "record_audits_and_certificates"
    # Lists a role may open (what they show is still scoped to the user's organisation).
    VIEW_SUPPORT_CASES = "view_support_cases"
    VIEW_CERTIFICATION_PIPELINE = "view_certification_pipeline"
    VIEW_CERTIFICATES = "view_certificates"
    VIEW_SERVICE_REQUESTS = "view_service_requests"
    VIEW_TRAINING_SESSIONS = "view_training_sessions"
    VIEW_TRAINING_NEEDS = "view_training_needs"


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        {
            P.MANAGE_PLATFORM,
            P.MANAGE_USERS,
            P.VIEW_AUDIT_TRAIL,
            P.MANAGE_ECOSYSTEMS,
            P.MANAGE_MEMBERS,
            # Admins stand in for a federation that cannot plan a session itself.
            P.PLAN_TRAINING_SESSIONS,
            P.MANAGE_CONVENTIONS,
            P.MONITOR_ALL_ECOSYSTEMS,
            P.EXPORT_REPORTS,
            P.EDIT_OWN_ORGANISATION,
            P.FILE_COMPLAINTS,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATION_PIPELINE,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
            P.VIEW_TRAINING_DEMAND,
        }
    ),
    Role.MINISTRY_OFFICER: frozenset(
        {
            P.MANAGE_ECOSYSTEMS,
            P.MONITOR_ALL_ECOSYSTEMS,
            P.MANAGE_CONVENTIONS,
            P.EXPORT_REPORTS,
            P.VIEW_TRAINING_DEMAND,
            P.EDIT_OWN_ORGANISATION,
            P.FILE_COMPLAINTS,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATION_PIPELINE,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
        }
    ),
    Role.FEDERATION_STAFF: frozenset(
        {
            P.MANAGE_MEMBERS,
            P.VALIDATE_TRAINING_NEEDS,
            P.PLAN_TRAINING_SESSIONS,
            P.VIEW_TRAINING_DEMAND,
            P.MANAGE_SUPPORT_CASES,
            P.RECORD_CONVENTION_PROGRESS,
            P.RECORD_AUDITS_AND_CERTIFICATES,
            P.EXPORT_REPORTS,
            P.EDIT_OWN_ORGANISATION,
            P.FILE_COMPLAINTS,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATION_PIPELINE,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
        }
    ),
    Role.SME_USER: frozenset(
        {
            P.EDIT_OWN_ORGANISATION,
            P.DECLARE_TRAINING_NEEDS,
            P.REQUEST_CERTIFICATION_SUPPORT,
            P.SELF_ASSESS,
            P.ENROL_STAFF,
            P.FILE_SERVICE_REQUESTS,
            P.FILE_COMPLAINTS,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
        }
    ),
    Role.INSTITUTE_USER: frozenset(
        {
            P.EDIT_OWN_ORGANISATION,
            P.PUBLISH_TRAINING_OFFERS,
            P.RUN_TRAINING_SESSIONS,
            P.VIEW_TRAINING_DEMAND,
            P.FILE_COMPLAINTS,
            P.VIEW_TRAINING_SESSIONS,
        }
    ),
    Role.INFRASTRUCTURE_USER: frozenset(
        {
            P.EDIT_OWN_ORGANISATION,
            P.ANSWER_SERVICE_REQUESTS,
            P.RECORD_AUDITS_AND_CERTIFICATES,
            P.FILE_COMPLAINTS,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
        }
    ),
}


def has_permission(user: Any, permission: Permission) -> bool:
    """Whether the user's role grants the permission (False for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


class HomeKind(enum.StrEnum):
    """Which work queue a signed-in user's home page shows (also the template's name)."""

    ADMIN = "admin"
    MINISTRY = "ministry"
    FEDERATION = "federation"
    COMPANY = "company"
    INSTITUTE = "institute"
    BODY = "body"
    MEMBER = "member"  # any other organisation: its profile and memberships


# The first permission held names the home: the broadest responsibility wins.
HOME_BY_PERMISSION: tuple[tuple[Permission, HomeKind], ...] = (
    (Permission.MANAGE_PLATFORM, HomeKind.ADMIN),
    (Permission.MONITOR_ALL_ECOSYSTEMS, HomeKind.MINISTRY),
    (Permission.MANAGE_MEMBERS, HomeKind.FEDERATION),
    (Permission.DECLARE_TRAINING_NEEDS, HomeKind.COMPANY),
    (Permission.RUN_TRAINING_SESSIONS, HomeKind.INSTITUTE),
    (Permission.ANSWER_SERVICE_REQUESTS, HomeKind.BODY),
)


def home_kind(user: Any) -> HomeKind:
    """The home page a user lands on, named from the permissions the user holds."""
    for permission, kind in HOME_BY_PERMISSION:
        if has_permission(user, permission):
            return kind
    return HomeKind.MEMBER


def can_record_certificates(user: Any) -> bool:
    """Users of a certification body record the certificates it issues."""
    organisation = getattr(user, "organisation", None)
    return (
        has_permission(user, Permission.RECORD_AUDITS_AND_CERTIFICATES)
        and organisation is not None
        and organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY
    )


F = TypeVar("F", bound=Callable[..., Any])


def permission_required(permission: Permission) -> Callable[[F], F]:
    """Route decorator: signed in (else the login page) and holding the permission (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not has_permission(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Route decorator: signed in and holding one of the roles (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator


# --- scopes -------------------------------------------------------------------------


def led_ecosystem_ids(user: User) -> Select:
    """The ecosystems whose lead federation is the user's organisation (as a subquery)."""
    return select(Ecosystem.id).where(Ecosystem.lead_federation_id == user.organisation_id)


def sees_all_organisations(user: User) -> bool:
    """Administrators and ministry officers see every organisation."""
    return user.role in (Role.ADMIN, Role.MINISTRY_OFFICER)


# The members of an ecosystem: their federation's staff edit their profile and follow their
# requests and certificates. A membership that ended (left) or was refused makes no member.
MEMBER_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)
# Whose profile federation staff may read: members, and those asking to join while the
# federation decides.
VISIBLE_MEMBER_STATUSES = (*MEMBER_STATUSES, MembershipStatus.REQUESTED)


def led_member_ids(user: User, statuses: tuple[MembershipStatus, ...] = MEMBER_STATUSES) -> Select:
    """The organisations whose membership of an ecosystem the user's federation leads has one
    of ``statuses`` (as a subquery); by default its members."""
    return select(Membership.organisation_id).where(
        Membership.ecosystem_id.in_(led_ecosystem_ids(user)),
        Membership.status.in_(statuses),
        Membership.deleted_at.is_(None),
    )


def organisation_scope(user: Any):
    """A WHERE clause on Organisation limiting it to what the user may see: all of them for
    the ministry and administrators; for federation staff, their own, the members of the
    ecosystems they lead and those asking to join (not those that left or were refused)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        members = led_member_ids(user, VISIBLE_MEMBER_STATUSES)
        return or_(Organisation.id == user.organisation_id, Organisation.id.in_(members))
    return Organisation.id == user.organisation_id


def visible_organisation_ids(user: Any, ids: list[int]) -> set[int]:
    """Which of the organisations ``ids`` the user may open (one query, for lists' links)."""
    if not ids:
        return set()
    rows = db.session.execute(
        select(Organisation.id).where(Organisation.id.in_(ids), organisation_scope(user))
    )
    return set(rows.scalars())


def scoped_organisations(user: Any) -> Select:
    """SELECT of the organisations the user may see."""
    return select(Organisation).where(organisation_scope(user))


def membership_scope(user: Any):
    """A WHERE clause on Membership: all for the ministry and admins, the led ecosystems'
    for federation staff, the user's own organisation's otherwise."""
    if user is None or not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return Membership.ecosystem_id.in_(led_ecosystem_ids(user))
    return Membership.organisation_id == user.organisation_id


def scoped_memberships(user: Any) -> Select:
    """SELECT of the memberships the user may see."""
    return select(Membership).where(membership_scope(user))


def get_or_404(statement: Select) -> Any:
    """The single row of a scoped SELECT, or 404 (out of scope looks like absent)."""
    obj = db.session.execute(statement).scalars().first()
    if obj is None:
        abort(404)
    return obj


def get_organisation_or_404(user: Any, organisation_id: int) -> Organisation:
    """Load an organisation the user may see, else 404."""
    return get_or_404(scoped_organisations(user).where(Organisation.id == organisation_id))


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Own organisation's users, administrators, and federation staff for the active or
    suspended members of the ecosystems they lead (not a requester: they only read its
    profile while they decide)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    if organisation.id == user.organisation_id:
        return has_permission(user, Permission.EDIT_OWN_ORGANISATION)
    if user.role == Role.FEDERATION_STAFF:
        member = db.session.execute(
            led_member_ids(user).where(Membership.organisation_id == organisation.id).limit(1)
        ).first()
        return member is not None
    return False


# --- ecosystems -----------------------------------------------------------------------------


def can_manage_members(user: Any, ecosystem: Ecosystem) -> bool:
    """Administrators, and staff of the federation that leads the ecosystem."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return (
        user.role == Role.FEDERATION_STAFF and ecosystem.lead_federation_id == user.organisation_id
    )


def can_view_members(user: Any, ecosystem: Ecosystem) -> bool:
    """Who manages the ecosystem's members, and the ministry, which monitors them all."""
    return can_manage_members(user, ecosystem) or has_permission(
        user, Permission.MONITOR_ALL_ECOSYSTEMS
    )


def member_list_ecosystems(user: Any) -> Select:
    """SELECT of the ecosystems whose member list the user may open (as ``can_view_members``
    decides one by one): all for those who monitor every ecosystem, the led ones for staff
    who manage members, none otherwise."""
    query = select(Ecosystem).order_by(Ecosystem.name_fr)
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        return query
    if has_permission(user, Permission.MANAGE_MEMBERS):
        return query.where(Ecosystem.id.in_(led_ecosystem_ids(user)))
    return query.where(false())


def any_permission_required(*permissions: Permission) -> Callable[[F], F]:
    """Route decorator: signed in and holding at least one of the permissions (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not any(has_permission(current_user, p) for p in permissions):
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator


def ecosystem_or_404(slug: str) -> Ecosystem:
    """The live ecosystem with this slug, else 404."""
    return get_or_404(select(Ecosystem).where(Ecosystem.slug == slug))


def members_ecosystem_or_404(user: Any, slug: str, *, manage: bool) -> Ecosystem:
    """The ecosystem whose members the user may see (or manage); others answer 404."""
    ecosystem = ecosystem_or_404(slug)
    allowed = can_manage_members if manage else can_view_members
    if not allowed(user, ecosystem):
        abort(404)
    return ecosystem


def managed_membership_or_404(user: Any, membership_id: int) -> Membership:
    """A membership in an ecosystem the user manages, else 404."""
    membership = get_or_404(scoped_memberships(user).where(Membership.id == membership_id))
    if not can_manage_members(user, membership.ecosystem):
        abort(404)
    return membership


def can_manage_colleagues(user: Any, organisation: Organisation) -> bool:
    """Platform administrators, and the organisation's own administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return user.organisation_id == organisation.id and bool(user.is_org_admin)


def can_invite_first_user(user: Any, organisation: Organisation) -> bool:
    """Administrators, and staff of a federation leading an ecosystem the organisation is an
    active or suspended member of, may invite its first user while it has no active account
    (a company the federation imported, say)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation.kind not in set(ROLE_ORGANISATION_KIND.values()):
        return False
    if user.role != Role.ADMIN:
        if user.role != Role.FEDERATION_STAFF:
            return False
        member = select(Membership.id).where(
            Membership.organisation_id == organisation.id,
            Membership.ecosystem_id.in_(led_ecosystem_ids(user)),
            Membership.status.in_((MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)),
            Membership.deleted_at.is_(None),
        )
        if db.session.execute(member).first() is None:
            return False
    account = select(User.id).where(User.organisation_id == organisation.id, User.active.is_(True))
    return db.session.execute(account).first() is None


def own_organisation_or_404(user: Any, organisation_id: int) -> Organisation:
    """The user's own organisation (any, for administrators), else 404."""
    if user.role != Role.ADMIN and organisation_id != user.organisation_id:
        abort(404)
    return get_or_404(select(Organisation).where(Organisation.id == organisation_id))


# --- certificates -----------------------------------------------------------------------------


def can_change_certificate_status(user: Any, certificate: Certificate) -> bool:
    """Users of the body that issued the certificate (who record certificates), and platform
    administrators, suspend, withdraw or reinstate it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return (
        has_permission(user, Permission.RECORD_AUDITS_AND_CERTIFICATES)
        and user.organisation_id == certificate.issuing_body_id
    )


# --- certification support ------------------------------------------------------------------


def check_required(check: Callable[[Any], bool]) -> Callable[[F], F]:
    """Route decorator: signed in (else the login page) and passing ``check(user)`` (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator


def _expert_ids_of(user: Any) -> Select:
    """The (live) quality-expert profile of the user, as a subquery of ids."""
    return select(QualityExpert.id).where(
        QualityExpert.user_id == user.id, QualityExpert.deleted_at.is_(None)
    )


def case_role_scope(user: Any):
    """WHERE clause on SupportCase by role: the SME's own cases, the cases of the ecosystems a
    federation leads, everything for the ministry and administrators."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return SupportCase.ecosystem_id.in_(led_ecosystem_ids(user))
    if user.role == Role.SME_USER:
        return SupportCase.organisation_id == user.organisation_id
    return false()


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


def can_manage_case(user: Any, case: SupportCase) -> bool:
    """Federation staff of the case's ecosystem (and administrators) run the workflow."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    if user.role != Role.FEDERATION_STAFF:
        return False
    lead = db.session.execute(
        select(Ecosystem.lead_federation_id).where(Ecosystem.id == case.ecosystem_id)
    ).scalar()
    return lead == user.organisation_id


def can_work_on_case(user: Any, case: SupportCase) -> bool:
    """Who fills the case's diagnostics and works on its action plan: the case's SME, the
    federation staff who manage the case (and administrators), and the assigned expert when
    the federation lets them contribute."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.SME_USER and case.organisation_id == user.organisation_id:
        return True
    if can_manage_case(user, case):
        return True
    return bool(case.expert_may_contribute) and is_assigned_expert(user, case)
