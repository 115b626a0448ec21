"""A service request's life after it is filed (issue 15, item 2): the body's quote (or a
revised one), the company's decision on it, the work in progress, the delivery of report or
certificate files, the closing with a rating, the cancellation, and the thread of messages
between the company and the body. Every step is a dated ``ServiceRequestEvent`` and tells
the other party (``notifications.notify``).

The 15-day clock runs to the first answer (a quote, a direct answer or a refusal): the step
that gives it sets ``answered_on``. Who may take each step is ``authz.service_requests``
(``can_quote``, ``can_accept_quote``…); the functions here check the request's status and
the values, and raise ``ServiceRequestError`` (translated) when the rules refuse, with
nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.authz.service_requests import CANCELLABLE, DECLINABLE, QUOTABLE, THREAD_CLOSED
from portal.extensions import db
from portal.i18n import format_day
from portal.models import (
    AttachmentPurpose,
    QuoteStatus,
    RequestAttachment,
    RequestEventKind,
    ServiceQuote,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestMessage,
    ServiceRequestStatus,
    User,
)
from portal.services import notifications, surveys
from portal.services.attachments import AttachmentRefused, check_attachment, read_uploads
from portal.services.editing import apply_edit
from portal.services.file_store import REQUEST_ATTACHMENTS
from portal.services.service_requests import ServiceRequestError, record, tell, users_of

S = ServiceRequestStatus
MAX_AMOUNT = Decimal("999999999999.99")  # Numeric(14, 2)
MAX_LEAD_DAYS = 3650
MESSAGES_SHOWN = 10  # the thread shows the latest ten; earlier ones a page at a time
MAX_EVENTS = 200  # a request's steps shown (a long run of revised quotes stays bounded)


# --- steps -------------------------------------------------------------------------------------


def _store(
    request: ServiceRequest,
    files: Sequence[tuple[str, bytes]],
    purpose: AttachmentPurpose,
    actor: User,
    **link: int,
) -> None:
    for name, data in files:
        db.session.add(
            RequestAttachment(
                request_id=request.id,
                purpose=purpose,
                original_filename=name,
                stored_name=REQUEST_ATTACHMENTS.save(data),
                size_bytes=len(data),
                uploaded_by_id=actor.id,
                **link,
            )
        )


def _refuse_unless(request: ServiceRequest, allowed: Sequence[ServiceRequestStatus]) -> None:
    if request.status not in allowed:
        raise ServiceRequestError(
            _(
                "This step is not possible on a request that is: %(status)s.",
                status=request.status.label,
            )
        )


def _to_company(request: ServiceRequest, kind: str, **params: Any) -> None:
    tell(
        users_of(request.organisation_id),
        kind,
        {"body": notifications.bilingual(request.body), "subject": request.subject, **params},
        request,
    )


def _to_body(request: ServiceRequest, kind: str, **params: Any) -> None:
    tell(
        users_of(request.body_id),
        kind,
        {
            "organisation": notifications.bilingual(request.organisation),
            "subject": request.subject,
            **params,
        },
        request,
    )


def parse_amount(value: Any) -> Decimal:
    """An amount in MAD from a form (a dot or a comma before the cents)."""
    try:
        amount = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ServiceRequestError(_("Write the amount in MAD, e.g. 12500.00.")) from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise ServiceRequestError(_("Write the amount in MAD, e.g. 12500.00."))
    return amount.quantize(Decimal("0.01"))


def send_quote(
    request: ServiceRequest,
    *,
    amount: Any,
    lead_time_days: int,
    valid_until: date,
    comment: str,
    files: Sequence[tuple[str, IO[bytes]]],
    actor: User,
    today: date,
    version: Any,
) -> ServiceQuote:
    """The body's quote (or a revised one after the company declined the last): amount in
    MAD, lead time in days, validity, an optional PDF. The first answer stops the clock."""
    _refuse_unless(request, QUOTABLE)
    value = parse_amount(amount)
    if not 1 <= lead_time_days <= MAX_LEAD_DAYS:
        raise ServiceRequestError(
            _("Give the lead time in days, from 1 to %(max)s.", max=MAX_LEAD_DAYS)
        )
    if valid_until < today:
        raise ServiceRequestError(_("The quote must be valid until today or later."))
    checked = read_uploads(files)
    for name, data in checked:
        if check_attachment(name, data) != "pdf":
            raise AttachmentRefused(_("%(name)s: a quote is attached as a PDF file.", name=name))
    number = db.session.execute(
        select(func.count(ServiceQuote.id)).where(ServiceQuote.request_id == request.id)
    ).scalar_one()
    changes: dict[str, Any] = {"status": S.QUOTED}
    if request.answered_on is None:
        changes["answered_on"] = today
    apply_edit(request, version, changes)
    quote = ServiceQuote(
        request_id=request.id,
        number=number + 1,
        amount_mad=value,
        lead_time_days=lead_time_days,
        valid_until=valid_until,
        comment=(comment or "").strip(),
        issued_on=today,
        created_by_id=actor.id,
        status=QuoteStatus.PENDING,
    )
    db.session.add(quote)
    db.session.flush()
    _store(request, checked, AttachmentPurpose.QUOTE, actor, quote_id=quote.id)
    record(request, RequestEventKind.QUOTED, actor, today, quote.comment)
    db.session.flush()
    _to_company(request, "service_request_quoted")
    return quote


def pending_quote(request: ServiceRequest) -> ServiceQuote | None:
    """The quote the company has to decide on, if any."""
    return db.session.execute(
        select(ServiceQuote)
        .where(ServiceQuote.request_id == request.id, ServiceQuote.status == QuoteStatus.PENDING)
        .order_by(ServiceQuote.number.desc())
        .limit(1)
    ).scalar()


def accept_quote(request: ServiceRequest, *, actor: User, today: date, version: Any) -> None:
    """The company accepts the quote: the body's work is in progress."""
    _refuse_unless(request, (S.QUOTED,))
    quote = pending_quote(request)
    if quote is None:
        raise ServiceRequestError(_("There is no quote to decide on."))
    if quote.valid_until < today:
        raise ServiceRequestError(
            _("This quote expired on %(date)s: ask the body for a new one.", date=quote_day(quote))
        )
    apply_edit(request, version, {"status": S.IN_PROGRESS})
    quote.status = QuoteStatus.ACCEPTED
    quote.decided_on = today
    record(request, RequestEventKind.QUOTE_ACCEPTED, actor, today)
    db.session.flush()
    _to_body(request, "service_request_quote_accepted")


def quote_day(quote: ServiceQuote) -> str:
    return format_day(quote.valid_until)


def decline_quote(
    request: ServiceRequest, *, reason: str, actor: User, today: date, version: Any
) -> None:
    """The company declines the quote, saying why; the body may send a revised one, or
    either ends the request (the body declines it, the company cancels it)."""
    _refuse_unless(request, (S.QUOTED,))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceRequestError(_("Give the reason."))
    quote = pending_quote(request)
    if quote is None:
        raise ServiceRequestError(_("There is no quote to decide on."))
    apply_edit(request, version, {"status": S.QUOTE_DECLINED})
    quote.status = QuoteStatus.DECLINED
    quote.decided_on = today
    quote.decline_reason = reason
    record(request, RequestEventKind.QUOTE_DECLINED, actor, today, reason)
    db.session.flush()
    _to_body(request, "service_request_quote_declined")


def deliver(
    request: ServiceRequest,
    *,
    comment: str,
    files: Sequence[tuple[str, IO[bytes]]],
    actor: User,
    today: date,
    version: Any,
) -> None:
    """The body delivers its report or certificate (one file or more) on a request whose
    quote the company accepted."""
    _refuse_unless(request, (S.IN_PROGRESS,))
    checked = read_uploads(files)
    if not checked:
        raise AttachmentRefused(_("Attach the report or certificate (one file or more)."))
    apply_edit(request, version, {"status": S.DELIVERED})
    _store(request, checked, AttachmentPurpose.DELIVERY, actor)
    record(request, RequestEventKind.DELIVERED, actor, today, comment)
    db.session.flush()
    _to_company(request, "service_request_delivered")


def close(
    request: ServiceRequest,
    *,
    rating: int,
    comment: str,
    actor: User,
    today: date,
    version: Any,
) -> None:
    """The company closes a delivered request and rates the service (1 to 5, a comment);
    the rating is also its answer to the after-request satisfaction survey."""
    _refuse_unless(request, (S.DELIVERED,))
    if rating not in surveys.RATINGS:
        raise ServiceRequestError(_("Choose a rating from 1 to 5."))
    comment = (comment or "").strip()
    apply_edit(
        request,
        version,
        {"status": S.CLOSED, "rating": rating, "rating_comment": comment, "closed_on": today},
    )
    record(request, RequestEventKind.CLOSED, actor, today, comment)
    db.session.flush()
    surveys.record_request_rating(request, rating, comment, today)
    _to_body(request, "service_request_closed", rating=rating)


def cancel(request: ServiceRequest, *, reason: str, actor: User, today: date, version: Any) -> None:
    """The company cancels its request, saying why, at any step before delivery (a pending
    quote is declined with the same reason)."""
    _refuse_unless(request, CANCELLABLE)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceRequestError(_("Give the reason."))
    apply_edit(request, version, {"status": S.CANCELLED, "closed_on": today})
    quote = pending_quote(request)
    if quote is not None:
        quote.status = QuoteStatus.DECLINED
        quote.decided_on = today
        quote.decline_reason = reason
    record(request, RequestEventKind.CANCELLED, actor, today, reason)
    db.session.flush()
    _to_body(request, "service_request_cancelled")


# --- the thread ----------------------------------------------------------------------------------


def post_message(
    request: ServiceRequest,
    *,
    text: str,
    files: Sequence[tuple[str, IO[bytes]]],
    actor: User,
) -> ServiceRequestMessage:
    """A message of the company or the body on the request, with optional attachments; the
    other party is told."""
    if request.status in THREAD_CLOSED:
        raise ServiceRequestError(
            _("This request is already closed: %(status)s.", status=request.status.label)
        )
    text = (text or "").strip()
    if not text:
        raise ServiceRequestError(_("Write the message."))
    checked = read_uploads(files)
    message = ServiceRequestMessage(
        request_id=request.id,
        author_id=actor.id,
        organisation_id=actor.organisation_id,
        text=text,
    )
    db.session.add(message)
    db.session.flush()
    _store(request, checked, AttachmentPurpose.MESSAGE, actor, message_id=message.id)
    db.session.flush()
    other = request.body_id if actor.organisation_id == request.organisation_id else None
    tell(
        users_of(other if other is not None else request.organisation_id),
        "service_request_message",
        {"author": notifications.bilingual(actor.organisation), "subject": request.subject},
        request,
    )
    return message


@dataclass
class Thread:
    """A page of the thread, oldest first (the newest at the bottom), and where earlier
    messages start when there are some."""

    messages: list[ServiceRequestMessage]
    attachments: dict[int, list[RequestAttachment]]
    earlier_before: int | None


def thread(request: ServiceRequest, *, before: int | None = None) -> Thread:
    """The latest ``MESSAGES_SHOWN`` messages (before the message ``before`` when given), on
    the (request, id) index; their attachments in one more statement."""
    query = select(ServiceRequestMessage).where(ServiceRequestMessage.request_id == request.id)
    if before is not None:
        query = query.where(ServiceRequestMessage.id < before)
    found = list(
        db.session.execute(
            query.order_by(ServiceRequestMessage.id.desc()).limit(MESSAGES_SHOWN + 1)
        ).scalars()
    )
    more = len(found) > MESSAGES_SHOWN
    shown = list(reversed(found[:MESSAGES_SHOWN]))
    attachments: dict[int, list[RequestAttachment]] = {}
    if shown:
        rows = db.session.execute(
            select(RequestAttachment)
            .where(
                RequestAttachment.request_id == request.id,
                RequestAttachment.message_id.in_([m.id for m in shown]),
            )
            .order_by(RequestAttachment.id)
        ).scalars()
        for attachment in rows:
            attachments.setdefault(attachment.message_id, []).append(attachment)
    return Thread(shown, attachments, shown[0].id if more and shown else None)


def events_of(request: ServiceRequest) -> list[ServiceRequestEvent]:
    """The request's steps, in the order they happened (bounded)."""
    return list(
        db.session.execute(
            select(ServiceRequestEvent)
            .where(ServiceRequestEvent.request_id == request.id)
            .order_by(ServiceRequestEvent.id)
            .limit(MAX_EVENTS)
        ).scalars()
    )


def quotes_of(request: ServiceRequest) -> list[ServiceQuote]:
    """The request's quotes, the latest first."""
    return list(
        db.session.execute(
            select(ServiceQuote)
            .where(ServiceQuote.request_id == request.id)
            .order_by(ServiceQuote.number.desc())
        ).scalars()
    )


def end_by_body(request: ServiceRequest) -> bool:
    """Whether the body may still decline the request (before a quote is accepted)."""
    return request.status in DECLINABLE
