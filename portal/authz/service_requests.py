"""Service requests: who sees a request, who answers it, who takes each step of its life,
who writes on its thread, and who reads which bodies' figures.

The body addressed quotes, answers, declines and delivers; the requesting company accepts or
declines a quote, closes (with a rating) and cancels; both write on the request's thread.
A body does not cancel: before the company accepted a quote it declines the request (with a
reason); once the work is accepted, only the company cancels (the body says why on the
thread). Federation staff of the company's ecosystem, the ministry and administrators read
the request and its thread, and write nothing on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false, select, true

from portal.authz.certification import led_member
from portal.authz.core import Permission, get_or_404, has_permission, has_role
from portal.models import (
    Organisation,
    OrganisationKind,
    RequestAttachment,
    Role,
    ServiceRequest,
    ServiceRequestStatus,
)

S = ServiceRequestStatus
# The steps each party may take, by the request's status.
QUOTABLE = (S.SUBMITTED, S.ACCEPTED, S.QUOTE_DECLINED)
DECLINABLE = (S.SUBMITTED, S.ACCEPTED, S.QUOTE_DECLINED)
CANCELLABLE = (S.SUBMITTED, S.ACCEPTED, S.QUOTED, S.QUOTE_DECLINED, S.IN_PROGRESS)
THREAD_CLOSED = (S.CLOSED, S.CANCELLED)


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


def is_addressed_body(user: Any, request: ServiceRequest) -> bool:
    """The user works for the body the request is addressed to (and may answer requests)."""
    return can_respond(user, request)


def is_requester(user: Any, request: ServiceRequest) -> bool:
    """The user works for the company that filed the request (and may file requests)."""
    return (
        has_permission(user, Permission.FILE_SERVICE_REQUESTS)
        and user.organisation_id == request.organisation_id
    )


def can_quote(user: Any, request: ServiceRequest) -> bool:
    """The body sends a quote (or a revised one after the company declined the last)."""
    return is_addressed_body(user, request) and request.status in QUOTABLE


def can_accept_quote(user: Any, request: ServiceRequest) -> bool:
    """The company accepts or declines the quote it was sent."""
    return is_requester(user, request) and request.status == S.QUOTED


def can_deliver(user: Any, request: ServiceRequest) -> bool:
    """The body delivers its report or certificate files once the quote is accepted."""
    return is_addressed_body(user, request) and request.status == S.IN_PROGRESS


def can_close(user: Any, request: ServiceRequest) -> bool:
    """The company closes a delivered request, rating the service."""
    return is_requester(user, request) and request.status == S.DELIVERED


def can_cancel(user: Any, request: ServiceRequest) -> bool:
    """The company cancels its request, with a reason, until it is delivered."""
    return is_requester(user, request) and request.status in CANCELLABLE


def can_post_message(user: Any, request: ServiceRequest) -> bool:
    """The company and the body write on the request's thread until it is closed or
    cancelled; the others who see the request read it."""
    return (
        is_requester(user, request) or is_addressed_body(user, request)
    ) and request.status not in THREAD_CLOSED


def can_read_thread(user: Any, request: ServiceRequest) -> bool:
    """Everyone who may open the request reads its thread (loaded through ``request_or_404``)."""
    return has_permission(user, Permission.VIEW_SERVICE_REQUESTS)


# --- the bodies' figures ---------------------------------------------------------------------


def figures_body_scope(user: Any):
    """WHERE clause on Organisation: the bodies whose figures the user reads — its own for a
    body, every body for the ministry, administrators and federation staff (whose figures
    count only the requests of their ecosystems' members: ``figures_request_scope``)."""
    if not has_permission(user, Permission.VIEW_SERVICE_FIGURES):
        return false()
    if user.role == Role.INFRASTRUCTURE_USER:
        return Organisation.id == user.organisation_id
    return Organisation.kind == OrganisationKind.INFRASTRUCTURE


def figures_request_scope(user: Any):
    """WHERE clause on ServiceRequest: the requests a user's figures count (a federation, its
    led ecosystems' members' requests; a body, those addressed to it; the ministry, all)."""
    if not has_permission(user, Permission.VIEW_SERVICE_FIGURES):
        return false()
    return request_scope(user)


def figures_key(user: Any) -> tuple:
    """What makes two users' figures the same (the cache key): everyone nationally, a body
    its own, a federation its organisation's led ecosystems."""
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return ("all",)
    return (user.role.value, user.organisation_id)


def sees_every_body(user: Any) -> bool:
    """Whether the figures page lists bodies side by side (not for a body: its own only)."""
    return has_permission(user, Permission.VIEW_SERVICE_FIGURES) and not has_role(
        user, Role.INFRASTRUCTURE_USER
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
