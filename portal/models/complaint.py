"""Complaints and suggestions (issue 12): anyone files one about an organisation, an
ecosystem, a support case, a training session, a service request or the portal itself; the
staff of the organisation concerned assign, answer and close it within a deadline (15 days by
default), after which it escalates to the ecosystem's lead federation, then to the ministry.

The escalation level is derived from the dates kept on the complaint (``due_on`` and
``ministry_on``), never stored: nothing has to run for a complaint to escalate.
"""

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
from portal.models.ecosystem import Ecosystem
from portal.models.organisation import Organisation
from portal.models.user import User


class ComplaintKind(LabelledEnum):
    """A complaint (something went wrong) or a suggestion (something could be better)."""

    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"


set_labels(
    {
        ComplaintKind.COMPLAINT: _l("Complaint"),
        ComplaintKind.SUGGESTION: _l("Suggestion"),
    }
)


class ComplaintCategory(LabelledEnum):
    """What the complaint or suggestion is about, in kind."""

    SERVICE_QUALITY = "service_quality"
    DELAY = "delay"
    INFORMATION = "information"
    RECEPTION = "reception"
    COST = "cost"
    OTHER = "other"


set_labels(
    {
        ComplaintCategory.SERVICE_QUALITY: _l("Quality of the service"),
        ComplaintCategory.DELAY: _l("Delay or no answer"),
        ComplaintCategory.INFORMATION: _l("Information and documents"),
        ComplaintCategory.RECEPTION: _l("Reception and conduct"),
        ComplaintCategory.COST: _l("Cost"),
        # i18n: category of a complaint
        ComplaintCategory.OTHER: _l("Other"),
    }
)


class ComplaintTarget(LabelledEnum):
    """What a complaint concerns: it decides which organisation answers it."""

    PORTAL = "portal"
    ECOSYSTEM = "ecosystem"
    ORGANISATION = "organisation"
    SUPPORT_CASE = "support_case"
    TRAINING_SESSION = "training_session"
    SERVICE_REQUEST = "service_request"


set_labels(
    {
        ComplaintTarget.PORTAL: _l("The portal itself"),
        ComplaintTarget.ECOSYSTEM: _l("An ecosystem"),
        ComplaintTarget.ORGANISATION: _l("An organisation"),
        ComplaintTarget.SUPPORT_CASE: _l("A certification support case"),
        ComplaintTarget.TRAINING_SESSION: _l("A training session"),
        ComplaintTarget.SERVICE_REQUEST: _l("A service request"),
    }
)


class ComplaintStatus(LabelledEnum):
    """Where a complaint stands. Received and in progress are open (the clock runs)."""

    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"


set_labels(
    {
        # i18n: status of a complaint
        ComplaintStatus.RECEIVED: _l("Received"),
        # i18n: status of a complaint (assigned to someone)
        ComplaintStatus.IN_PROGRESS: _l("Being handled"),
        # i18n: status of a complaint
        ComplaintStatus.ANSWERED: _l("Answered"),
        # i18n: status of a complaint
        ComplaintStatus.CLOSED: _l("Closed"),
    }
)

OPEN_COMPLAINT_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS)


def _closed(status: ComplaintStatus | str | None) -> bool:
    value = getattr(status, "value", status) or "received"
    return value in ("answered", "closed")


class Complaint(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A complaint or suggestion, its handling and its answer-time figures."""

    __tablename__ = "complaints"
    __audit_ignored__ = ("updated_at", "version", "is_closed")  # derived from the status
    __table_args__ = (
        # The queues: open first by nearest deadline, per organisation, per ecosystem, and
        # past the ministry's date; the lists: newest first, per requester.
        Index(
            "ix_complaints_handler_open", "handler_id", "is_closed", "due_on", "id", "deleted_at"
        ),
        Index(
            "ix_complaints_ecosystem_open",
            "ecosystem_id",
            "is_closed",
            "due_on",
            "id",
            "deleted_at",
        ),
        Index("ix_complaints_deadline", "is_closed", "due_on", "id", "deleted_at"),
        Index("ix_complaints_ministry_open", "is_closed", "ministry_on", "id", "deleted_at"),
        Index("ix_complaints_filed", "filed_on", "id", "deleted_at"),
        Index("ix_complaints_requester", "requester_id", "filed_on", "id", "deleted_at"),
        # The answer-time figures: per organisation and per ecosystem over a period.
        Index("ix_complaints_handler_times", "handler_id", "filed_on", "answer_days", "deleted_at"),
        Index(
            "ix_complaints_ecosystem_times",
            "ecosystem_id",
            "filed_on",
            "answer_days",
            "deleted_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "R-2026-000042": the year filed and the id, given once the row has its id.
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    kind: Mapped[ComplaintKind] = mapped_column(enum_column(ComplaintKind, "complaint_kind"))
    category: Mapped[ComplaintCategory] = mapped_column(
        enum_column(ComplaintCategory, "complaint_category")
    )
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    target: Mapped[ComplaintTarget] = mapped_column(
        enum_column(ComplaintTarget, "complaint_target")
    )
    # The support case, session, request, organisation or ecosystem concerned (by ``target``).
    target_id: Mapped[int | None] = mapped_column(Integer)
    # The organisation whose staff answer it (None: the portal's administrators).
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # The ecosystem whose lead federation it escalates to (None: straight to the ministry).
    ecosystem_id: Mapped[int | None] = mapped_column(ForeignKey("ecosystems.id"))
    # Who filed it: a user, or (public contact form) a name and an e-mail address.
    requester_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")
    status: Mapped[ComplaintStatus] = mapped_column(
        enum_column(ComplaintStatus, "complaint_status"), default=ComplaintStatus.RECEIVED
    )
    # Answered or closed (derived from the status, kept with it so that "open first, by
    # nearest deadline" is an indexed order).
    is_closed: Mapped[bool] = mapped_column(
        Boolean,
        default=lambda context: _closed(context.get_current_parameters().get("status")),
        nullable=False,
    )
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    filed_on: Mapped[date] = mapped_column(Date)
    # The answer is due by ``due_on``; past it the lead federation sees it, past
    # ``ministry_on`` the ministry (both reset when the requester reopens it).
    due_on: Mapped[date] = mapped_column(Date)
    ministry_on: Mapped[date] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    # Days from filing to the first answer (the figures of the 15-day commitment).
    answer_days: Mapped[int | None] = mapped_column(Integer)
    closed_on: Mapped[date | None] = mapped_column(Date)
    reopened: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    rating: Mapped[int | None] = mapped_column(Integer)  # 1 to 5, by the requester

    @validates("status")
    def _keep_is_closed(self, _key: str, status: ComplaintStatus) -> ComplaintStatus:
        self.is_closed = _closed(status)
        return status

    handler: Mapped[Organisation | None] = relationship(foreign_keys=[handler_id], lazy="joined")
    ecosystem: Mapped[Ecosystem | None] = relationship(lazy="joined")
    requester: Mapped[User | None] = relationship(foreign_keys=[requester_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])

    @property
    def is_open(self) -> bool:
        return not self.is_closed

    def is_overdue(self, today: date) -> bool:
        """Derived: still open and its answer date has passed."""
        return self.status in OPEN_COMPLAINT_STATUSES and today > self.due_on


class ComplaintMessage(Audited, TimestampMixin, db.Model):
    """One step of a complaint's thread: an answer of the staff, or the requester's reasons
    for reopening it."""

    __tablename__ = "complaint_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))  # "answer" or "reopening"
    text: Mapped[str] = mapped_column(Text)
    written_on: Mapped[date] = mapped_column(Date)

    author: Mapped[User | None] = relationship(lazy="joined")


class ComplaintAttachment(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A file attached to a complaint when it was filed, stored outside the static folder."""

    __tablename__ = "complaint_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
