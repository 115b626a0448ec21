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
from portal.models import Ecosystem, Membership, Organisation, Role, User


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


def organisation_scope(user: Any):
    """A WHERE clause on Organisation limiting it to what the user may see."""
    if user is None or not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        members = select(Membership.organisation_id).where(
            Membership.ecosystem_id.in_(led_ecosystem_ids(user))
        )
        return or_(Organisation.id == user.organisation_id, Organisation.id.in_(members))
    return Organisation.id == user.organisation_id


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
    """Own organisation's users, federation staff for their members, administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    if organisation.id == user.organisation_id:
        return has_permission(user, Permission.EDIT_OWN_ORGANISATION)
    if user.role == Role.FEDERATION_STAFF:
        led = db.session.execute(
            select(Membership.id).where(
                Membership.organisation_id == organisation.id,
                Membership.ecosystem_id.in_(led_ecosystem_ids(user)),
            )
        ).first()
        return led is not None
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


def own_organisation_or_404(user: Any, organisation_id: int) -> Organisation:
    """The user's own organisation (any, for administrators), else 404."""
    if user.role != Role.ADMIN and organisation_id != user.organisation_id:
        abort(404)
    return get_or_404(select(Organisation).where(Organisation.id == organisation_id))
