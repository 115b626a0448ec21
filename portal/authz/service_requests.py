"""Service requests: who sees a request, who answers it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false, select, true

from portal.authz.certification import led_member
from portal.authz.core import Permission, get_or_404, has_permission, has_role
from portal.models import RequestAttachment, Role, ServiceRequest


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
        return led_member(user, ServiceRequest.organisation_id)
    return false()


def scoped_requests(user: Any) -> Select:
    """SELECT of the service requests the user may open."""
    return select(ServiceRequest).where(request_scope(user))


def request_or_404(user: Any, request_id: int) -> ServiceRequest:
    """A request the user may open, else 404 (out of scope looks like absent)."""
    return get_or_404(scoped_requests(user).where(ServiceRequest.id == request_id))


def request_attachment_or_404(user: Any, request_id: int, attachment_id: int) -> RequestAttachment:
    """An attachment of a request the user may open, else 404."""
    service_request = request_or_404(user, request_id)
    return get_or_404(
        select(RequestAttachment).where(
            RequestAttachment.id == attachment_id,
            RequestAttachment.request_id == service_request.id,
        )
    )


def can_respond(user: Any, request: ServiceRequest) -> bool:
    """Only the users of the body the request is addressed to accept, answer or decline it."""
    return (
        has_permission(user, Permission.ANSWER_SERVICE_REQUESTS)
        and user.organisation_id == request.body_id
    )


def sees_overdue_first(user: Any) -> bool:
    """The body and the federation follow deadlines: their lists put overdue requests first."""
    return has_role(user, Role.INFRASTRUCTURE_USER, Role.FEDERATION_STAFF)


def sees_requesting_company(user: Any) -> bool:
    """Whether a list of requests names the company that asked: not for a company, whose
    list holds its own requests only."""
    return not has_role(user, Role.SME_USER)


def sees_addressed_body(user: Any) -> bool:
    """Whether a list of requests names the body addressed: not for a body, whose list holds
    the requests addressed to it only."""
    return not has_role(user, Role.INFRASTRUCTURE_USER)
