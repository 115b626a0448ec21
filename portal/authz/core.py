"""The core of the access policy: named permissions, the role -> permission table, and the
route decorators and loaders every domain module of the package builds on.

Three layers (see STYLE): a decorator on the route naming a permission (or a predicate of
this package), loading objects through a query already scoped to the user (out of scope
answers 404), and ``can_*`` checks on objects. Roles appear here and in the domain modules of
this package only: everything else asks a permission or a predicate.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select

from portal.extensions import db
from portal.models import Role


class Permission(enum.StrEnum):
    """Something a role may do, whatever the object."""

    MANAGE_PLATFORM = "manage_platform"  # the platform as a whole: the administrator's home
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    MANAGE_ECOSYSTEMS = "manage_ecosystems"
    MONITOR_ALL_ECOSYSTEMS = "monitor_all_ecosystems"
    MANAGE_CONVENTIONS = "manage_conventions"
    MANAGE_MEMBERS = "manage_members"  # in the ecosystems the user's federation leads
    VALIDATE_TRAINING_NEEDS = "validate_training_needs"
    PLAN_TRAINING_SESSIONS = "plan_training_sessions"
    MANAGE_SUPPORT_CASES = "manage_support_cases"
    RECORD_CONVENTION_PROGRESS = "record_convention_progress"
    EDIT_OWN_ORGANISATION = "edit_own_organisation"
    DECLARE_TRAINING_NEEDS = "declare_training_needs"
    REQUEST_CERTIFICATION_SUPPORT = "request_certification_support"
    ENROL_STAFF = "enrol_staff"
    FILE_SERVICE_REQUESTS = "file_service_requests"
    PUBLISH_TRAINING_OFFERS = "publish_training_offers"
    RUN_TRAINING_SESSIONS = "run_training_sessions"
    VIEW_TRAINING_DEMAND = "view_training_demand"
    ANSWER_SERVICE_REQUESTS = "answer_service_requests"
    ISSUE_CERTIFICATES = "issue_certificates"  # a certification body's staff
    # A federation records a certificate of one of its members; its body confirms it.
    RECORD_MEMBER_CERTIFICATES = "record_member_certificates"
    CHANGE_CERTIFICATE_STATUS = "change_certificate_status"  # admin any, a body its own
    # Lists a role may open (what they show is still scoped to the user's organisation).
    VIEW_SUPPORT_CASES = "view_support_cases"
    VIEW_CERTIFICATION_PIPELINE = "view_certification_pipeline"
    VIEW_CERTIFICATES = "view_certificates"
    VIEW_SERVICE_REQUESTS = "view_service_requests"
    # The bodies' figures on service requests (a body its own; federations over their
    # members' requests; the ministry every body).
    VIEW_SERVICE_FIGURES = "view_service_figures"
    VIEW_TRAINING_SESSIONS = "view_training_sessions"
    VIEW_TRAINING_NEEDS = "view_training_needs"
    # Training: the shared topic catalogue, and the sessions export (not companies').
    MANAGE_TRAINING_TOPICS = "manage_training_topics"
    EXPORT_TRAINING_SESSIONS = "export_training_sessions"
    # Complaints and suggestions: every signed-in user files them; those who serve others
    # answer the ones concerning their organisation (and, once escalated, federations and
    # the ministry theirs).
    FILE_COMPLAINTS = "file_complaints"
    HANDLE_COMPLAINTS = "handle_complaints"
    # Satisfaction surveys: built by administrators (the programme's) and federations (their
    # ecosystems'); their results read by the staff concerned.
    MANAGE_SURVEYS = "manage_surveys"
    VIEW_SURVEY_RESULTS = "view_survey_results"
    # The programme's dashboards: the cockpit over every ecosystem (with
    # MONITOR_ALL_ECOSYSTEMS), a federation's over those it leads; and the quarterly report.
    VIEW_DASHBOARD = "view_dashboard"
    # Move a support case past a gate it has not passed, with a reason (administrators).
    OVERRIDE_CASE_GATES = "override_case_gates"
    # A consulting firm's consultants work on the support cases their firm is assigned to
    # (and only those): names the consultant's home.
    CONSULT_ON_CASES = "consult_on_cases"
    # The standards catalogue: standards, their clause outline versions and the guidance
    # questions shown while rating (administrators).
    MANAGE_STANDARDS = "manage_standards"
    # Who offers what (issue 15): a body's or centre's own service catalogue (entries and the
    # accreditations covering them); the catalogues, read by those who file or follow
    # requests; the infrastructure needs companies declare; the demand as a whole (bodies and
    # centres see counts only: can_open_service_demand_cells).
    MANAGE_SERVICE_CATALOGUE = "manage_service_catalogue"
    VIEW_SERVICE_CATALOGUES = "view_service_catalogues"
    DECLARE_INFRASTRUCTURE_NEEDS = "declare_infrastructure_needs"
    VIEW_INFRASTRUCTURE_NEEDS = "view_infrastructure_needs"
    VIEW_SERVICE_DEMAND = "view_service_demand"


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        {
            P.VIEW_SERVICE_CATALOGUES,
            P.VIEW_INFRASTRUCTURE_NEEDS,
            P.VIEW_SERVICE_DEMAND,
            P.VIEW_DASHBOARD,
            P.OVERRIDE_CASE_GATES,
            P.MANAGE_STANDARDS,
            P.MANAGE_SURVEYS,
            P.VIEW_SURVEY_RESULTS,
            P.FILE_COMPLAINTS,
            P.HANDLE_COMPLAINTS,
            P.MANAGE_PLATFORM,
            P.VIEW_AUDIT_TRAIL,
            P.MANAGE_ECOSYSTEMS,
            P.MANAGE_MEMBERS,
            # Admins stand in for a federation that cannot plan a session itself.
            P.PLAN_TRAINING_SESSIONS,
            # ... and run support cases in any ecosystem, and change any certificate's status.
            P.MANAGE_SUPPORT_CASES,
            P.CHANGE_CERTIFICATE_STATUS,
            P.VALIDATE_TRAINING_NEEDS,
            P.MANAGE_TRAINING_TOPICS,
            P.EXPORT_TRAINING_SESSIONS,
            P.MANAGE_CONVENTIONS,
            P.MONITOR_ALL_ECOSYSTEMS,
            P.EDIT_OWN_ORGANISATION,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATION_PIPELINE,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_SERVICE_FIGURES,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
            P.VIEW_TRAINING_DEMAND,
        }
    ),
    Role.MINISTRY_OFFICER: frozenset(
        {
            P.VIEW_SERVICE_CATALOGUES,
            P.VIEW_INFRASTRUCTURE_NEEDS,
            P.VIEW_SERVICE_DEMAND,
            P.VIEW_DASHBOARD,
            P.VIEW_SURVEY_RESULTS,
            P.FILE_COMPLAINTS,
            P.HANDLE_COMPLAINTS,
            P.MANAGE_ECOSYSTEMS,
            P.MONITOR_ALL_ECOSYSTEMS,
            P.MANAGE_CONVENTIONS,
            P.VIEW_TRAINING_DEMAND,
            P.EXPORT_TRAINING_SESSIONS,
            P.EDIT_OWN_ORGANISATION,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATION_PIPELINE,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_SERVICE_FIGURES,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
        }
    ),
    Role.FEDERATION_STAFF: frozenset(
        {
            P.VIEW_SERVICE_CATALOGUES,
            P.VIEW_INFRASTRUCTURE_NEEDS,
            P.VIEW_SERVICE_DEMAND,
            P.VIEW_DASHBOARD,
            P.MANAGE_SURVEYS,
            P.VIEW_SURVEY_RESULTS,
            P.FILE_COMPLAINTS,
            P.HANDLE_COMPLAINTS,
            P.MANAGE_MEMBERS,
            P.VALIDATE_TRAINING_NEEDS,
            P.PLAN_TRAINING_SESSIONS,
            P.VIEW_TRAINING_DEMAND,
            P.MANAGE_TRAINING_TOPICS,
            P.EXPORT_TRAINING_SESSIONS,
            P.MANAGE_SUPPORT_CASES,
            P.RECORD_MEMBER_CERTIFICATES,
            P.RECORD_CONVENTION_PROGRESS,
            P.EDIT_OWN_ORGANISATION,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATION_PIPELINE,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_SERVICE_FIGURES,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
        }
    ),
    Role.SME_USER: frozenset(
        {
            P.VIEW_SERVICE_CATALOGUES,
            P.VIEW_INFRASTRUCTURE_NEEDS,
            P.DECLARE_INFRASTRUCTURE_NEEDS,
            P.FILE_COMPLAINTS,
            P.EDIT_OWN_ORGANISATION,
            P.DECLARE_TRAINING_NEEDS,
            P.REQUEST_CERTIFICATION_SUPPORT,
            P.ENROL_STAFF,
            P.FILE_SERVICE_REQUESTS,
            P.VIEW_SUPPORT_CASES,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_TRAINING_SESSIONS,
            P.VIEW_TRAINING_NEEDS,
        }
    ),
    Role.INSTITUTE_USER: frozenset(
        {
            P.VIEW_SURVEY_RESULTS,
            P.FILE_COMPLAINTS,
            P.HANDLE_COMPLAINTS,
            P.EDIT_OWN_ORGANISATION,
            P.PUBLISH_TRAINING_OFFERS,
            P.RUN_TRAINING_SESSIONS,
            P.VIEW_TRAINING_DEMAND,
            P.EXPORT_TRAINING_SESSIONS,
            P.VIEW_TRAINING_SESSIONS,
        }
    ),
    Role.INFRASTRUCTURE_USER: frozenset(
        {
            P.MANAGE_SERVICE_CATALOGUE,
            P.VIEW_SERVICE_CATALOGUES,
            P.VIEW_SERVICE_DEMAND,
            P.VIEW_SURVEY_RESULTS,
            P.FILE_COMPLAINTS,
            P.HANDLE_COMPLAINTS,
            P.EDIT_OWN_ORGANISATION,
            P.ANSWER_SERVICE_REQUESTS,
            P.ISSUE_CERTIFICATES,
            P.CHANGE_CERTIFICATE_STATUS,
            P.VIEW_CERTIFICATES,
            P.VIEW_SERVICE_REQUESTS,
            P.VIEW_SERVICE_FIGURES,
        }
    ),
    Role.CONSULTANT: frozenset(
        {
            P.CONSULT_ON_CASES,
            P.VIEW_SUPPORT_CASES,
            P.FILE_COMPLAINTS,
            P.EDIT_OWN_ORGANISATION,
        }
    ),
}


def signed_in(user: Any) -> bool:
    """Whether ``user`` is a signed-in user (not None, not anonymous)."""
    return user is not None and bool(getattr(user, "is_authenticated", False))


def has_permission(user: Any, permission: Permission) -> bool:
    """Whether the user's role grants the permission (False for anonymous users)."""
    if not signed_in(user):
        return False
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def has_role(user: Any, *roles: Role) -> bool:
    """Whether the signed-in user holds one of ``roles`` (for the scopes of this package)."""
    return signed_in(user) and user.role in roles


class HomeKind(enum.StrEnum):
    """Which work queue a signed-in user's home page shows (also the template's name)."""

    ADMIN = "admin"
    MINISTRY = "ministry"
    FEDERATION = "federation"
    COMPANY = "company"
    INSTITUTE = "institute"
    BODY = "body"
    CONSULTANT = "consultant"
    MEMBER = "member"  # any other organisation: its profile and memberships


# The first permission held names the home: the broadest responsibility wins.
HOME_BY_PERMISSION: tuple[tuple[Permission, HomeKind], ...] = (
    (Permission.MANAGE_PLATFORM, HomeKind.ADMIN),
    (Permission.MONITOR_ALL_ECOSYSTEMS, HomeKind.MINISTRY),
    (Permission.MANAGE_MEMBERS, HomeKind.FEDERATION),
    (Permission.DECLARE_TRAINING_NEEDS, HomeKind.COMPANY),
    (Permission.RUN_TRAINING_SESSIONS, HomeKind.INSTITUTE),
    (Permission.ANSWER_SERVICE_REQUESTS, HomeKind.BODY),
    (Permission.CONSULT_ON_CASES, HomeKind.CONSULTANT),
)


def home_kind(user: Any) -> HomeKind:
    """The home page a user lands on, named from the permissions the user holds."""
    return home_kind_of_role(user.role) if signed_in(user) else HomeKind.MEMBER


def home_kind_of_role(role: Role) -> HomeKind:
    """The home page of the users of a role."""
    held = ROLE_PERMISSIONS.get(role, frozenset())
    for permission, kind in HOME_BY_PERMISSION:
        if permission in held:
            return kind
    return HomeKind.MEMBER


F = TypeVar("F", bound=Callable[..., Any])


def _guarded(view: Any, guard: str) -> Any:
    """Mark a view with the guard that protects it (read by the test that every route has one)."""
    view.__authz__ = guard
    return view


def check_required(check: Callable[[Any], bool]) -> Callable[[F], F]:
    """Route decorator: signed in (else the login page) and passing ``check(user)`` (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        guard = getattr(check, "__authz__", None) or f"check:{getattr(check, '__name__', check)}"
        return _guarded(login_required(wrapped), guard)  # type: ignore[return-value]

    return decorator


def permission_required(permission: Permission) -> Callable[[F], F]:
    """Route decorator: signed in (else the login page) and holding the permission (else 403)."""

    def check(user: Any) -> bool:
        return has_permission(user, permission)

    check.__authz__ = f"permission:{permission.value}"  # type: ignore[attr-defined]
    return check_required(check)


def any_permission_required(*permissions: Permission) -> Callable[[F], F]:
    """Route decorator: signed in and holding at least one of the permissions (else 403)."""

    def check(user: Any) -> bool:
        return any(has_permission(user, p) for p in permissions)

    check.__authz__ = "permission:" + "|".join(p.value for p in permissions)  # type: ignore[attr-defined]
    return check_required(check)


def signed_in_required(view: F) -> F:
    """Route decorator for pages any signed-in user may open: what they show or change is
    loaded through this package's scoped loaders (out of scope answers 404)."""
    return _guarded(login_required(view), "signed-in; scoped loaders")  # type: ignore[return-value]


def public(view: F) -> F:
    """Route decorator for pages anyone may open, signed in or not (what they show is public)."""
    return _guarded(view, "public")


def get_or_404(statement: Select, parameters: dict[str, Any] | None = None) -> Any:
    """The single row of a scoped SELECT, or 404 (out of scope looks like absent)."""
    obj = db.session.execute(statement, parameters).scalars().first()
    if obj is None:
        abort(404)
    return obj
