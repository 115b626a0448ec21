"""Service requests: an SME asks a quality infrastructure body for testing, calibration,
inspection, certification or information on standards, with attachments, and follows the
request's whole life (issue 15): the body quotes, answers directly or declines within the
response deadline (the 15-day clock runs to that first answer; "overdue" is derived, never
stored), the SME accepts or declines the quote, the body works and delivers its report or
certificate files, the SME closes the request with a rating, or cancels it before delivery.
Every step is a dated row of ``service_request_events``; the SME and the body write to each
other on the request (``service_request_messages``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.extensions import db
from portal.models.base import (
    Audited,
    LabelledEnum,
    SoftDeleteMixin,
    TimestampMixin,
    UTCDateTime,
    VersionedMixin,
    enum_column,
    set_labels,
    utcnow,
)
from portal.models.organisation import Organisation


class ServiceKind(LabelledEnum):
    """What an SME asks a quality infrastructure body or a research centre for."""

    TESTING = "testing"
    CALIBRATION = "calibration"
    INSPECTION = "inspection"
    CERTIFICATION = "certification"
    # Standardization: standards information, sale and interpretation, technical committees.
    # The value is the one requests were filed with before issue 15 (kept: no row changes).
    STANDARDIZATION = "standards_information"
    ACCREDITATION = "accreditation"
    METROLOGY = "metrology"
    RESEARCH = "research_development"


set_labels(
    {
        ServiceKind.TESTING: _l("Testing"),
        ServiceKind.CALIBRATION: _l("Calibration"),
        ServiceKind.INSPECTION: _l("Inspection"),
        ServiceKind.CERTIFICATION: _l("Certification"),
        # i18n: a kind of service: standards information and standardization work
        ServiceKind.STANDARDIZATION: _l("Standardization"),
        ServiceKind.ACCREDITATION: _l("Accreditation"),
        # i18n: a kind of service: legal and industrial metrology
        ServiceKind.METROLOGY: _l("Metrology"),
        # i18n: a kind of service offered by research and innovation centres
        ServiceKind.RESEARCH: _l("Research and development"),
    }
)


class ServiceRequestStatus(LabelledEnum):
    """Where a service request stands. ``submitted`` and ``accepted`` (acknowledged by the
    body) wait for the first answer; ``answered`` (a direct answer, for information on
    standards), ``declined``, ``closed`` and ``cancelled`` end the request."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    QUOTED = "quoted"
    QUOTE_DECLINED = "quote_declined"
    IN_PROGRESS = "in_progress"
    DELIVERED = "delivered"
    CLOSED = "closed"
    ANSWERED = "answered"
    DECLINED = "declined"
    CANCELLED = "cancelled"


set_labels(
    {
        # i18n: status of a service request to a laboratory or body
        ServiceRequestStatus.SUBMITTED: _l("Submitted"),
        # i18n: status of a service request
        ServiceRequestStatus.ACCEPTED: _l("Accepted by the body"),
        # i18n: status of a service request: the body sent a quote, the company decides
        ServiceRequestStatus.QUOTED: _l("Quote sent"),
        # i18n: status of a service request: the company declined the quote
        ServiceRequestStatus.QUOTE_DECLINED: _l("Quote declined"),
        # i18n: status of a service request: the quote is accepted, the body works on it
        ServiceRequestStatus.IN_PROGRESS: _l("In progress"),
        # i18n: status of a service request: the body delivered its report or certificate
        ServiceRequestStatus.DELIVERED: _l("Delivered"),
        # i18n: status of a service request (la demande: feminine in French)
        ServiceRequestStatus.CLOSED: _l("Closed by the company"),
        # i18n: status of a service request
        ServiceRequestStatus.ANSWERED: _l("Answered"),
        # i18n: status of a service request
        ServiceRequestStatus.DECLINED: _l("Declined"),
        # i18n: status of a service request (la demande: feminine in French)
        ServiceRequestStatus.CANCELLED: _l("Cancelled by the company"),
    }
)

# The statuses that wait for the body's first answer (the 15-day clock runs).
AWAITING_FIRST_ANSWER = ("submitted", "accepted")


def _closed(status: ServiceRequestStatus | str | None) -> bool:
    """Whether a request of that status no longer waits for its first answer (the body
    quoted, answered or declined it, or the company cancelled it)."""
    value = getattr(status, "value", status) or "submitted"
    return value not in AWAITING_FIRST_ANSWER


def _quarter(day: date | None) -> str | None:
    """ "2027-Q1" for a day of January to March 2027 (as ``training.quarter_of``)."""
    return None if day is None else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class ServiceRequest(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An SME's request to an infrastructure body, answered within a response deadline
    (overdue is derived)."""

    __tablename__ = "service_requests"
    # The list's orders for each scope (issue 11): newest first, and (bodies, federations)
    # open requests first by nearest deadline; they also serve the look-ups by company and
    # by body.
    __audit_ignored__ = ("updated_at", "version", "is_closed")  # derived from the status
    __table_args__ = (
        Index(
            "ix_service_requests_submitted", "submitted_on", "id", "deleted_at", "organisation_id"
        ),
        Index(
            "ix_service_requests_org_submitted",
            "organisation_id",
            "submitted_on",
            "id",
            "deleted_at",
        ),
        Index("ix_service_requests_body_submitted", "body_id", "submitted_on", "id", "deleted_at"),
        Index(
            "ix_service_requests_body_deadline",
            "body_id",
            "is_closed",
            "respond_by",
            "id",
            "deleted_at",
        ),
        # The demand's cells (issue 15): requests by kind, field, region and quarter.
        Index("ix_service_requests_demand_cell", "kind", "field_id", "region", "quarter"),
        Index(
            "ix_service_requests_deadline",
            "is_closed",
            "respond_by",
            "id",
            "deleted_at",
            "organisation_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    body_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "service_kind"))
    # The field of the service (issue 15; empty on requests filed before it), the region it is
    # wanted in (the company's by default) and the quarter it was filed in: the demand's cell.
    field_id: Mapped[int | None] = mapped_column(ForeignKey("service_fields.id"))
    region: Mapped[str | None] = mapped_column(String(5))
    quarter: Mapped[str | None] = mapped_column(
        String(7),
        default=lambda context: _quarter(context.get_current_parameters().get("submitted_on")),
    )  # "2027-Q1", of submitted_on (set by the column's default, bulk inserts included)
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ServiceRequestStatus] = mapped_column(
        enum_column(ServiceRequestStatus, "service_request_status"),
        default=ServiceRequestStatus.SUBMITTED,
        index=True,
    )
    submitted_on: Mapped[date] = mapped_column(Date)
    respond_by: Mapped[date] = mapped_column(Date)
    answer: Mapped[str] = mapped_column(Text, default="")
    # The day of the first answer (quote, direct answer or refusal): the 15-day clock stops.
    answered_on: Mapped[date | None] = mapped_column(Date)
    # The company's rating of the service when it closes the request (1 to 5) and its comment.
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    # The first answer (quote, direct answer or refusal) is given, or the request was cancelled
    # before it (derived from the status, kept with it so that "waiting first, by nearest
    # deadline" is an indexed order): set with the status on the model, and by the column's
    # default for bulk inserts.
    is_closed: Mapped[bool] = mapped_column(
        Boolean,
        default=lambda context: _closed(context.get_current_parameters().get("status")),
        nullable=False,
    )

    @validates("status")
    def _keep_is_closed(self, _key: str, status: ServiceRequestStatus) -> ServiceRequestStatus:
        self.is_closed = _closed(status)
        return status

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id], lazy="joined")
    body: Mapped[Organisation] = relationship(foreign_keys=[body_id], lazy="joined")

    def is_overdue(self, today: date) -> bool:
        """Derived: no first answer yet, and the response deadline has passed."""
        return self.status.value in AWAITING_FIRST_ANSWER and today > self.respond_by


class AttachmentPurpose(LabelledEnum):
    """Why a file is attached to a request: with the request itself, a quote, the delivery
    (report or certificate) or a message of the thread."""

    REQUEST = "request"
    QUOTE = "quote"
    DELIVERY = "delivery"
    MESSAGE = "message"


set_labels(
    {
        AttachmentPurpose.REQUEST: _l("Attached to the request"),
        AttachmentPurpose.QUOTE: _l("Quote"),
        AttachmentPurpose.DELIVERY: _l("Report or certificate delivered"),
        AttachmentPurpose.MESSAGE: _l("Attached to a message"),
    }
)


class QuoteStatus(LabelledEnum):
    """What the company decided on a quote."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


set_labels(
    {
        # i18n: a quote the company has not decided on yet
        QuoteStatus.PENDING: _l("Waiting for the company"),
        # i18n: a quote accepted by the company
        QuoteStatus.ACCEPTED: _l("Accepted"),
        # i18n: a quote declined by the company
        QuoteStatus.DECLINED: _l("Declined"),
    }
)


class ServiceQuote(Audited, TimestampMixin, db.Model):
    """A body's quote for a request (amount in MAD, lead time, validity, an optional PDF);
    a declined quote may be followed by a revised one (the next ``number``)."""

    __tablename__ = "service_quotes"
    __table_args__ = (Index("ix_service_quotes_request", "request_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    number: Mapped[int] = mapped_column(Integer)
    amount_mad: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    lead_time_days: Mapped[int] = mapped_column(Integer)
    valid_until: Mapped[date] = mapped_column(Date)
    comment: Mapped[str] = mapped_column(Text, default="")
    issued_on: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[QuoteStatus] = mapped_column(
        enum_column(QuoteStatus, "quote_status"), default=QuoteStatus.PENDING
    )
    decided_on: Mapped[date | None] = mapped_column(Date)
    decline_reason: Mapped[str] = mapped_column(Text, default="")


class RequestEventKind(LabelledEnum):
    """A step in a request's life."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    QUOTED = "quoted"
    QUOTE_ACCEPTED = "quote_accepted"
    QUOTE_DECLINED = "quote_declined"
    ANSWERED = "answered"
    DECLINED = "declined"
    DELIVERED = "delivered"
    CLOSED = "closed"
    CANCELLED = "cancelled"


set_labels(
    {
        # i18n: a step in the history of a service request
        RequestEventKind.SUBMITTED: _l("Request sent"),
        # i18n: a step in the history of a service request
        RequestEventKind.ACCEPTED: _l("Request accepted by the body"),
        # i18n: a step in the history of a service request
        RequestEventKind.QUOTED: _l("Quote sent"),
        # i18n: a step in the history of a service request
        RequestEventKind.QUOTE_ACCEPTED: _l("Quote accepted: work in progress"),
        # i18n: a step in the history of a service request
        RequestEventKind.QUOTE_DECLINED: _l("Quote declined"),
        # i18n: a step in the history of a service request
        RequestEventKind.ANSWERED: _l("Answer sent"),
        # i18n: a step in the history of a service request
        RequestEventKind.DECLINED: _l("Request declined by the body"),
        # i18n: a step in the history of a service request
        RequestEventKind.DELIVERED: _l("Report or certificate delivered"),
        # i18n: a step in the history of a service request
        RequestEventKind.CLOSED: _l("Closed by the company"),
        # i18n: a step in the history of a service request
        RequestEventKind.CANCELLED: _l("Cancelled by the company"),
    }
)


class ServiceRequestEvent(db.Model):
    """One step of a request's life, dated, with who took it and what they said (the
    refusal's or cancellation's reason, the quote's number); kept, never changed."""

    __tablename__ = "service_request_events"
    __table_args__ = (Index("ix_service_request_events_request", "request_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    kind: Mapped[RequestEventKind] = mapped_column(
        enum_column(RequestEventKind, "service_request_event")
    )
    happened_on: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text, default="")


class ServiceRequestMessage(Audited, TimestampMixin, db.Model):
    """A message of the thread between the company and the body on a request."""

    __tablename__ = "service_request_messages"
    __table_args__ = (Index("ix_service_request_messages_request", "request_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    text: Mapped[str] = mapped_column(Text)


class RequestAttachment(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A file attached to a service request, stored outside the static folder: with the
    request, a quote, the delivery, or a message."""

    __tablename__ = "request_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    purpose: Mapped[AttachmentPurpose] = mapped_column(
        enum_column(AttachmentPurpose, "attachment_purpose"),
        default=AttachmentPurpose.REQUEST,
        server_default="request",
    )
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("service_quotes.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("service_request_messages.id"))
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
