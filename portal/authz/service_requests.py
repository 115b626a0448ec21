"""Service requests: who sees a request, who answers it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false, select, true

from portal.authz.organisations import led_member_ids
from portal.models import Role, ServiceRequest


def request_scope(user: Any):
    """WHERE clause on ServiceRequest: the SME's own, those addressed to a body, the requests
    of a federation's member companies, everything for the ministry and administrators."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if user.role == Role.SME_USER:
        return ServiceRequest.organisation_id == user.organisation_id
    if user.role == Role.INFRASTRUCTURE_USER:
        return ServiceRequest.body_id == user.organisation_id
    if user.role == Role.FEDERATION_STAFF:
        return ServiceRequest.organisation_id.in_(led_member_ids(user))
    return false()


def scoped_requests(user: Any) -> Select:
    """SELECT of the service requests the user may open."""
    return select(ServiceRequest).where(request_scope(user))


def can_respond(user: Any, request: ServiceRequest) -> bool:
    """Only the users of the body the request is addressed to accept, answer or decline it."""
    return (
        getattr(user, "is_authenticated", False)
        and user.role == Role.INFRASTRUCTURE_USER
        and user.organisation_id == request.body_id
    )


def sees_overdue_first(user: Any) -> bool:
    """The body and the federation follow deadlines: their lists put overdue requests first."""
    return user.role in (Role.INFRASTRUCTURE_USER, Role.FEDERATION_STAFF)
