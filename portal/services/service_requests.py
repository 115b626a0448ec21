"""Service requests from SMEs to quality infrastructure bodies: filing them with checked
attachments, the body's accept / direct answer / decline, the response deadline (to the first
answer) and the lists. The steps after a quote are in ``request_lifecycle``.

Who sees which request is ``authz.service_requests.request_scope``; "overdue" is derived from the
response deadline and today's date, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO, Any

from flask import url_for
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, func, select

from portal.authz import request_scope, scoped_requests, sees_overdue_first
from portal.authz.service_requests import DECLINABLE
from portal.extensions import db
from portal.models import (
    SERVICE_PROVIDER_KINDS,
    AttachmentPurpose,
    Ecosystem,
    Membership,
    Organisation,
    RequestAttachment,
    RequestEventKind,
    ServiceKind,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestStatus,
    User,
)
from portal.models.reference import REGIONS
from portal.services import notifications
from portal.services.attachments import read_uploads
from portal.services.cache import Figures
from portal.services.editing import StaleEdit, apply_edit
from portal.services.file_store import REQUEST_ATTACHMENTS
from portal.services.paging import paginate
from portal.services.service_catalogue import covers, field_of

# The statuses that wait for the body's first answer: the 15-day clock runs.
OPEN_STATUSES = (ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED)
ACTIONS = ("accept", "answer", "decline")

# Days a body has to answer a request (the programme's 15-day commitment).
RESPONSE_DAYS = 15


class ServiceRequestError(ValueError):
    """Something the rules refuse; the message is translated and says why."""


# --- deadline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """Where a request stands against its response deadline: open or not, overdue or not,
    and how many days are left (or, when overdue, late)."""

    open: bool
    overdue: bool
    days: int


def deadline(request: ServiceRequest, today: date) -> Deadline:
    """The countdown of a request on a given day."""
    is_open = request.status in OPEN_STATUSES
    overdue = request.is_overdue(today)
    days = (today - request.respond_by).days if overdue else (request.respond_by - today).days
    return Deadline(open=is_open, overdue=overdue, days=max(days, 0))


def overdue_clause(today: date):
    """SQL: the request is still open and its response deadline has passed."""
    return and_(ServiceRequest.status.in_(OPEN_STATUSES), ServiceRequest.respond_by < today)


# --- lists ---------------------------------------------------------------------------------------


@dataclass
class Filters:
    """The list's filters, read from the query string; unknown values are ignored."""

    status: str = ""
    kind: str = ""

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        status = args.get("status", "")
        kind = args.get("kind", "")
        statuses = {s.value for s in ServiceRequestStatus} | {"overdue"}
        return cls(
            status=status if status in statuses else "",
            kind=kind if kind in {k.value for k in ServiceKind} else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.status or self.kind)


def list_query(user: Any, filters: Filters, today: date) -> Select:
    """The requests the user may see, filtered and ordered (overdue first for bodies and
    federations, then the nearest deadline; newest first for the others)."""
    query = scoped_requests(user)
    if filters.status == "overdue":
        query = query.where(overdue_clause(today))
    elif filters.status:
        query = query.where(ServiceRequest.status == ServiceRequestStatus(filters.status))
    if filters.kind:
        query = query.where(ServiceRequest.kind == ServiceKind(filters.kind))
    if sees_overdue_first(user):
        # Open requests by nearest deadline: the overdue ones come first, the most late on top
        # (read in the order of the (is_closed, respond_by, id) indexes).
        return query.order_by(
            ServiceRequest.is_closed, ServiceRequest.respond_by, ServiceRequest.id
        )
    return query.order_by(ServiceRequest.submitted_on.desc(), ServiceRequest.id.desc())


def list_page(user: Any, filters: Filters, today: date, *, page: int, per_page: int) -> Pagination:
    """One page of the requests the user may see, filtered and ordered as ``list_query``."""
    return paginate(list_query(user, filters, today), page=page, per_page=per_page)


# How many requests are overdue, per scope and day: kept until a request (or which companies a
# federation's members are) changes; counting them cost every visit of the request list and
# of the pipeline 2–4 ms at national scale.
OVERDUE = Figures("overdue-service-requests", depends_on=(ServiceRequest, Membership, Ecosystem))


def overdue_count(user: Any, today: date) -> int:
    """How many of the requests the user may see are overdue (one query, when not kept)."""
    return OVERDUE.get(
        (user.role.value, user.organisation_id or 0, today.toordinal()),
        lambda: db.session.execute(
            select(func.count(ServiceRequest.id)).where(request_scope(user), overdue_clause(today))
        ).scalar_one(),
    )


def attachments_of(
    request: ServiceRequest, purpose: AttachmentPurpose = AttachmentPurpose.REQUEST
) -> list[RequestAttachment]:
    """The live attachments of a request of one purpose (those sent with the request, the
    quotes', the delivery's), in the order they were added."""
    return list(
        db.session.execute(
            select(RequestAttachment)
            .where(RequestAttachment.request_id == request.id, RequestAttachment.purpose == purpose)
            .order_by(RequestAttachment.id)
        ).scalars()
    )


def record(
    request: ServiceRequest, kind: RequestEventKind, actor: User | None, today: date, comment=""
) -> ServiceRequestEvent:
    """Keep one dated step of the request's life."""
    event = ServiceRequestEvent(
        request_id=request.id,
        kind=kind,
        happened_on=today,
        actor_id=actor.id if actor is not None else None,
        comment=(comment or "").strip(),
    )
    db.session.add(event)
    return event


# --- workflow ------------------------------------------------------------------------------------


def file_request(
    sme: Organisation,
    *,
    body_id: int,
    kind: ServiceKind,
    subject: str,
    description: str,
    files: Sequence[tuple[str, IO[bytes]]],
    actor: User,
    today: date,
    field_id: int | None = None,
    region: str | None = None,
) -> ServiceRequest:
    """An SME's request to a body whose catalogue covers the kind and field of service in the
    region (the company's unless another is given), with its attachments, to be answered
    within ``RESPONSE_DAYS`` days (flushed only). Nothing is written unless the body offers
    the service and every file passes."""
    body = db.session.get(Organisation, body_id)
    if body is None or body.deleted_at is not None or body.kind not in SERVICE_PROVIDER_KINDS:
        raise ServiceRequestError(_("Choose a quality infrastructure body."))
    region = region if region in REGIONS else sme.region
    if field_of(kind, field_id) is None:
        raise ServiceRequestError(_("Choose the field of the service requested."))
    if not covers(body.id, kind, field_id, region):
        raise ServiceRequestError(
            _(
                "This body does not offer this service in this region: choose one of the "
                "bodies offered."
            )
        )
    checked = read_uploads(files)
    request = ServiceRequest(
        organisation_id=sme.id,
        body_id=body.id,
        kind=kind,
        field_id=field_id,
        region=region,
        subject=subject.strip(),
        description=(description or "").strip(),
        status=ServiceRequestStatus.SUBMITTED,
        submitted_on=today,
        respond_by=today + timedelta(days=RESPONSE_DAYS),
    )
    db.session.add(request)
    db.session.flush()
    for name, data in checked:
        stored_name = REQUEST_ATTACHMENTS.save(data)
        db.session.add(
            RequestAttachment(
                request_id=request.id,
                original_filename=name,
                stored_name=stored_name,
                size_bytes=len(data),
                uploaded_by_id=actor.id,
            )
        )
    record(request, RequestEventKind.SUBMITTED, actor, today)
    db.session.flush()
    tell(
        users_of(body.id),
        "service_request_received",
        {"organisation": notifications.bilingual(sme), "subject": request.subject},
        request,
    )
    return request


def respond(
    request: ServiceRequest,
    action: str,
    *,
    version: Any,
    text: str = "",
    today: date,
    actor: User | None = None,
) -> None:
    """The body accepts (submitted), answers directly (submitted or accepted) or declines
    (before a quote is accepted) a request; an answer or a refusal needs its text, and the
    first of them stops the clock. Raises ``StaleEdit`` on an outdated version."""
    text = (text or "").strip()
    if str(version) != str(request.version):  # checked first: the request may have moved on
        raise StaleEdit()
    if action not in ACTIONS:
        raise ServiceRequestError(_("Choose to accept, answer or decline the request."))
    if action == "accept" and request.status != ServiceRequestStatus.SUBMITTED:
        raise ServiceRequestError(
            _(
                "Only a submitted request can be accepted; this one is: %(status)s.",
                status=request.status.label,
            )
        )
    allowed = DECLINABLE if action == "decline" else OPEN_STATUSES
    if request.status not in allowed:
        raise ServiceRequestError(
            _("This request is already closed: %(status)s.", status=request.status.label)
        )
    if action == "accept":
        changes: dict[str, Any] = {"status": ServiceRequestStatus.ACCEPTED}
    else:
        if not text:
            raise ServiceRequestError(
                _("Write the answer.") if action == "answer" else _("Give the reason.")
            )
        status = (
            ServiceRequestStatus.ANSWERED if action == "answer" else ServiceRequestStatus.DECLINED
        )
        changes = {"status": status, "answer": text}
        if request.answered_on is None:
            changes["answered_on"] = today
    apply_edit(request, version, changes)
    record(request, RequestEventKind(request.status.value), actor, today, text)
    tell(
        users_of(request.organisation_id),
        f"service_request_{request.status.value}",
        {"body": notifications.bilingual(request.body), "subject": request.subject},
        request,
    )


# --- notifications -------------------------------------------------------------------------------


def users_of(organisation_id: int) -> list[User]:
    """The active users of an organisation (who are told of a request's steps)."""
    return list(
        db.session.execute(
            select(User).where(User.organisation_id == organisation_id, User.active.is_(True))
        ).scalars()
    )


def tell(users: list[User], kind: str, params: dict[str, Any], request: ServiceRequest) -> None:
    """Notify the users with a link to the request."""
    link = url_for("service_requests.show", request_id=request.id)
    notifications.notify(users, kind, params, link)
