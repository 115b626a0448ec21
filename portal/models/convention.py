"""Partnership conventions: parties, commitments, milestones, indicators with measurements,
amendments, signed documents and the history of status changes.

Late, at risk and progress are derived from these rows (see services/conventions.py), never
stored. ``Milestone.is_late`` and ``Commitment.is_late`` work on a row and, on the class, as a
SQL condition: ``select(Milestone).where(Milestone.is_late(today))``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    and_,
    column,
    nulls_first,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
from portal.models.ecosystem import Ecosystem
from portal.models.organisation import Organisation
from portal.models.user import User


class ConventionType(LabelledEnum):
    """The kind of agreement."""

    FRAMEWORK = "framework"
    PARTNERSHIP = "partnership"
    SPECIFIC = "specific"


set_labels(
    {
        # i18n: convention type, "convention-cadre"
        ConventionType.FRAMEWORK: _l("Framework convention"),
        # i18n: convention type, "convention de partenariat"
        ConventionType.PARTNERSHIP: _l("Partnership convention"),
        # i18n: convention type, "convention spécifique" implementing a framework one
        ConventionType.SPECIFIC: _l("Specific convention"),
    }
)


class ConventionStatus(LabelledEnum):
    """Where a convention stands: draft → signed → in progress → completed; or suspended,
    terminated."""

    DRAFT = "draft"
    SIGNED = "signed"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


set_labels(
    {
        # i18n: status of a convention
        ConventionStatus.DRAFT: _l("Draft"),
        # i18n: status of a convention
        ConventionStatus.SIGNED: _l("Signed"),
        # i18n: status of a convention
        ConventionStatus.IN_PROGRESS: _l("In progress"),
        # i18n: status of a convention
        ConventionStatus.COMPLETED: _l("Completed"),
        # i18n: status of a convention
        ConventionStatus.SUSPENDED: _l("Suspended"),
        # i18n: status of a convention
        ConventionStatus.TERMINATED: _l("Terminated"),
    }
)


class Convention(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A partnership convention between the ministry and federations for an ecosystem."""

    __tablename__ = "conventions"
    # The list's order, most recently signed first, unsigned drafts last, then the newest
    # (issue 11): read backwards, (signed_on NULLS FIRST, id) is that order on both databases.
    # Declared as PostgreSQL builds them; on SQLite, which puts NULLs first anyway and cannot
    # say so in an index, migrations 0010 and 0014 build plain (…, signed_on, id) ones.
    __table_args__ = (
        Index("ix_conventions_signed", nulls_first(column("signed_on")), "id"),
        Index(
            "ix_conventions_ecosystem_signed",
            "ecosystem_id",
            nulls_first(column("signed_on")),
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    title_fr: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(String(300))
    summary_fr: Mapped[str] = mapped_column(Text, default="")
    summary_ar: Mapped[str] = mapped_column(Text, default="")
    ecosystem_id: Mapped[int] = mapped_column(ForeignKey("ecosystems.id"), index=True)
    type: Mapped[ConventionType] = mapped_column(enum_column(ConventionType, "convention_type"))
    signed_on: Mapped[date | None] = mapped_column(Date)
    effective_from: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ConventionStatus] = mapped_column(
        enum_column(ConventionStatus, "convention_status"), default=ConventionStatus.DRAFT
    )
    budget_mad: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))

    ecosystem: Mapped[Ecosystem] = relationship(lazy="joined")


class ConventionStatusChange(db.Model):
    """One status transition of a convention, with who made it, when and why."""

    __tablename__ = "convention_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    from_status: Mapped[ConventionStatus | None] = mapped_column(
        enum_column(ConventionStatus, "from_status")
    )
    to_status: Mapped[ConventionStatus] = mapped_column(enum_column(ConventionStatus, "to_status"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship(lazy="joined")


class PartyRole(LabelledEnum):
    """How an organisation takes part in a convention."""

    SIGNATORY = "signatory"
    PARTNER = "partner"


set_labels(
    {
        # i18n: role of a party to a convention
        PartyRole.SIGNATORY: _l("Signatory"),
        # i18n: role of a party to a convention
        PartyRole.PARTNER: _l("Partner"),
    }
)


class ConventionParty(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An organisation that is party to a convention, with its signatory and contribution."""

    __tablename__ = "convention_parties"
    __table_args__ = (UniqueConstraint("convention_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[PartyRole] = mapped_column(enum_column(PartyRole, "party_role"))
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title_fr: Mapped[str] = mapped_column(String(200), default="")
    signatory_title_ar: Mapped[str] = mapped_column(String(200), default="")
    contribution_fr: Mapped[str] = mapped_column(Text, default="")
    contribution_ar: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class CommitmentStatus(LabelledEnum):
    """Where a commitment stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


set_labels(
    {
        # i18n: status of a commitment of a convention
        CommitmentStatus.NOT_STARTED: _l("Not started"),
        # i18n: status of a commitment of a convention
        CommitmentStatus.IN_PROGRESS: _l("Under way"),
        # i18n: status of a commitment of a convention
        CommitmentStatus.DONE: _l("Done"),
        # i18n: status of a commitment of a convention
        CommitmentStatus.CANCELLED: _l("Cancelled"),
    }
)


# A commitment in one of these statuses can no longer be late.
COMMITMENT_CLOSED = (CommitmentStatus.DONE, CommitmentStatus.CANCELLED)


class Commitment(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """Something a party undertook to do under a convention; late when its due date has
    passed and it is neither done nor cancelled."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("convention_parties.id"), index=True)
    description_fr: Mapped[str] = mapped_column(Text)
    description_ar: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus, "commitment_status"), default=CommitmentStatus.NOT_STARTED
    )
    # The day it was done (set with the status "done"), so that lateness survives completion.
    completed_on: Mapped[date | None] = mapped_column(Date)

    party: Mapped[ConventionParty] = relationship(lazy="joined")

    @hybrid_method
    def is_late(self, today: date) -> bool:
        """Derived, never stored: due before today and neither done nor cancelled."""
        return (
            self.due_date is not None
            and self.due_date < today
            and self.status not in COMMITMENT_CLOSED
        )

    @is_late.inplace.expression
    @classmethod
    def _is_late_condition(cls, today: date) -> ColumnElement[bool]:
        return and_(
            cls.due_date.is_not(None),
            cls.due_date < today,
            cls.status.not_in(COMMITMENT_CLOSED),
        )

    def days_late(self, today: date) -> int:
        """Days past the due date: when it was done, or until today while it is open."""
        if self.due_date is None or self.status == CommitmentStatus.CANCELLED:
            return 0
        if self.status == CommitmentStatus.DONE:
            return max(0, (self.completed_on - self.due_date).days) if self.completed_on else 0
        return max(0, (today - self.due_date).days)


class Milestone(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A dated step of a convention; it is late when its due date has passed undone."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    title_fr: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # What shows it was done: a short note and/or one of the convention's documents.
    evidence_note: Mapped[str] = mapped_column(String(500), default="")
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("convention_documents.id"))

    @hybrid_method
    def is_late(self, today: date) -> bool:
        """Derived from the date, never stored: due before today and not completed."""
        return self.completed_on is None and self.due_date < today

    @is_late.inplace.expression
    @classmethod
    def _is_late_condition(cls, today: date) -> ColumnElement[bool]:
        return and_(cls.completed_on.is_(None), cls.due_date < today)

    def days_late(self, today: date) -> int:
        """Days past the due date: when it was done, or until today while it is open."""
        return max(0, ((self.completed_on or today) - self.due_date).days)


class PortalMetric(LabelledEnum):
    """A figure the portal computes for an ecosystem since a date, to which an indicator can
    be bound (its measurements are then recorded daily: services/conventions/metrics.py)."""

    ACTIVE_MEMBERS = "active_members"
    SMES_ACCOMPANIED = "smes_accompanied"
    SMES_CERTIFIED = "smes_certified"
    PEOPLE_TRAINED = "people_trained"
    REQUESTS_ON_TIME = "requests_on_time"
    COMPLAINTS_ON_TIME = "complaints_on_time"


set_labels(
    {
        PortalMetric.ACTIVE_MEMBERS: _l("Active members of the ecosystem"),
        PortalMetric.SMES_ACCOMPANIED: _l("Companies accompanied towards certification"),
        PortalMetric.SMES_CERTIFIED: _l("Companies certified through their support case"),
        PortalMetric.PEOPLE_TRAINED: _l("People trained (attended a session)"),
        PortalMetric.REQUESTS_ON_TIME: _l(
            "Share of the members' service requests answered within their deadline, in per cent"
        ),
        PortalMetric.COMPLAINTS_ON_TIME: _l(
            "Share of the complaints answered within their deadline, in per cent"
        ),
    }
)


class Indicator(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A measured quantity with a baseline and a target to reach by a date; bound to a
    figure of the portal (``metric``), its measurements are recorded by the portal."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    name_fr: Mapped[str] = mapped_column(String(300))
    name_ar: Mapped[str] = mapped_column(String(300))
    unit_fr: Mapped[str] = mapped_column(String(60), default="")
    unit_ar: Mapped[str] = mapped_column(String(60), default="")
    baseline: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    baseline_date: Mapped[date] = mapped_column(Date)
    target: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    target_date: Mapped[date] = mapped_column(Date)
    metric: Mapped[PortalMetric | None] = mapped_column(
        enum_column(PortalMetric, "portal_metric"), nullable=True
    )


class Measurement(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A dated value of an indicator, with its source and who recorded it. One the portal
    computed (``computed``) can be overridden by a person: ``value`` is then theirs, the
    portal's figure stays in ``portal_value`` and their reason in ``override_reason``."""

    __tablename__ = "measurements"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    source: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    computed: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    portal_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    override_reason: Mapped[str] = mapped_column(Text, default="")

    recorded_by: Mapped[User | None] = relationship(lazy="joined")


class Amendment(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """An amendment (avenant): what it changed is kept, before and after."""

    __tablename__ = "amendments"
    __table_args__ = (UniqueConstraint("convention_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    signed_on: Mapped[date] = mapped_column(Date)
    summary_fr: Mapped[str] = mapped_column(Text)
    summary_ar: Mapped[str] = mapped_column(Text)
    previous_ends_on: Mapped[date | None] = mapped_column(Date)
    new_ends_on: Mapped[date | None] = mapped_column(Date)
    previous_budget_mad: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    new_budget_mad: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    commitments_change_fr: Mapped[str] = mapped_column(Text, default="")
    commitments_change_ar: Mapped[str] = mapped_column(Text, default="")


class DocumentKind(LabelledEnum):
    """What a convention document is."""

    SIGNED_CONVENTION = "signed_convention"
    AMENDMENT = "amendment"
    ANNEX = "annex"
    EVIDENCE = "evidence"


set_labels(
    {
        DocumentKind.SIGNED_CONVENTION: _l("Signed convention"),
        DocumentKind.AMENDMENT: _l("Signed amendment"),
        DocumentKind.ANNEX: _l("Annex"),
        # i18n: kind of a convention document: a PDF showing that a milestone was reached
        DocumentKind.EVIDENCE: _l("Evidence of a milestone"),
    }
)


class ConventionDocument(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A PDF attached to a convention, stored outside the static folder under a generated
    name and served only to those who may see the convention."""

    __tablename__ = "convention_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("amendments.id"))
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"))
    title: Mapped[str] = mapped_column(String(200))
    original_filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
