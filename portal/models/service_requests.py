"""Service requests: an SME asks a quality infrastructure body for testing, calibration,
inspection, certification or information on standards, with attachments; the body accepts,
answers or declines within a response deadline ("overdue" is derived, never stored)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.extensions import db
from portal.models.base import (
    Audited,
    LabelledEnum,
    SoftDeleteMixin,
    TimestampMixin,
    VersionedMixin,
    enum_column,
    set_labels,
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
    """Where a service request stands."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    ANSWERED = "answered"
    DECLINED = "declined"


set_labels(
    {
        # i18n: status of a service request to a laboratory or body
        ServiceRequestStatus.SUBMITTED: _l("Submitted"),
        # i18n: status of a service request
        ServiceRequestStatus.ACCEPTED: _l("Accepted by the body"),
        # i18n: status of a service request
        ServiceRequestStatus.ANSWERED: _l("Answered"),
        # i18n: status of a service request
        ServiceRequestStatus.DECLINED: _l("Declined"),
    }
)


def _closed(status: ServiceRequestStatus | str | None) -> bool:
    """Whether a request of that status is closed (answered or declined)."""
    value = getattr(status, "value", status) or "submitted"
    return value in ("answered", "declined")


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
    answered_on: Mapped[date | None] = mapped_column(Date)
    # Answered or declined (derived from the status, kept with it so that "open first, by
    # nearest deadline" is an indexed order): set with the status on the model, and by the
    # column's default for bulk inserts.
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
        """Derived: not answered nor declined, and the response deadline has passed."""
        open_statuses = (ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED)
        return self.status in open_statuses and today > self.respond_by


class RequestAttachment(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A file attached to a service request, stored outside the static folder."""

    __tablename__ = "request_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
