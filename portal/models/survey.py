"""Satisfaction surveys (issue 12, item 2): short bilingual questionnaires built by
administrators and federation staff, sent after a service ends (a training session held, a
support case certified or closed, a service request answered, a complaint closed) and once a
year to an ecosystem's members. Each respondent answers an occasion once: an invitation per
(occasion, record, respondent organisation), answered at most once."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

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


class SurveyOccasion(LabelledEnum):
    """When a survey is sent."""

    TRAINING_SESSION = "training_session"
    SUPPORT_CASE = "support_case"
    SERVICE_REQUEST = "service_request"
    COMPLAINT = "complaint"
    ANNUAL = "annual"


set_labels(
    {
        SurveyOccasion.TRAINING_SESSION: _l("After a training session"),
        SurveyOccasion.SUPPORT_CASE: _l("After certification support"),
        SurveyOccasion.SERVICE_REQUEST: _l("After a service request"),
        SurveyOccasion.COMPLAINT: _l("After a complaint or suggestion"),
        SurveyOccasion.ANNUAL: _l("Annual survey of the members"),
    }
)


class QuestionKind(LabelledEnum):
    """What a question asks for."""

    RATING = "rating"  # 1 to 5
    CHOICE = "choice"  # one of the question's choices
    TEXT = "text"  # free text, read only by the staff concerned


set_labels(
    {
        QuestionKind.RATING: _l("Rating from 1 to 5"),
        QuestionKind.CHOICE: _l("One choice among several"),
        QuestionKind.TEXT: _l("Free text"),
    }
)


class Survey(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A questionnaire for one occasion, for one ecosystem or (None) the whole programme; the
    active one of an occasion and ecosystem is the one sent."""

    __tablename__ = "surveys"
    __table_args__ = (Index("ix_surveys_occasion", "occasion", "active", "ecosystem_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occasion: Mapped[SurveyOccasion] = mapped_column(enum_column(SurveyOccasion, "survey_occasion"))
    ecosystem_id: Mapped[int | None] = mapped_column(ForeignKey("ecosystems.id"))
    title_fr: Mapped[str] = mapped_column(String(200))
    title_ar: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The organisation whose staff built it (None: the administrators).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))

    ecosystem: Mapped[Ecosystem | None] = relationship(lazy="joined")


class SurveyQuestion(Audited, TimestampMixin, SoftDeleteMixin, db.Model):
    """One question of a survey, in both languages; a choice question lists its choices
    (each ``{"fr": ..., "ar": ...}``)."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind, "question_kind"))
    label_fr: Mapped[str] = mapped_column(String(300))
    label_ar: Mapped[str] = mapped_column(String(300))
    choices: Mapped[list] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


class SurveyInvitation(TimestampMixin, db.Model):
    """A respondent's invitation to answer a survey on one occasion (a session, a case, a
    request, a complaint, or a year for the annual survey): answered at most once."""

    __tablename__ = "survey_invitations"
    __table_args__ = (
        UniqueConstraint("occasion", "subject_id", "organisation_id"),
        # The respondent's pending surveys; the results per survey, period and scope.
        Index("ix_survey_invitations_pending", "organisation_id", "answered_on", "invited_on"),
        Index(
            "ix_survey_invitations_results",
            "survey_id",
            "answered_on",
            "ecosystem_id",
            "service_id",
        ),
        Index("ix_survey_invitations_notify", "notified_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    occasion: Mapped[SurveyOccasion] = mapped_column(enum_column(SurveyOccasion, "survey_occasion"))
    subject_id: Mapped[int] = mapped_column(Integer)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    # Only this user answers (a complaint's author); None: any user of the organisation.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The organisation whose service is rated, and the ecosystem, for the results.
    service_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    ecosystem_id: Mapped[int | None] = mapped_column(ForeignKey("ecosystems.id"))
    invited_on: Mapped[date] = mapped_column(Date)
    notified_on: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)

    survey: Mapped[Survey] = relationship(lazy="joined")


class SurveyAnswer(db.Model):
    """The answer to one question of an answered invitation (who answered is not kept
    beside it: the results never name a respondent)."""

    __tablename__ = "survey_answers"
    __table_args__ = (Index("ix_survey_answers_question", "question_id", "invitation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("survey_invitations.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id"))
    rating: Mapped[int | None] = mapped_column(Integer)
    choice: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
