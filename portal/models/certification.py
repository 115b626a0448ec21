"""Certification support: the standards catalogue with clause outlines, support cases from
request to certificate, diagnostics (clause-by-clause self-assessment), action plans, audits
with nonconformities and certificates (service requests to quality infrastructure bodies are
``portal.models.service_requests``).

Readiness, lateness, surveillance dates, expiry and "expired" are derived, never stored.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
    select,
)
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
from portal.models.user import User


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it is shorter
    (29 February + 12 months = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Standard(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A certifiable standard (ISO 9001:2015...), with its clause outline."""

    __tablename__ = "standards"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # "iso_9001"
    reference: Mapped[str] = mapped_column(String(60))  # "ISO 9001:2015"
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


# The most clauses an outline holds, and guidance questions a clause: the longest outline
# loaded (IATF 16949) has about 150 clauses; the bounds keep every outline page and copy small.
MAX_OUTLINE_CLAUSES = 400
MAX_CLAUSE_QUESTIONS = 4


class StandardOutline(Audited, TimestampMixin, db.Model):
    """A version of a standard's clause outline (1, 2, ...): a draft while administrators
    edit it, then published for good. Diagnostics started afterwards rate the latest
    published version; each diagnostic keeps the one it was started with, whose clauses
    (and the answers, actions and nonconformities pointing at them) never change."""

    __tablename__ = "standard_outlines"
    __table_args__ = (UniqueConstraint("standard_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"))
    number: Mapped[int] = mapped_column(Integer)
    published: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # When and by whom an administrator published it (empty for the outlines the migrations
    # loaded, published from the start).
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def is_draft(self) -> bool:
        return not self.published


class StandardClause(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A clause of a version of a standard's outline: its number and title only (the ISO
    text is not reproduced). Clauses with a one-part number ("4") are the groups readiness
    is reported by. A number is unique among the live clauses of an outline (checked by
    ``services.standards``: a removed clause of a draft keeps its row)."""

    __tablename__ = "standard_clauses"
    __table_args__ = (Index("ix_standard_clauses_outline_position", "outline_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"), index=True)
    outline_id: Mapped[int] = mapped_column(ForeignKey("standard_outlines.id"))
    number: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    title_en: Mapped[str] = mapped_column(String(200))
    title_fr: Mapped[str] = mapped_column(String(200))
    title_ar: Mapped[str] = mapped_column(String(200))

    @property
    def group(self) -> str:
        """The top-level clause this one belongs to ("7" for "7.1.5")."""
        return self.number.split(".")[0]

    @property
    def is_group(self) -> bool:
        return "." not in self.number


class ClauseQuestion(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A guidance question shown beside a clause while rating it, in the portal's own words
    (French and Arabic); it belongs to the clause of one outline version."""

    __tablename__ = "clause_questions"
    __table_args__ = (Index("ix_clause_questions_clause_position", "clause_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("standard_clauses.id"))
    position: Mapped[int] = mapped_column(Integer)
    text_fr: Mapped[str] = mapped_column(String(500))
    text_ar: Mapped[str] = mapped_column(String(500))


class CaseKind(LabelledEnum):
    """What the SME is aiming for."""

    INITIAL = "initial"
    RENEWAL = "renewal"
    TRANSITION = "transition"


set_labels(
    {
        # i18n: kind of certification support case
        CaseKind.INITIAL: _l("Initial certification"),
        # i18n: kind of certification support case
        CaseKind.RENEWAL: _l("Renewal"),
        # i18n: kind of certification support case: move to a new version of the standard
        CaseKind.TRANSITION: _l("Transition to a new version"),
    }
)


class CaseStage(LabelledEnum):
    """The steps of a support case, in order; closed ends it early."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DIAGNOSTIC = "diagnostic"
    ACTION_PLAN = "action_plan"
    IMPLEMENTATION = "implementation"
    INTERNAL_AUDIT = "internal_audit"
    CERTIFICATION_AUDIT = "certification_audit"
    CERTIFIED = "certified"
    CLOSED = "closed"


set_labels(
    {
        # i18n: stage of a certification support case: the SME has asked for support
        CaseStage.REQUESTED: _l("Request received"),
        # i18n: stage of a certification support case
        CaseStage.ACCEPTED: _l("Accepted"),
        # i18n: stage of a certification support case
        CaseStage.DIAGNOSTIC: _l("Diagnostic"),
        # i18n: stage of a certification support case
        CaseStage.ACTION_PLAN: _l("Action plan"),
        # i18n: stage of a certification support case
        CaseStage.IMPLEMENTATION: _l("Implementation"),
        # i18n: stage of a certification support case
        CaseStage.INTERNAL_AUDIT: _l("Internal audit"),
        # i18n: stage of a certification support case
        CaseStage.CERTIFICATION_AUDIT: _l("Certification audit"),
        # i18n: stage of a certification support case
        CaseStage.CERTIFIED: _l("Certified"),
        # i18n: stage of a certification support case, ended before certification
        CaseStage.CLOSED: _l("Closed early"),
    }
)


class SupportCase(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An SME followed towards a certificate, in an ecosystem, with an expert and funding."""

    __tablename__ = "support_cases"
    # The case list's order (most recently changed first) for each of its filters and scopes,
    # and the pipeline's counts by stage of an ecosystem (issue 11); they also serve the
    # look-ups by organisation, ecosystem, standard and stage.
    __table_args__ = (
        Index("ix_support_cases_updated", "updated_at", "id", "deleted_at"),
        Index("ix_support_cases_stage_updated", "stage", "updated_at", "id", "deleted_at"),
        Index("ix_support_cases_standard_updated", "standard_id", "updated_at", "id", "deleted_at"),
        Index(
            "ix_support_cases_organisation_updated",
            "organisation_id",
            "updated_at",
            "id",
            "deleted_at",
        ),
        Index("ix_support_cases_expert_updated", "expert_id", "updated_at", "id", "deleted_at"),
        Index(
            "ix_support_cases_consulting_firm_updated",
            "consulting_firm_id",
            "updated_at",
            "id",
            "deleted_at",
        ),
        Index(
            "ix_support_cases_ecosystem_updated", "ecosystem_id", "updated_at", "id", "deleted_at"
        ),
        Index(
            "ix_support_cases_ecosystem_stage_updated",
            "ecosystem_id",
            "stage",
            "updated_at",
            "id",
            "deleted_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    ecosystem_id: Mapped[int] = mapped_column(ForeignKey("ecosystems.id"))
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"))
    kind: Mapped[CaseKind] = mapped_column(enum_column(CaseKind, "case_kind"))
    stage: Mapped[CaseStage] = mapped_column(
        enum_column(CaseStage, "case_stage"), default=CaseStage.REQUESTED
    )
    motivation: Mapped[str] = mapped_column(Text, default="")
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("quality_experts.id"))
    # Set by the lead federation: the assigned expert may fill diagnostics and work on the
    # action plan (they always read them).
    expert_may_contribute: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The consulting firm assigned beside (or instead of) the expert (issue 14, item 1): its
    # consultants open the case and work on it as the expert may (``expert_may_contribute``).
    consulting_firm_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    funding_programme: Mapped[str] = mapped_column(String(200), default="")
    cofinancing_rate: Mapped[int | None] = mapped_column(Integer)  # percent, 0 to 100
    closing_reason: Mapped[str] = mapped_column(Text, default="")
    # The support's plan (issue 14, item 2): when it starts and how many months it runs.
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_months: Mapped[int | None] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship(lazy="joined", foreign_keys=[organisation_id])
    consulting_firm: Mapped[Organisation | None] = relationship(
        lazy="raise", foreign_keys=[consulting_firm_id]
    )
    standard: Mapped[Standard] = relationship(lazy="joined")

    @property
    def planned_end(self) -> date | None:
        if self.planned_start is None or not self.planned_months:
            return None
        return add_months(self.planned_start, self.planned_months)


class CasePhase(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A phase of a support case's plan (diagnostic, documentation, internal audit…) with
    its dates; late when its end has passed and it is not done (derived, like milestones)."""

    __tablename__ = "case_phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("support_cases.id"), index=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)

    def is_late(self, today: date) -> bool:
        return self.completed_on is None and self.ends_on < today


class QualityPolicy(Audited, TimestampMixin, db.Model):
    """A version of an organisation's quality policy (issue 14, item 4), in French and
    Arabic, with who approved it and when. Versions are kept: a new text is a new version."""

    __tablename__ = "quality_policies"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text_fr: Mapped[str] = mapped_column(Text)
    text_ar: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ManagementReview(Audited, TimestampMixin, db.Model):
    """A management review of an organisation's quality system (ISO 9001, clause 9.3): when
    it was held, which of the inputs of 9.3.2 it covered (their letters, "a,c,f") and what it
    decided (9.3.3)."""

    __tablename__ = "management_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    inputs: Mapped[str] = mapped_column(String(20), default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class QualityObjective(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A measurable quality objective of an organisation (ISO 9001, 6.2; issue 14, item 4):
    what it measures in both languages and in which unit, where it starts (baseline, on a
    day), where it should be (target) and by when, and who owns it. Its attainment and
    whether it is on its line are derived from its measurements (``services.trajectory``,
    as for a convention's indicators)."""

    __tablename__ = "quality_objectives"
    __table_args__ = (Index("ix_quality_objectives_organisation", "organisation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    title_fr: Mapped[str] = mapped_column(String(300))
    title_ar: Mapped[str] = mapped_column(String(300))
    unit_fr: Mapped[str] = mapped_column(String(60), default="")
    unit_ar: Mapped[str] = mapped_column(String(60), default="")
    baseline: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    baseline_date: Mapped[date] = mapped_column(Date)
    target: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    target_date: Mapped[date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ObjectiveMeasurement(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A dated value of a quality objective, with a comment and who recorded it."""

    __tablename__ = "objective_measurements"
    __table_args__ = (
        Index("ix_objective_measurements_objective", "objective_id", "measured_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("quality_objectives.id"))
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    recorded_by: Mapped[User | None] = relationship(lazy="joined")


class SteeringMeeting(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A meeting of a support case's steering committee: date, who attended, what it
    decided, and its minutes (a PDF in the file store)."""

    __tablename__ = "steering_meetings"
    # The file's name in the store: minutes_name says which file it is.
    __audit_ignored__ = ("updated_at", "minutes_stored")

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("support_cases.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    minutes_name: Mapped[str] = mapped_column(String(255), default="")
    minutes_stored: Mapped[str | None] = mapped_column(String(80), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CaseTransition(db.Model):
    """One move of a support case from a stage to the next, with date, actor and comment."""

    __tablename__ = "case_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("support_cases.id"), index=True)
    from_stage: Mapped[CaseStage | None] = mapped_column(enum_column(CaseStage, "from_stage"))
    to_stage: Mapped[CaseStage] = mapped_column(enum_column(CaseStage, "to_stage"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text, default="")
    # Why an administrator moved the case although a gate was not passed (empty otherwise).
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    actor: Mapped[User | None] = relationship(lazy="joined")


class Rating(LabelledEnum):
    """How far a clause is implemented (score 0 to 3), or not applicable."""

    NOT_STARTED = "not_started"
    PARTIAL = "partial"
    LARGELY = "largely"
    FULLY = "fully"
    NOT_APPLICABLE = "not_applicable"

    @property
    def score(self) -> int | None:
        """0 to 3; None for not applicable (left out of readiness)."""
        return {"not_started": 0, "partial": 1, "largely": 2, "fully": 3}.get(self.value)


set_labels(
    {
        # i18n: diagnostic rating of a clause
        Rating.NOT_STARTED: _l("Not started"),
        # i18n: diagnostic rating of a clause
        Rating.PARTIAL: _l("Partially implemented"),
        # i18n: diagnostic rating of a clause
        Rating.LARGELY: _l("Largely implemented"),
        # i18n: diagnostic rating of a clause
        Rating.FULLY: _l("Fully implemented"),
        # i18n: diagnostic rating of a clause
        Rating.NOT_APPLICABLE: _l("Not applicable"),
    }
)


def _published_outline_of_case(context: Any) -> int | None:
    """The latest published outline of the standard of the diagnostic's case."""
    case_id = context.get_current_parameters()["case_id"]
    query = (
        select(StandardOutline.id)
        .join(SupportCase, SupportCase.standard_id == StandardOutline.standard_id)
        .where(SupportCase.id == case_id, StandardOutline.published)
        .order_by(StandardOutline.number.desc())
        .limit(1)
    )
    return context.connection.execute(query).scalar()


class Diagnostic(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A clause-by-clause self-assessment of a case; it can be repeated and compared."""

    __tablename__ = "diagnostics"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("support_cases.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # The outline version the diagnostic rates: the standard's published one when it was
    # started (the column's default for an insert that does not name it), kept whatever is
    # published later.
    outline_id: Mapped[int] = mapped_column(
        ForeignKey("standard_outlines.id"), index=True, default=_published_outline_of_case
    )
    completed_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class DiagnosticAnswer(Audited, TimestampMixin, db.Model):
    """The rating of one clause in one diagnostic, with its evidence."""

    __tablename__ = "diagnostic_answers"
    __table_args__ = (UniqueConstraint("diagnostic_id", "clause_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(ForeignKey("diagnostics.id"), index=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("standard_clauses.id"), index=True)
    rating: Mapped[Rating] = mapped_column(enum_column(Rating, "rating"))
    justification: Mapped[str] = mapped_column(Text, default="")  # required when N/A
    evidence_note: Mapped[str] = mapped_column(Text, default="")
    evidence_file: Mapped[str | None] = mapped_column(String(80))  # stored name
    evidence_filename: Mapped[str | None] = mapped_column(String(255))


class EvidenceLink(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A record of the beneficiary's quality system given as evidence of a diagnostic answer
    (clause 5.2 → a version of the quality policy, 6.2 → an objective, 9.3 → a management
    review): exactly one of the three is set, of the case's organisation (checked by
    ``services.certification.evidence``)."""

    __tablename__ = "diagnostic_evidence_links"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN policy_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN objective_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN review_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_record",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("diagnostic_answers.id"), index=True)
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("quality_policies.id"))
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("quality_objectives.id"))
    review_id: Mapped[int | None] = mapped_column(ForeignKey("management_reviews.id"))
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    policy: Mapped[QualityPolicy | None] = relationship(lazy="joined")
    objective: Mapped[QualityObjective | None] = relationship(lazy="joined")
    review: Mapped[ManagementReview | None] = relationship(lazy="joined")


class ActionStatus(LabelledEnum):
    """Where an action-plan item stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


set_labels(
    {
        # i18n: status of an action plan item
        ActionStatus.OPEN: _l("To do"),
        # i18n: status of an action plan item
        ActionStatus.IN_PROGRESS: _l("Under way"),
        # i18n: status of an action plan item
        ActionStatus.DONE: _l("Done"),
    }
)


class ActionItem(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An action of a case's plan, on a clause, with owner and due date."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("support_cases.id"), index=True)
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("standard_clauses.id"))
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )
    # Why an action that is not done need not be before the internal audit (e.g. planned for
    # after certification, or made pointless by another): it then counts as accounted for.
    justification: Mapped[str] = mapped_column(Text, default="", server_default="")

    def is_overdue(self, today: date) -> bool:
        """Derived: due before today and not done."""
        return (
            self.status != ActionStatus.DONE and self.due_date is not None and self.due_date < today
        )


class AuditKind(LabelledEnum):
    """The kinds of audit along a certification cycle."""

    INTERNAL = "internal"
    STAGE_1 = "stage_1"
    STAGE_2 = "stage_2"
    SURVEILLANCE = "surveillance"
    RECERTIFICATION = "recertification"


set_labels(
    {
        AuditKind.INTERNAL: _l("Internal audit"),
        # i18n: first part of a certification audit (documentation review)
        AuditKind.STAGE_1: _l("Stage 1 audit"),
        # i18n: second part of a certification audit (on site)
        AuditKind.STAGE_2: _l("Stage 2 audit"),
        AuditKind.SURVEILLANCE: _l("Surveillance audit"),
        AuditKind.RECERTIFICATION: _l("Recertification audit"),
    }
)


class AuditResult(LabelledEnum):
    """The outcome of an audit."""

    CONFORM = "conform"
    CONFORM_WITH_FINDINGS = "conform_with_findings"
    NOT_CONFORM = "not_conform"


set_labels(
    {
        AuditResult.CONFORM: _l("Conform"),
        AuditResult.CONFORM_WITH_FINDINGS: _l("Conform with nonconformities to close"),
        AuditResult.NOT_CONFORM: _l("Not conform"),
    }
)


class QualityAudit(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An audit of a case: internal, stage 1 or 2, surveillance or recertification."""

    __tablename__ = "quality_audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("support_cases.id"), index=True)
    kind: Mapped[AuditKind] = mapped_column(enum_column(AuditKind, "audit_kind"))
    held_on: Mapped[date] = mapped_column(Date)
    auditing_body_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    result: Mapped[AuditResult | None] = mapped_column(enum_column(AuditResult, "audit_result"))
    summary: Mapped[str] = mapped_column(Text, default="")

    auditing_body: Mapped[Organisation | None] = relationship(lazy="joined")


class Nonconformity(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """A finding of an audit, with its corrective action and closure."""

    __tablename__ = "nonconformities"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("quality_audits.id"), index=True)
    major: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("standard_clauses.id"))
    description: Mapped[str] = mapped_column(Text)
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)


class CertificateStatus(LabelledEnum):
    """The status the issuing body sets; "expired" is derived from the dates. A certificate a
    federation records awaits the issuing body's confirmation (it is not valid until then),
    and the body may reject it instead."""

    VALID = "valid"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    REJECTED = "rejected"


set_labels(
    {
        # i18n: status of a certificate
        CertificateStatus.VALID: _l("Valid"),
        # i18n: status of a certificate
        CertificateStatus.SUSPENDED: _l("Suspended by the body"),
        # i18n: status of a certificate
        CertificateStatus.WITHDRAWN: _l("Withdrawn"),
        # i18n: status of a certificate a federation recorded, until its body confirms it
        CertificateStatus.AWAITING_CONFIRMATION: _l("Awaiting confirmation by the issuing body"),
        # i18n: status of a certificate a federation recorded and its body did not confirm
        CertificateStatus.REJECTED: _l("Rejected by the issuing body"),
    }
)

CERTIFICATE_CYCLE_MONTHS = 36
SURVEILLANCE_MONTHS = (12, 24)


_SPACES = re.compile(r"\s+")


def number_key(number: str | None) -> str:
    """A certificate number as verification compares it: without any space, in upper case
    ("qc 9001-2025 " and "QC9001-2025" are the same number)."""
    return _SPACES.sub("", number or "").upper()


class Certificate(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A certificate held by an organisation, issued by a certification body. Expiry is
    issue + 36 months and surveillance audits are due at 12 and 24 months (derived)."""

    __tablename__ = "certificates"
    __audit_ignored__ = ("updated_at", "version", "number_key")  # derived from the number
    # The list's order (most recently issued first) for each scope, and the expiring ones
    # (valid, by issue date) of the pipeline (issue 11); they also serve the look-ups by
    # holder and by body. deleted_at and organisation_id close the first two so that the
    # soft-deletion filter and a federation's scope (its members' certificates) are checked
    # in the index, the rows read only for the page.
    __table_args__ = (
        Index("ix_certificates_issued", "issued_on", "id", "deleted_at", "organisation_id"),
        Index(
            "ix_certificates_status_issued",
            "status",
            "issued_on",
            "id",
            "deleted_at",
            "organisation_id",
        ),
        Index(
            "ix_certificates_organisation_issued",
            "organisation_id",
            "issued_on",
            "id",
            "deleted_at",
        ),
        Index("ix_certificates_body_issued", "issuing_body_id", "issued_on", "id", "deleted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    # The number as verification compares it (``number_key``: no spaces, upper case): set
    # with the number on the model, and by the column's default for bulk inserts; unique, so
    # a lookup reads one index entry (issue 11).
    number_key: Mapped[str] = mapped_column(
        String(80),
        unique=True,
        default=lambda context: number_key(context.get_current_parameters()["number"]),
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    standard_id: Mapped[int] = mapped_column(ForeignKey("standards.id"))
    issuing_body_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("support_cases.id"))
    scope_fr: Mapped[str] = mapped_column(Text, default="")
    scope_ar: Mapped[str] = mapped_column(Text, default="")
    issued_on: Mapped[date] = mapped_column(Date)
    status: Mapped[CertificateStatus] = mapped_column(
        enum_column(CertificateStatus, "certificate_status"), default=CertificateStatus.VALID
    )
    # The federation that recorded the certificate for one of its members (its issuing body
    # confirms it); None when the body recorded it, or a case was certified.
    recorded_by_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id], lazy="joined")
    issuing_body: Mapped[Organisation] = relationship(foreign_keys=[issuing_body_id], lazy="joined")
    recorded_by_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[recorded_by_organisation_id]
    )
    standard: Mapped[Standard] = relationship(lazy="joined")

    @validates("number")
    def _keep_number_key(self, _key: str, number: str) -> str:
        self.number_key = number_key(number)
        return number

    @property
    def expires_on(self) -> date:
        return add_months(self.issued_on, CERTIFICATE_CYCLE_MONTHS)

    @property
    def surveillance_due(self) -> tuple[date, date]:
        return tuple(add_months(self.issued_on, m) for m in SURVEILLANCE_MONTHS)  # type: ignore[return-value]

    def is_expired(self, today: date) -> bool:
        return today >= self.expires_on

    def effective_status(self, today: date) -> str:
        """valid, suspended, withdrawn or expired (the last derived from today's date)."""
        if self.status == CertificateStatus.VALID and self.is_expired(today):
            return "expired"
        return self.status.value


class CertificateAudit(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """An audit held on a certificate after its issue: a surveillance audit (years 1 and 2)
    or the recertification audit, with its result and findings, recorded by the issuing
    body (issue 14, item 5). A surveillance date passed with fewer surveillance audits
    recorded since the issue makes the certificate "surveillance overdue"
    (``services.certification.surveillance``)."""

    __tablename__ = "certificate_audits"
    __table_args__ = (Index("ix_certificate_audits_certificate_kind", "certificate_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"))
    kind: Mapped[AuditKind] = mapped_column(enum_column(AuditKind, "certificate_audit_kind"))
    held_on: Mapped[date] = mapped_column(Date)
    result: Mapped[AuditResult] = mapped_column(
        enum_column(AuditResult, "certificate_audit_result")
    )
    major_findings: Mapped[int] = mapped_column(Integer, default=0)
    minor_findings: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    recorded_by: Mapped[User | None] = relationship(lazy="joined")


class CertificateStatusChange(db.Model):
    """One change of a certificate's status by its issuing body, with date, actor and reason."""

    __tablename__ = "certificate_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    from_status: Mapped[CertificateStatus] = mapped_column(
        enum_column(CertificateStatus, "from_status")
    )
    to_status: Mapped[CertificateStatus] = mapped_column(
        enum_column(CertificateStatus, "to_status")
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)

    actor: Mapped[User | None] = relationship(lazy="joined")
