"""Training: the topic catalogue, SMEs' training needs, institutes' offers, sessions planned
from demand, enrolments with a waiting list, attendance and satisfaction evaluations."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
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
from portal.models.organisation import Organisation


class TrainingTopic(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A topic of the bilingual catalogue (ISO 9001 requirements, internal auditor, ...)."""

    __tablename__ = "training_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


class JobCategory(LabelledEnum):
    """Who is to be trained."""

    OPERATORS = "operators"
    TECHNICIANS = "technicians"
    SUPERVISORS = "supervisors"
    ENGINEERS = "engineers"
    QUALITY_STAFF = "quality_staff"
    MANAGERS = "managers"


set_labels(
    {
        JobCategory.OPERATORS: _l("Operators"),
        JobCategory.TECHNICIANS: _l("Technicians"),
        JobCategory.SUPERVISORS: _l("Supervisors and team leaders"),
        JobCategory.ENGINEERS: _l("Engineers"),
        JobCategory.QUALITY_STAFF: _l("Quality staff"),
        JobCategory.MANAGERS: _l("Managers"),
    }
)


class Level(LabelledEnum):
    """The level of a training."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


set_labels(
    {
        # i18n: level of a training
        Level.BEGINNER: _l("Beginner"),
        # i18n: level of a training
        Level.INTERMEDIATE: _l("Intermediate"),
        # i18n: level of a training
        Level.ADVANCED: _l("Advanced"),
    }
)


class Priority(LabelledEnum):
    """How urgent a need is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


set_labels(
    {
        # i18n: priority of a training need
        Priority.HIGH: _l("High priority"),
        # i18n: priority of a training need
        Priority.MEDIUM: _l("Medium priority"),
        # i18n: priority of a training need
        Priority.LOW: _l("Low priority"),
    }
)


class Modality(LabelledEnum):
    """How a training is given."""

    IN_PERSON = "in_person"
    REMOTE = "remote"
    IN_COMPANY = "in_company"


set_labels(
    {
        # i18n: training modality
        Modality.IN_PERSON: _l("In person"),
        # i18n: training modality
        Modality.REMOTE: _l("Remote"),
        # i18n: training modality: at the company's premises
        Modality.IN_COMPANY: _l("In the company"),
    }
)


class NeedStatus(LabelledEnum):
    """Where a training need stands."""

    SUBMITTED = "submitted"
    VALIDATED = "validated"
    PLANNED = "planned"
    FULFILLED = "fulfilled"
    DECLINED = "declined"


set_labels(
    {
        # i18n: status of a training need
        NeedStatus.SUBMITTED: _l("Submitted"),
        # i18n: status of a training need
        NeedStatus.VALIDATED: _l("Validated"),
        # i18n: status of a training need: a session serving it is planned
        NeedStatus.PLANNED: _l("Session planned"),
        # i18n: status of a training need
        NeedStatus.FULFILLED: _l("Fulfilled"),
        # i18n: status of a training need
        NeedStatus.DECLINED: _l("Declined"),
    }
)


def quarter_of(day: date) -> str:
    """ "2027-Q1" for a date in January to March 2027."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class TrainingNeed(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A company's declared need: topic, people, level, priority, period, region, modality."""

    __tablename__ = "training_needs"
    # The list is read newest first (created_at, id) whatever its filter: one index per
    # filter ends with that order, so a page and its bounded count read only the rows shown
    # (issue 11); deleted_at comes last, so the soft-deletion filter is checked in the index
    # (a count or a deep page reads no row). The cell index serves the demand's drill-down
    # and its summary's upkeep.
    __table_args__ = (
        CheckConstraint("people > 0", name="people_positive"),
        Index("ix_training_needs_created", "created_at", "id", "deleted_at"),
        Index(
            "ix_training_needs_organisation_created",
            "organisation_id",
            "created_at",
            "id",
            "deleted_at",
        ),
        Index(
            "ix_training_needs_ecosystem_created", "ecosystem_id", "created_at", "id", "deleted_at"
        ),
        Index(
            "ix_training_needs_ecosystem_status_created",
            "ecosystem_id",
            "status",
            "created_at",
            "id",
            "deleted_at",
        ),
        Index("ix_training_needs_status_created", "status", "created_at", "id", "deleted_at"),
        Index("ix_training_needs_topic_created", "topic_id", "created_at", "id", "deleted_at"),
        Index("ix_training_needs_region_created", "region", "created_at", "id", "deleted_at"),
        Index("ix_training_needs_quarter_created", "quarter", "created_at", "id", "deleted_at"),
        # The quarters a federation's needs are in (the filter's choices), one probe each.
        Index("ix_training_needs_ecosystem_quarter", "ecosystem_id", "quarter", "deleted_at"),
        Index(
            "ix_training_needs_cell",
            "topic_id",
            "region",
            "quarter",
            "status",
            "created_at",
            "id",
            "deleted_at",
        ),
        # Few needs continue another or come from a diagnostic: partial indexes hold only
        # those, so "the needs declared from diagnostics" reads them alone (a full index,
        # all but a few of its entries NULL, lost to the status index in SQLite's planner
        # and the demand page read the million needs: 0.5 s; issue 11).
        Index(
            "ix_training_needs_remainder_of",
            "remainder_of_id",
            sqlite_where=text("remainder_of_id IS NOT NULL"),
            postgresql_where=text("remainder_of_id IS NOT NULL"),
        ),
        Index(
            "ix_training_needs_diagnostic",
            "diagnostic_id",
            sqlite_where=text("diagnostic_id IS NOT NULL"),
            postgresql_where=text("diagnostic_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    # active_history: a change keeps the previous value, so the demand summary refreshes
    # the cell the need leaves as well as the one it enters.
    ecosystem_id: Mapped[int] = mapped_column(ForeignKey("ecosystems.id"), active_history=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id"), active_history=True)
    job_category: Mapped[JobCategory] = mapped_column(enum_column(JobCategory, "job_category"))
    people: Mapped[int] = mapped_column(Integer)
    level: Mapped[Level] = mapped_column(enum_column(Level, "level"))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"))
    quarter: Mapped[str] = mapped_column(String(7), active_history=True)  # "2027-Q1"
    region: Mapped[str] = mapped_column(String(5), active_history=True)
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "modality"))
    status: Mapped[NeedStatus] = mapped_column(
        enum_column(NeedStatus, "need_status"), default=NeedStatus.SUBMITTED
    )
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("training_needs.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    validated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    validated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Once the session that served it is held: its people who attended every day. Fewer
    # than declared: the need is fulfilled in part and a new need (``remainder_of_id`` its
    # id) keeps the rest open; none: the need itself is open again.
    people_trained: Mapped[int | None] = mapped_column(Integer)
    remainder_of_id: Mapped[int | None] = mapped_column(Integer)
    # Declared from a diagnostic's proposal (a clause rated low, a topic that helps with it).
    diagnostic_id: Mapped[int | None] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    topic: Mapped[TrainingTopic] = relationship(lazy="joined")


class TrainingOffer(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An institute's published training: topic, duration, modality, capacity, price."""

    __tablename__ = "training_offers"
    # The list's order (topic, id), for every filter (issue 11).
    __table_args__ = (Index("ix_training_offers_topic_order", "topic_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institute_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id"))
    title_fr: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(String(300))
    duration_hours: Mapped[int] = mapped_column(Integer)
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "offer_modality"))
    capacity: Mapped[int] = mapped_column(Integer)
    languages: Mapped[str] = mapped_column(String(20), default="fr")  # "fr,ar"
    price_mad: Mapped[float | None] = mapped_column(Numeric(12, 2))
    regions: Mapped[str] = mapped_column(String(120), default="")  # "MA-01,MA-06"
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)

    institute: Mapped[Organisation] = relationship(lazy="joined")
    topic: Mapped[TrainingTopic] = relationship(lazy="joined")

    def serves(self, region: str) -> bool:
        """Whether the offer is given in a region."""
        return region in self.regions.split(",")


class SessionStatus(LabelledEnum):
    """Where a session stands."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


set_labels(
    {
        # i18n: status of a training session
        SessionStatus.PLANNED: _l("Planned"),
        # i18n: status of a training session
        SessionStatus.HELD: _l("Held"),
        # i18n: status of a training session
        SessionStatus.CANCELLED: _l("Cancelled"),
    }
)


class TrainingSession(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A session planned by federation staff from a demand cell and an offer."""

    __tablename__ = "training_sessions"
    # The list is read latest first (starts_on, id): one index per scope and filter ends with
    # that order (issue 11).
    __table_args__ = (
        CheckConstraint("seats > 0", name="seats_positive"),
        Index("ix_training_sessions_starts", "starts_on", "id"),
        Index("ix_training_sessions_status_starts", "status", "starts_on", "id"),
        Index("ix_training_sessions_ecosystem_starts", "ecosystem_id", "starts_on", "id"),
        Index(
            "ix_training_sessions_ecosystem_status_starts",
            "ecosystem_id",
            "status",
            "starts_on",
            "id",
        ),
        Index("ix_training_sessions_institute_starts", "institute_id", "starts_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("training_offers.id"), index=True)
    institute_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id"), index=True)
    ecosystem_id: Mapped[int] = mapped_column(ForeignKey("ecosystems.id"))
    region: Mapped[str] = mapped_column(String(5))
    quarter: Mapped[str] = mapped_column(String(7))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300))
    seats: Mapped[int] = mapped_column(Integer)
    status: Mapped[SessionStatus] = mapped_column(
        enum_column(SessionStatus, "session_status"), default=SessionStatus.PLANNED
    )
    # Bumped by every enrolment change: the UPDATE takes the row lock that serialises them.
    enrolment_counter: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # Until this day (included) seats are kept for the companies whose needs the session
    # serves (``SeatReservation``); then free seats open to every member. None: no seat kept.
    seats_reserved_until: Mapped[date | None] = mapped_column(Date)

    offer: Mapped[TrainingOffer] = relationship(lazy="joined")
    institute: Mapped[Organisation] = relationship(foreign_keys=[institute_id], lazy="joined")
    topic: Mapped[TrainingTopic] = relationship(lazy="joined")


class EnrolmentStatus(LabelledEnum):
    """A participant's place in a session."""

    ENROLLED = "enrolled"
    WAITING = "waiting"
    CANCELLED = "cancelled"


set_labels(
    {
        # i18n: status of a participant in a training session
        EnrolmentStatus.ENROLLED: _l("Enrolled"),
        # i18n: status of a participant in a training session
        EnrolmentStatus.WAITING: _l("On the waiting list"),
        # i18n: status of a participant in a training session
        EnrolmentStatus.CANCELLED: _l("Cancelled"),
    }
)


class Enrolment(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A named participant of a company in a session; attendance recorded by the institute."""

    __tablename__ = "enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    participant_name: Mapped[str] = mapped_column(String(200))
    participant_job: Mapped[str] = mapped_column(String(200), default="")
    # Where the invitation (with a calendar file) and the reminder go; none for enrolments
    # made before it was asked.
    participant_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[EnrolmentStatus] = mapped_column(
        enum_column(EnrolmentStatus, "enrolment_status"), index=True
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Present on at least one day of the session (``AttendanceDay`` says which).
    attended: Mapped[bool | None] = mapped_column(Boolean)
    # The code printed on the participant's attendance certificate, checked on the public
    # verification page; given when attendance first shows them present.
    certificate_code: Mapped[str | None] = mapped_column(String(20), index=True, unique=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ClauseTopic(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A training topic that helps with a clause of a standard (by the clause's number, so
    that it holds across outline versions): a diagnostic that rates the clause low proposes
    it. Maintained by federation staff."""

    __tablename__ = "clause_training_topics"
    __table_args__ = (
        Index("ix_clause_training_topics_clause", "standard_id", "clause_number", "topic_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"))
    clause_number: Mapped[str] = mapped_column(String(20))
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id"))

    topic: Mapped[TrainingTopic] = relationship(lazy="joined")
    standard = relationship("Standard", lazy="joined")


class AttendanceDay(Audited, TimestampMixin, db.Model):
    """Whether a participant was present on one day of a multi-day session, as the institute
    recorded it (corrected in place, never deleted)."""

    __tablename__ = "attendance_days"
    __table_args__ = (UniqueConstraint("enrolment_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"))
    day: Mapped[date] = mapped_column(Date)
    present: Mapped[bool] = mapped_column(Boolean, nullable=False)


class SeatReservation(Audited, TimestampMixin, db.Model):
    """Seats of a session kept for one company until the session's ``seats_reserved_until``,
    in proportion to the people its validated needs declared (issue 16, item 1); the planner
    may change them. Never deleted: a company whose seats were all given back keeps 0."""

    __tablename__ = "seat_reservations"
    __table_args__ = (
        UniqueConstraint("session_id", "organisation_id"),
        CheckConstraint("seats >= 0", name="reserved_seats_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    seats: Mapped[int] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


# The scope of a demand summary row that counts every ecosystem (companies are counted once
# however many ecosystems their needs are in, so this total is kept apart, not summed).
ALL_ECOSYSTEMS = 0


class TrainingDemandCell(db.Model):
    """The demand summary: validated needs of one topic, region and quarter, in one ecosystem
    (or in all of them: ``ecosystem_id`` = ``ALL_ECOSYSTEMS``), with their people, distinct
    companies and number. Kept exact by ``services.training.demand_summary`` in the same
    transaction as any change to the needs; rows are removed when their cell empties."""

    __tablename__ = "training_demand_cells"
    __table_args__ = (
        Index("ix_training_demand_cells_topic", "topic_id", "region", "quarter"),
        # The cells with most people first (the demand page without a region).
        Index(
            "ix_training_demand_cells_people",
            "ecosystem_id",
            "people",
            "topic_id",
            "region",
            "quarter",
        ),
    )

    # No foreign key on ecosystem_id: 0 stands for every ecosystem.
    ecosystem_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    region: Mapped[str] = mapped_column(String(5), primary_key=True)
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("training_topics.id"), primary_key=True, autoincrement=False
    )
    quarter: Mapped[str] = mapped_column(String(7), primary_key=True)
    people: Mapped[int] = mapped_column(Integer, nullable=False)
    companies: Mapped[int] = mapped_column(Integer, nullable=False)
    needs: Mapped[int] = mapped_column(Integer, nullable=False)
