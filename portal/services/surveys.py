"""Satisfaction surveys (issue 12, item 2): building them (questions in both languages,
one active survey per occasion and ecosystem), inviting respondents after a service ends and
once a year, answering once, and the results per question — counts, averages and
distributions from one GROUP BY, with the free text for the staff concerned.

Who builds, answers and reads what is ``authz.surveys``. The session evaluations are the
answers to the surveys of the "training session" occasion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import Select, and_, exists, func, insert, literal, select, update

from portal.authz.surveys import (
    invitation_recipients,
    result_scope,
    result_scope_key,
    survey_scope,
)
from portal.extensions import db
from portal.i18n import current_language
from portal.models import (
    BENEFICIARY_KINDS,
    CaseStage,
    Complaint,
    ComplaintStatus,
    Ecosystem,
    Enrolment,
    Membership,
    MembershipStatus,
    Organisation,
    QuestionKind,
    ServiceRequest,
    ServiceRequestStatus,
    SessionStatus,
    SupportCase,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOccasion,
    SurveyQuestion,
    TrainingSession,
    User,
)
from portal.services import notifications
from portal.services.cache import Figures
from portal.services.editing import apply_edit

RATINGS = range(1, 6)
MAX_QUESTIONS = 20
MAX_CHOICES = 10
# Invitations are made for services that ended within this many days (a survey activated
# later does not reach back further), and stay open to answers this long.
LOOK_BACK = timedelta(days=30)
ANSWER_WITHIN = timedelta(days=60)


class SurveyError(ValueError):
    """Something the rules refuse; the message is translated and says why."""


# --- building ------------------------------------------------------------------------------------


def questions_of(survey: Survey) -> list[SurveyQuestion]:
    return list(
        db.session.execute(
            select(SurveyQuestion)
            .where(SurveyQuestion.survey_id == survey.id)
            .order_by(SurveyQuestion.position, SurveyQuestion.id)
        ).scalars()
    )


def has_answers(survey: Survey) -> bool:
    """Whether someone answered the survey (its questions are then fixed)."""
    return (
        db.session.execute(
            select(SurveyInvitation.id)
            .where(
                SurveyInvitation.survey_id == survey.id, SurveyInvitation.answered_on.is_not(None)
            )
            .limit(1)
        ).first()
        is not None
    )


def create_survey(
    *,
    occasion: SurveyOccasion,
    ecosystem_id: int | None,
    title_fr: str,
    title_ar: str,
    owner_id: int | None,
) -> Survey:
    survey = Survey(
        occasion=occasion,
        ecosystem_id=ecosystem_id,
        title_fr=title_fr.strip(),
        title_ar=title_ar.strip(),
        owner_id=owner_id,
        active=False,
    )
    db.session.add(survey)
    db.session.flush()
    return survey


def parse_choices(french: str, arabic: str) -> list[dict[str, str]]:
    """The choices of a choice question: one per line in each language, paired in order."""
    fr = [line.strip() for line in (french or "").splitlines() if line.strip()]
    ar = [line.strip() for line in (arabic or "").splitlines() if line.strip()]
    if len(fr) != len(ar):
        raise SurveyError(_("Give each choice in both languages, one per line, in the same order."))
    if not 2 <= len(fr) <= MAX_CHOICES:
        raise SurveyError(
            _("A choice question has from 2 to %(count)s choices.", count=MAX_CHOICES)
        )
    return [{"fr": f, "ar": a} for f, a in zip(fr, ar, strict=True)]


def add_question(
    survey: Survey,
    *,
    kind: QuestionKind,
    label_fr: str,
    label_ar: str,
    required: bool,
    choices_fr: str = "",
    choices_ar: str = "",
) -> SurveyQuestion:
    """A question at the end of the survey (refused once the survey has answers)."""
    if has_answers(survey):
        raise SurveyError(_("This survey has answers: its questions can no longer change."))
    existing = questions_of(survey)
    if len(existing) >= MAX_QUESTIONS:
        raise SurveyError(_("A survey has at most %(count)s questions.", count=MAX_QUESTIONS))
    choices = parse_choices(choices_fr, choices_ar) if kind == QuestionKind.CHOICE else []
    question = SurveyQuestion(
        survey_id=survey.id,
        position=(existing[-1].position + 1) if existing else 1,
        kind=kind,
        label_fr=label_fr.strip(),
        label_ar=label_ar.strip(),
        choices=choices,
        required=required and kind != QuestionKind.TEXT,
    )
    db.session.add(question)
    db.session.flush()
    return question


def remove_question(survey: Survey, question: SurveyQuestion) -> None:
    if has_answers(survey):
        raise SurveyError(_("This survey has answers: its questions can no longer change."))
    question.deleted_at = func.now()
    db.session.flush()


def set_active(survey: Survey, active: bool, *, version: Any) -> None:
    """Activate a survey (the other active one of its occasion and ecosystem stops) or stop
    it. A survey without a question is not activated."""
    if active and not questions_of(survey):
        raise SurveyError(_("Add at least one question before activating the survey."))
    if active:
        for other in db.session.execute(
            select(Survey).where(
                Survey.occasion == survey.occasion,
                Survey.active.is_(True),
                Survey.id != survey.id,
                Survey.ecosystem_id.is_(None)
                if survey.ecosystem_id is None
                else Survey.ecosystem_id == survey.ecosystem_id,
            )
        ).scalars():
            other.active = False
    apply_edit(survey, version, {"active": active})


def active_survey(occasion: SurveyOccasion, ecosystem_id: int | None) -> Survey | None:
    """The survey sent on an occasion in an ecosystem: the ecosystem's own active one, else
    the programme's."""
    found = db.session.execute(
        select(Survey)
        .where(
            Survey.occasion == occasion,
            Survey.active.is_(True),
            (Survey.ecosystem_id == ecosystem_id) | Survey.ecosystem_id.is_(None),
        )
        .order_by(Survey.ecosystem_id.is_(None), Survey.id.desc())
        .limit(1)
    ).scalar()
    return found


# --- invitations ---------------------------------------------------------------------------------


def invite(
    survey: Survey,
    *,
    subject_id: int,
    organisation_id: int,
    service_id: int | None,
    ecosystem_id: int | None,
    today: date,
    user_id: int | None = None,
) -> SurveyInvitation:
    """The respondent's invitation for the occasion (the existing one if it was invited)."""
    found = db.session.execute(
        select(SurveyInvitation).where(
            SurveyInvitation.occasion == survey.occasion,
            SurveyInvitation.subject_id == subject_id,
            SurveyInvitation.organisation_id == organisation_id,
        )
    ).scalar()
    if found is not None:
        return found
    invitation = SurveyInvitation(
        survey_id=survey.id,
        occasion=survey.occasion,
        subject_id=subject_id,
        organisation_id=organisation_id,
        user_id=user_id,
        service_id=service_id,
        ecosystem_id=ecosystem_id,
        invited_on=today,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


@dataclass(frozen=True)
class Ended:
    """A service that ended: who answers (an organisation, a user), whose service, where."""

    subject_id: int
    organisation_id: int
    service_id: int | None
    ecosystem_id: int | None
    user_id: int | None = None


def _not_invited(occasion: SurveyOccasion, subject: Any, organisation: Any):
    return ~exists().where(
        SurveyInvitation.occasion == occasion,
        SurveyInvitation.subject_id == subject,
        SurveyInvitation.organisation_id == organisation,
    )


def _ended(occasion: SurveyOccasion, today: date) -> Iterator[Ended]:
    """The services of an occasion that ended since ``LOOK_BACK`` and whose respondents have
    no invitation yet (each on an indexed date or status)."""
    since = today - LOOK_BACK
    if occasion == SurveyOccasion.TRAINING_SESSION:
        rows = db.session.execute(
            select(Enrolment.session_id, Enrolment.organisation_id, TrainingSession)
            .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
            .where(
                TrainingSession.status == SessionStatus.HELD,
                TrainingSession.ends_on.between(since, today),
                Enrolment.attended.is_(True),
                _not_invited(occasion, Enrolment.session_id, Enrolment.organisation_id),
            )
            .distinct()
        ).all()
        for session_id, organisation_id, session in rows:
            yield Ended(session_id, organisation_id, session.institute_id, session.ecosystem_id)
    elif occasion == SurveyOccasion.SUPPORT_CASE:
        rows = db.session.execute(
            select(SupportCase, Ecosystem.lead_federation_id)
            .join(Ecosystem, Ecosystem.id == SupportCase.ecosystem_id)
            .where(
                SupportCase.stage.in_((CaseStage.CERTIFIED, CaseStage.CLOSED)),
                SupportCase.updated_at >= datetime.combine(since, time(), tzinfo=UTC),
                _not_invited(occasion, SupportCase.id, SupportCase.organisation_id),
            )
        ).all()
        for case, federation_id in rows:
            yield Ended(case.id, case.organisation_id, federation_id, case.ecosystem_id)
    elif occasion == SurveyOccasion.SERVICE_REQUEST:
        rows = db.session.execute(
            select(ServiceRequest).where(
                ServiceRequest.status == ServiceRequestStatus.ANSWERED,
                ServiceRequest.answered_on.between(since, today),
                _not_invited(occasion, ServiceRequest.id, ServiceRequest.organisation_id),
            )
        ).scalars()
        for request in rows:
            yield Ended(request.id, request.organisation_id, request.body_id, None)
    elif occasion == SurveyOccasion.COMPLAINT:
        rows = db.session.execute(
            select(Complaint, User.organisation_id)
            .join(User, User.id == Complaint.requester_id)
            .where(
                Complaint.status == ComplaintStatus.CLOSED,
                Complaint.closed_on.between(since, today),
                _not_invited(occasion, Complaint.id, User.organisation_id),
            )
        ).all()
        for complaint, organisation_id in rows:
            if organisation_id is not None:
                yield Ended(
                    complaint.id,
                    organisation_id,
                    complaint.handler_id,
                    complaint.ecosystem_id,
                    complaint.requester_id,
                )


AFTER_SERVICE = (
    SurveyOccasion.TRAINING_SESSION,
    SurveyOccasion.SUPPORT_CASE,
    SurveyOccasion.SERVICE_REQUEST,
    SurveyOccasion.COMPLAINT,
)


def invite_after_services(today: date) -> int:
    """Invite the respondents of the services that ended to their occasion's active survey
    (``flask reminders send``, daily); how many were invited."""
    invited = 0
    for occasion in AFTER_SERVICE:
        for ended in _ended(occasion, today):
            survey = active_survey(occasion, ended.ecosystem_id)
            if survey is None:
                continue
            invite(
                survey,
                subject_id=ended.subject_id,
                organisation_id=ended.organisation_id,
                service_id=ended.service_id,
                ecosystem_id=ended.ecosystem_id,
                today=today,
                user_id=ended.user_id,
            )
            invited += 1
    return invited


def send_annual(survey: Survey, today: date) -> int:
    """Invite every active member organisation of the survey's ecosystem (of every
    ecosystem, for the programme's) to this year's annual survey, in one INSERT … SELECT;
    those already invited this year are left. How many were invited."""
    if survey.occasion != SurveyOccasion.ANNUAL:
        raise SurveyError(_("Only an annual survey is sent to all the members."))
    if not survey.active:
        raise SurveyError(_("Activate the survey before sending it."))
    members = select(
        Membership.organisation_id,
        func.min(Membership.ecosystem_id).label("ecosystem_id"),
    ).where(Membership.status == MembershipStatus.ACTIVE)
    if survey.ecosystem_id is not None:
        members = members.where(Membership.ecosystem_id == survey.ecosystem_id)
    members = members.group_by(Membership.organisation_id).subquery()
    chosen = (
        select(
            literal(survey.id),
            literal(SurveyOccasion.ANNUAL.value),
            literal(today.year),
            members.c.organisation_id,
            members.c.ecosystem_id,
            literal(today),
            func.now(),
            func.now(),
        )
        .select_from(members)
        .where(_not_invited(SurveyOccasion.ANNUAL, today.year, members.c.organisation_id))
    )
    result = db.session.execute(
        insert(SurveyInvitation).from_select(
            [
                "survey_id",
                "occasion",
                "subject_id",
                "organisation_id",
                "ecosystem_id",
                "invited_on",
                "created_at",
                "updated_at",
            ],
            chosen,
        )
    )
    return result.rowcount or 0


NOTIFY_BATCH = 500


def notify_invited(today: date, *, batch: int = NOTIFY_BATCH) -> int:
    """Tell the respondents of the invitations not yet announced (a batch per call, by id,
    on the index of ``notified_on``); how many invitations were announced."""
    rows = list(
        db.session.execute(
            select(SurveyInvitation)
            .where(SurveyInvitation.notified_on.is_(None))
            .order_by(SurveyInvitation.notified_on, SurveyInvitation.id)
            .limit(batch)
        ).scalars()
    )
    # Every recipient of the batch in one statement, then grouped per invitation.
    by_id: dict[int, User] = {}
    by_organisation: dict[int, list[User]] = defaultdict(list)
    for user in db.session.execute(invitation_recipients(rows)).scalars() if rows else ():
        by_id[user.id] = user
        by_organisation[user.organisation_id].append(user)
    closing: dict[date, dict[str, str]] = {}
    for invitation in rows:
        if invitation.user_id is not None:
            users = [by_id[invitation.user_id]] if invitation.user_id in by_id else []
        else:
            users = by_organisation.get(invitation.organisation_id, [])
        closes = invitation.invited_on + ANSWER_WITHIN
        if closes not in closing:
            closing[closes] = notifications.bilingual_day(closes)
        notifications.notify(
            users,
            "survey_invitation",
            {
                "survey": notifications.bilingual(invitation.survey, "title"),
                "date": closing[closes],
            },
            url_for("surveys.respond", invitation_id=invitation.id),
        )
        invitation.notified_on = today
    db.session.flush()
    return len(rows)


def send_survey_invitations(today: date) -> int:
    """What ``flask reminders send`` does for the surveys, daily: invite after the services
    that ended, then announce every invitation not announced yet (the annual survey's
    included), a committed batch at a time. How many were announced."""
    from portal.services.reminders import portal_request

    announced = 0
    with portal_request():
        invite_after_services(today)
        db.session.commit()
        while True:
            sent = notify_invited(today)
            db.session.commit()
            announced += sent
            if sent < NOTIFY_BATCH:
                return announced


def pending_clause(today: date):
    """SQL: an invitation not answered yet and still open."""
    return and_(
        SurveyInvitation.answered_on.is_(None),
        SurveyInvitation.invited_on >= today - ANSWER_WITHIN,
    )


def is_open(invitation: SurveyInvitation, today: date) -> bool:
    return invitation.answered_on is None and invitation.invited_on >= today - ANSWER_WITHIN


# --- answering -----------------------------------------------------------------------------------


def answer(invitation: SurveyInvitation, values: dict[int, Any], today: date) -> None:
    """Record the answers (question id -> rating, choice index or text), once: the
    invitation is marked answered by an UPDATE that only an unanswered one passes, so two
    answers sent at once keep one."""
    if not is_open(invitation, today):
        raise SurveyError(
            _("This survey is already answered.")
            if invitation.answered_on is not None
            else _("This survey is closed.")
        )
    questions = questions_of(invitation.survey)
    rows = []
    for question in questions:
        value = values.get(question.id)
        if value in (None, ""):
            if question.required:
                raise SurveyError(_("Answer every required question."))
            continue
        row: dict[str, Any] = {"question_id": question.id}
        if question.kind == QuestionKind.RATING:
            if value not in RATINGS:
                raise SurveyError(_("Choose a rating from 1 to 5."))
            row["rating"] = value
        elif question.kind == QuestionKind.CHOICE:
            if not isinstance(value, int) or not 0 <= value < len(question.choices):
                raise SurveyError(_("Choose one of the choices given."))
            row["choice"] = value
        else:
            row["text"] = str(value).strip()[:2000]
        rows.append(row)
    taken = db.session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation.id, SurveyInvitation.answered_on.is_(None))
        .values(answered_on=today)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        raise SurveyError(_("This survey is already answered."))
    for row in rows:
        db.session.add(SurveyAnswer(invitation_id=invitation.id, **row))
    db.session.flush()
    db.session.refresh(invitation)


def record_request_rating(
    request: ServiceRequest, rating: int, comment: str, today: date
) -> SurveyInvitation | None:
    """The company's closing rating of a service request, taken as its answer to the active
    after-request survey (so it is not asked again for that request): invited now and answered
    with the rating for the survey's first rating question and the comment, if any, for its
    first free-text question. None when no such survey is active, or it was answered."""
    survey = active_survey(SurveyOccasion.SERVICE_REQUEST, None)
    if survey is None:
        return None
    invitation = invite(
        survey,
        subject_id=request.id,
        organisation_id=request.organisation_id,
        service_id=request.body_id,
        ecosystem_id=None,
        today=today,
    )
    if invitation.answered_on is not None:
        return None
    questions = questions_of(survey)
    rows: list[dict[str, Any]] = []
    first_rating = next((q for q in questions if q.kind == QuestionKind.RATING), None)
    if first_rating is not None:
        rows.append({"question_id": first_rating.id, "rating": rating})
    first_text = next((q for q in questions if q.kind == QuestionKind.TEXT), None)
    if first_text is not None and comment.strip():
        rows.append({"question_id": first_text.id, "text": comment.strip()[:2000]})
    db.session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation.id, SurveyInvitation.answered_on.is_(None))
        .values(answered_on=today, notified_on=func.coalesce(SurveyInvitation.notified_on, today))
        .execution_options(synchronize_session=False)
    )
    for row in rows:
        db.session.add(SurveyAnswer(invitation_id=invitation.id, **row))
    db.session.flush()
    db.session.refresh(invitation)
    return invitation


def answers_of(invitation: SurveyInvitation) -> dict[int, SurveyAnswer]:
    return {
        a.question_id: a
        for a in db.session.execute(
            select(SurveyAnswer).where(SurveyAnswer.invitation_id == invitation.id)
        ).scalars()
    }


# --- results -------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    """One question's results: how many answered, the average (ratings), the count per
    rating or choice (in order, with their labels), the free texts (for the staff)."""

    question_id: int
    kind: str
    answered: int = 0
    average: float | None = None
    counts: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Period:
    """A quarter ("2026-Q1"), a year ("2026"), or everything ("")."""

    key: str
    start: date | None
    end: date | None

    @classmethod
    def parse(cls, value: str | None) -> Period:
        value = (value or "").strip()
        try:
            if len(value) == 4:
                year = int(value)
                return cls(value, date(year, 1, 1), date(year, 12, 31))
            if len(value) == 7 and value[4:6] == "-Q" and value[6] in "1234":
                year, quarter = int(value[:4]), int(value[6])
                start = date(year, 3 * quarter - 2, 1)
                end = (
                    date(year, 12, 31)
                    if quarter == 4
                    else date(year, 3 * quarter + 1, 1) - timedelta(days=1)
                )
                return cls(value, start, end)
        except ValueError:
            pass
        return cls("", None, None)


def periods(today: date, years: int = 3) -> list[str]:
    """The periods offered: each year and quarter of the last ``years`` years, newest first."""
    keys = []
    for year in range(today.year, today.year - years, -1):
        keys.append(str(year))
        last = (today.month - 1) // 3 + 1 if year == today.year else 4
        keys += [f"{year}-Q{q}" for q in range(last, 0, -1)]
    return keys


RESULTS = Figures("survey-results", depends_on=(SurveyAnswer, SurveyInvitation, SurveyQuestion))
TEXTS_SHOWN = 50


def _filtered(
    user: Any, survey: Survey, period: Period, ecosystem_id: int | None, service_id: int | None
) -> Select:
    query = select(SurveyInvitation.id).where(
        SurveyInvitation.survey_id == survey.id,
        SurveyInvitation.answered_on.is_not(None),
        result_scope(user),
    )
    if period.start is not None:
        query = query.where(SurveyInvitation.answered_on.between(period.start, period.end))
    if ecosystem_id is not None:
        query = query.where(SurveyInvitation.ecosystem_id == ecosystem_id)
    if service_id is not None:
        query = query.where(SurveyInvitation.service_id == service_id)
    return query


def results(
    user: Any,
    survey: Survey,
    *,
    period: Period,
    ecosystem_id: int | None = None,
    service_id: int | None = None,
    scope_key: str = "",
) -> tuple[int, list[QuestionResult]]:
    """How many answered within the user's scope and the filters, and each question's
    results (one GROUP BY for the ratings and choices, the latest free texts apart), kept
    until an answer comes."""

    def compute() -> dict[str, Any]:
        invitations = _filtered(user, survey, period, ecosystem_id, service_id).subquery()
        respondents = db.session.execute(select(func.count()).select_from(invitations)).scalar_one()
        grouped = db.session.execute(
            select(
                SurveyAnswer.question_id,
                SurveyAnswer.rating,
                SurveyAnswer.choice,
                func.count(),
            )
            .where(
                SurveyAnswer.invitation_id.in_(select(invitations.c.id)),
                SurveyAnswer.text.is_(None),
            )
            .group_by(SurveyAnswer.question_id, SurveyAnswer.rating, SurveyAnswer.choice)
        ).all()
        by_question: dict[int, QuestionResult] = {}
        for question in questions_of(survey):
            size = 5 if question.kind == QuestionKind.RATING else len(question.choices)
            by_question[question.id] = QuestionResult(
                question.id, question.kind.value, counts=[0] * size
            )
        for question_id, rating, choice, count in grouped:
            result = by_question.get(question_id)
            if result is None:
                continue
            index = (rating - 1) if rating is not None else choice
            if index is not None and 0 <= index < len(result.counts):
                result.counts[index] += count
                result.answered += count
        for result in by_question.values():
            if result.kind == QuestionKind.RATING.value and result.answered:
                total = sum((i + 1) * n for i, n in enumerate(result.counts))
                result.average = round(total / result.answered, 1)
            if result.kind == QuestionKind.TEXT.value:
                texts = list(
                    db.session.execute(
                        select(SurveyAnswer.text)
                        .where(
                            SurveyAnswer.question_id == result.question_id,
                            SurveyAnswer.invitation_id.in_(select(invitations.c.id)),
                            SurveyAnswer.text != "",
                        )
                        .order_by(SurveyAnswer.id.desc())
                        .limit(TEXTS_SHOWN)
                    ).scalars()
                )
                result.texts = texts
                result.answered = len(texts)
        return {
            "respondents": respondents,
            "questions": [asdict(r) for r in by_question.values()],
        }

    key = (survey.id, period.key, ecosystem_id or 0, service_id or 0, scope_key)
    kept = RESULTS.get(key, compute)
    return kept["respondents"], [QuestionResult(**q) for q in kept["questions"]]


SERVICES = Figures("survey-services", depends_on=(SurveyInvitation, Organisation))


def service_choices(user: Any, survey: Survey) -> list[tuple[int, str]]:
    """The organisations whose service the survey rated, within the user's scope, for the
    results' filter (the first 500 by name: a national survey after the training sessions
    rates about 2,000 institutes). Finding them reads every invitation of the survey: kept
    until an invitation or an organisation changes."""

    def compute() -> list[tuple[int, str, str]]:
        ids = select(SurveyInvitation.service_id).where(
            SurveyInvitation.survey_id == survey.id,
            SurveyInvitation.service_id.is_not(None),
            result_scope(user),
        )
        rows = db.session.execute(
            select(Organisation.id, Organisation.name_fr, Organisation.name_ar)
            .where(
                Organisation.id.in_(ids),
                Organisation.kind.not_in(BENEFICIARY_KINDS),
            )
            .order_by(Organisation.name_fr, Organisation.id)
            .limit(500)
        ).all()
        return [tuple(row) for row in rows]

    kept = SERVICES.get((survey.id, result_scope_key(user)), compute)
    arabic = current_language() == "ar"
    return [(oid, (ar or fr) if arabic else (fr or ar)) for oid, fr, ar in kept]


MAX_SURVEYS_LISTED = 200


def listed_surveys(user: Any) -> list[Survey]:
    """The surveys the user builds or reads, the active first (a few dozen: bounded)."""
    return list(
        db.session.execute(
            select(Survey)
            .where(survey_scope(user))
            .order_by(Survey.active.desc(), Survey.occasion, Survey.id.desc())
            .limit(MAX_SURVEYS_LISTED)
        ).scalars()
    )


ANSWERED = Figures("survey-answered", depends_on=(SurveyInvitation,))


def answered_counts(survey_ids: list[int]) -> dict[int, int]:
    """How many invitations of each survey were answered: one grouped count over every
    survey's answered invitations (the same for every user, on the index of the results),
    kept until an invitation changes."""
    if not survey_ids:
        return {}

    def compute() -> list[tuple[int, int]]:
        rows = db.session.execute(
            select(SurveyInvitation.survey_id, func.count())
            .where(SurveyInvitation.answered_on.is_not(None))
            .group_by(SurveyInvitation.survey_id)
        ).all()
        return [tuple(row) for row in rows]

    counts = dict(ANSWERED.get((), compute))
    return {survey_id: counts[survey_id] for survey_id in survey_ids if survey_id in counts}


# --- the session evaluations ---------------------------------------------------------------------


def session_invitation(
    session: TrainingSession, organisation_id: int, today: date
) -> SurveyInvitation | None:
    """The company's invitation to evaluate the session (made now if the cron has not yet):
    None when no session survey is active."""
    found = db.session.execute(
        select(SurveyInvitation).where(
            SurveyInvitation.occasion == SurveyOccasion.TRAINING_SESSION,
            SurveyInvitation.subject_id == session.id,
            SurveyInvitation.organisation_id == organisation_id,
        )
    ).scalar()
    if found is not None:
        return found
    survey = active_survey(SurveyOccasion.TRAINING_SESSION, session.ecosystem_id)
    if survey is None:
        return None
    return invite(
        survey,
        subject_id=session.id,
        organisation_id=organisation_id,
        service_id=session.institute_id,
        ecosystem_id=session.ecosystem_id,
        today=today,
    )


def first_rating_averages(session_ids: Iterable[int]) -> dict[int, float]:
    """Each session's average of the first rating question of its survey (the overall
    satisfaction), for the sessions export: one grouped statement."""
    ids = list(session_ids)
    if not ids:
        return {}
    first_rating = (
        select(func.min(SurveyQuestion.position))
        .where(
            SurveyQuestion.survey_id == SurveyInvitation.survey_id,
            SurveyQuestion.kind == QuestionKind.RATING,
        )
        .correlate(SurveyInvitation)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(SurveyInvitation.subject_id, func.avg(SurveyAnswer.rating))
        .join(SurveyAnswer, SurveyAnswer.invitation_id == SurveyInvitation.id)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(
            SurveyInvitation.occasion == SurveyOccasion.TRAINING_SESSION,
            SurveyInvitation.subject_id.in_(ids),
            SurveyQuestion.position == first_rating,
            SurveyAnswer.rating.is_not(None),
        )
        .group_by(SurveyInvitation.subject_id)
    ).all()
    return {subject: float(avg) for subject, avg in rows}


def session_summary(session: TrainingSession) -> dict[str, Any]:
    """The companies' answers about one session: how many answered, each rating question's
    average, the comments (never who wrote them)."""
    invitations = select(SurveyInvitation.id).where(
        SurveyInvitation.occasion == SurveyOccasion.TRAINING_SESSION,
        SurveyInvitation.subject_id == session.id,
        SurveyInvitation.answered_on.is_not(None),
    )
    count = db.session.execute(
        select(func.count()).select_from(invitations.subquery())
    ).scalar_one()
    rows = db.session.execute(
        select(SurveyQuestion, func.avg(SurveyAnswer.rating))
        .join(SurveyAnswer, SurveyAnswer.question_id == SurveyQuestion.id)
        .where(SurveyAnswer.invitation_id.in_(invitations), SurveyAnswer.rating.is_not(None))
        .group_by(SurveyQuestion.id)
        .order_by(SurveyQuestion.position)
    ).all()
    comments = db.session.execute(
        select(SurveyAnswer.text)
        .where(
            SurveyAnswer.invitation_id.in_(invitations),
            SurveyAnswer.text.is_not(None),
            SurveyAnswer.text != "",
        )
        .order_by(SurveyAnswer.id)
        .limit(TEXTS_SHOWN)
    ).scalars()
    return {
        "count": count,
        "averages": [(question, round(float(avg), 1)) for question, avg in rows],
        "comments": list(comments),
    }
