"""Reminders sent because time passed (issue 12, item 5), by ``flask reminders send`` once a
day: each is a notification (in the portal, and by e-mail through the outbox) to the users of
the organisations that must act.

- a convention's commitment, due within 14 days and overdue (the committed party);
- a convention's milestone, due within 14 days and overdue (every party);
- a service request near its answer date (the last 5 of its 15 days) and past it (the body);
- a certificate expiring within 90 days (its holder), and its surveillance audits (12 and
  24 months after issue) due within 60 days (the holder and the issuing body);
- a training session starting within 7 days (the companies with people enrolled);
- an action-plan item of a support case, due within 7 days and overdue (the company);
- a complaint still unanswered at day 10 (its assignee), past its answer date (the lead
  federation), past the ministry's date (the ministry).

Each reminder is sent once per record and occasion: ``reminders_sent`` holds one row per
(kind, record, occasion), taken by an INSERT that does nothing when the row exists, in the
transaction that writes the notifications; two runs on the same day, or at once, remind
once. Each source reads only what is due and not yet reminded (``NOT EXISTS`` on that table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import current_app, url_for
from sqlalchemy import String, and_, cast, exists, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import selectinload

from portal.authz.complaints import Level
from portal.extensions import db
from portal.models import (
    ActionItem,
    ActionStatus,
    Certificate,
    CertificateStatus,
    Commitment,
    CommitmentStatus,
    Complaint,
    Convention,
    ConventionParty,
    Enrolment,
    EnrolmentStatus,
    Milestone,
    ReminderSent,
    ServiceRequest,
    ServiceRequestStatus,
    SessionStatus,
    SupportCase,
    TrainingSession,
    User,
)
from portal.models.certification import (
    CERTIFICATE_CYCLE_MONTHS,
    SURVEILLANCE_MONTHS,
    add_months,
)
from portal.services import complaints
from portal.services.conventions.rules import RUNNING
from portal.services.notifications import bilingual, bilingual_day, notify

DUE_SOON = timedelta(days=14)  # commitments and milestones
REQUEST_WARNING = timedelta(days=5)  # the last days before a request's answer date
CERTIFICATE_WARNING = timedelta(days=90)
SURVEILLANCE_WARNING = timedelta(days=60)
SESSION_WARNING = timedelta(days=7)
ACTION_WARNING = timedelta(days=7)

DUE_SOON_OCCASION = "due_soon"
OVERDUE_OCCASION = "overdue"


@dataclass
class Reminder:
    """One reminder to send: who (the users of these organisations, and these users), what
    and where."""

    kind: str  # a notification kind (notifications.MESSAGES)
    subject_id: int
    occasion: str
    organisation_ids: list[int]
    params: dict[str, Any]
    link: str
    users: list[User] = field(default_factory=list)


@dataclass
class RemindersReport:
    """What a run sent, by kind."""

    sent: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.sent.values())


def _not_reminded(kind: str, occasion: Any, subject_id: Any):
    return ~exists().where(
        ReminderSent.kind == kind,
        ReminderSent.occasion == occasion,
        ReminderSent.subject_id == subject_id,
    )


def _due_windows(prefix: str, due: Any, today: date, soon: timedelta) -> tuple:
    """(kind, occasion, clause) of a kind of record's two reminders: overdue (``due`` before
    today), then due soon (``due`` within ``soon`` from today)."""
    return (
        (f"{prefix}_overdue", OVERDUE_OCCASION, due < today),
        (f"{prefix}_due_soon", DUE_SOON_OCCASION, due.between(today, today + soon)),
    )


# --- the sources: what is due and not yet reminded -------------------------------------------


def _commitments(today: date) -> Iterator[Reminder]:
    open_statuses = (CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS)
    windows = _due_windows("commitment", Commitment.due_date, today, DUE_SOON)
    for kind, occasion, window in windows:
        rows = db.session.execute(
            select(Commitment, ConventionParty)
            .join(ConventionParty, ConventionParty.id == Commitment.party_id)
            .join(Convention, Convention.id == Commitment.convention_id)
            .where(
                Convention.status.in_(RUNNING),
                Commitment.status.in_(open_statuses),
                Commitment.due_date.is_not(None),
                window,
                _not_reminded(kind, occasion, Commitment.id),
            )
            .order_by(Commitment.due_date, Commitment.id)
        )
        for commitment, party in rows:
            yield Reminder(
                kind,
                commitment.id,
                occasion,
                [party.organisation_id],
                {
                    "description": bilingual(commitment, "description"),
                    "date": bilingual_day(commitment.due_date),
                },
                url_for("conventions.show", convention_id=commitment.convention_id),
            )


def _milestones(today: date) -> Iterator[Reminder]:
    windows = _due_windows("milestone", Milestone.due_date, today, DUE_SOON)
    for kind, occasion, window in windows:
        rows = list(
            db.session.execute(
                select(Milestone, Convention.reference)
                .join(Convention, Convention.id == Milestone.convention_id)
                .where(
                    Convention.status.in_(RUNNING),
                    Milestone.completed_on.is_(None),
                    window,
                    _not_reminded(kind, occasion, Milestone.id),
                )
                .order_by(Milestone.due_date, Milestone.id)
            )
        )
        parties: dict[int, list[int]] = {}
        convention_ids = {milestone.convention_id for milestone, _reference in rows}
        if convention_ids:
            for convention_id, organisation_id in db.session.execute(
                select(ConventionParty.convention_id, ConventionParty.organisation_id).where(
                    ConventionParty.convention_id.in_(convention_ids)
                )
            ):
                parties.setdefault(convention_id, []).append(organisation_id)
        for milestone, reference in rows:
            yield Reminder(
                kind,
                milestone.id,
                occasion,
                parties.get(milestone.convention_id, []),
                {
                    "title": bilingual(milestone, "title"),
                    "reference": reference,
                    "date": bilingual_day(milestone.due_date),
                },
                url_for("conventions.show", convention_id=milestone.convention_id),
            )


def _service_requests(today: date) -> Iterator[Reminder]:
    open_statuses = (ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED)
    windows = _due_windows("service_request", ServiceRequest.respond_by, today, REQUEST_WARNING)
    for kind, occasion, window in windows:
        rows = db.session.execute(
            select(ServiceRequest)
            .where(
                ServiceRequest.status.in_(open_statuses),
                window,
                _not_reminded(kind, occasion, ServiceRequest.id),
            )
            .order_by(ServiceRequest.respond_by, ServiceRequest.id)
        ).scalars()
        for request in rows:
            yield Reminder(
                kind,
                request.id,
                occasion,
                [request.body_id],
                {
                    "organisation": bilingual(request.organisation),
                    "subject": request.subject,
                    "date": bilingual_day(request.respond_by),
                },
                url_for("service_requests.show", request_id=request.id),
            )


def _certificates(today: date) -> Iterator[Reminder]:
    kind, occasion = "certificate_expiring", "expires_90"
    first_issued = add_months(today, -CERTIFICATE_CYCLE_MONTHS)
    last_issued = add_months(today + CERTIFICATE_WARNING, -CERTIFICATE_CYCLE_MONTHS)
    rows = db.session.execute(
        select(Certificate)
        .where(
            Certificate.status == CertificateStatus.VALID,
            Certificate.issued_on > first_issued,
            Certificate.issued_on <= last_issued,
            _not_reminded(kind, occasion, Certificate.id),
        )
        .order_by(Certificate.issued_on, Certificate.id)
    ).scalars()
    for certificate in rows:
        yield Reminder(
            kind,
            certificate.id,
            occasion,
            [certificate.organisation_id],
            {"number": certificate.number, "date": bilingual_day(certificate.expires_on)},
            url_for("certification.certificate", certificate_id=certificate.id),
        )


def _surveillance_audits(today: date) -> Iterator[Reminder]:
    """Surveillance audits due within 60 days (12 and 24 months after issue): the holder and
    the issuing body. Whether one was held is not recorded yet, so none is called overdue."""
    kind = "surveillance_audit_due"
    for months in SURVEILLANCE_MONTHS:
        occasion = f"surveillance_{months}"
        first_issued = add_months(today, -months)
        last_issued = add_months(today + SURVEILLANCE_WARNING, -months)
        rows = db.session.execute(
            select(Certificate)
            .where(
                Certificate.status == CertificateStatus.VALID,
                Certificate.issued_on >= first_issued,
                Certificate.issued_on <= last_issued,
                _not_reminded(kind, occasion, Certificate.id),
            )
            .order_by(Certificate.issued_on, Certificate.id)
        ).scalars()
        for certificate in rows:
            yield Reminder(
                kind,
                certificate.id,
                occasion,
                [certificate.organisation_id, certificate.issuing_body_id],
                {
                    "number": certificate.number,
                    "date": bilingual_day(add_months(certificate.issued_on, months)),
                },
                url_for("certification.certificate", certificate_id=certificate.id),
            )


def _sessions(today: date) -> Iterator[Reminder]:
    kind, occasion = "training_session_soon", "starts_7"
    sessions = list(
        db.session.execute(
            select(TrainingSession)
            .where(
                TrainingSession.status == SessionStatus.PLANNED,
                TrainingSession.starts_on.between(today, today + SESSION_WARNING),
                _not_reminded(kind, occasion, TrainingSession.id),
            )
            .order_by(TrainingSession.starts_on, TrainingSession.id)
        ).scalars()
    )
    enrolled: dict[int, set[int]] = {}
    if sessions:
        for session_id, organisation_id in db.session.execute(
            select(Enrolment.session_id, Enrolment.organisation_id).where(
                Enrolment.session_id.in_([s.id for s in sessions]),
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        ):
            enrolled.setdefault(session_id, set()).add(organisation_id)
    for session in sessions:
        if session.id not in enrolled:
            continue  # nobody to remind; a later enrolment still gets it before the start
        yield Reminder(
            kind,
            session.id,
            occasion,
            sorted(enrolled[session.id]),
            {"topic": bilingual(session.topic), "date": bilingual_day(session.starts_on)},
            url_for("training.session", session_id=session.id),
        )


def _action_items(today: date) -> Iterator[Reminder]:
    open_statuses = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    windows = _due_windows("action_item", ActionItem.due_date, today, ACTION_WARNING)
    for kind, occasion, window in windows:
        rows = db.session.execute(
            select(ActionItem, SupportCase.organisation_id)
            .join(SupportCase, SupportCase.id == ActionItem.case_id)
            .where(
                ActionItem.status.in_(open_statuses),
                ActionItem.due_date.is_not(None),
                window,
                _not_reminded(kind, occasion, ActionItem.id),
            )
            .order_by(ActionItem.due_date, ActionItem.id)
        )
        for item, organisation_id in rows:
            yield Reminder(
                kind,
                item.id,
                occasion,
                [organisation_id],
                {"title": item.title, "date": bilingual_day(item.due_date)},
                url_for("certification.action_plan", case_id=item.case_id),
            )


def _complaints(today: date) -> Iterator[Reminder]:
    """Unanswered complaints: the last days before the answer date (their assignee, else the
    organisation's staff), past it while the lead federation follows it (its staff, and the
    assignee), past the ministry's date (the ministry's officers, and the assignee). A
    reopened complaint is reminded again (the occasion names the cycle)."""
    warning = timedelta(
        days=current_app.config["COMPLAINT_RESPONSE_DAYS"]
        - current_app.config["COMPLAINT_REMINDER_DAY"]
    )
    windows = (
        ("complaint_due_soon", "due_soon", Complaint.due_on.between(today, today + warning)),
        (
            "complaint_overdue",
            "overdue",
            and_(
                Complaint.due_on < today,
                Complaint.ministry_on > Complaint.due_on,  # it has a federation level
                Complaint.ministry_on >= today,
            ),
        ),
        ("complaint_escalated", "ministry", Complaint.ministry_on < today),
    )
    # The users of each organisation, federation and of the ministry, read once per run;
    # the assignees with their complaints.
    known: dict = {}
    for kind, occasion, window in windows:
        cycle = literal(f"{occasion}_").concat(cast(Complaint.reopened, String))
        rows = db.session.execute(
            select(Complaint, cycle)
            .options(selectinload(Complaint.assignee))
            .where(Complaint.is_closed.is_(False), window, _not_reminded(kind, cycle, Complaint.id))
            .order_by(Complaint.due_on, Complaint.id)
        ).all()
        for complaint, taken_as in rows:
            recipients = complaints.remind_recipients(complaint, known)
            if kind == "complaint_overdue":
                level = Level.FEDERATION
                recipients = complaints.escalations_due(complaint, level, known) + recipients
            elif kind == "complaint_escalated":
                level = Level.MINISTRY
                recipients = complaints.escalations_due(complaint, level, known) + recipients
            yield Reminder(
                kind,
                complaint.id,
                taken_as,
                [],
                complaints.reminder_params(complaint),
                url_for("complaints.show", complaint_id=complaint.id),
                users=list({user.id: user for user in recipients}.values()),
            )


SOURCES: tuple[Callable[[date], Iterator[Reminder]], ...] = (
    _commitments,
    _milestones,
    _service_requests,
    _certificates,
    _surveillance_audits,
    _sessions,
    _action_items,
    _complaints,
)


# --- sending -----------------------------------------------------------------------------------


def take(kind: str, subject_id: int, occasion: str, today: date) -> bool:
    """Record a reminder (or digest) as sent, in the current transaction (false: it was
    already, by this run or another)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    taken = db.session.execute(
        insert(ReminderSent)
        .values(kind=kind, subject_id=subject_id, occasion=occasion, sent_on=today)
        .on_conflict_do_nothing(index_elements=["kind", "subject_id", "occasion"])
        .returning(ReminderSent.id)
    ).first()
    return taken is not None


@contextmanager
def portal_request() -> Iterator[None]:
    """A request to the portal's address (``PORTAL_URL``) for a command: the links of its
    e-mails are absolute; a POST, so that each transaction takes SQLite's write lock first
    (two runs at once take turns)."""
    base_url = current_app.config.get("PORTAL_URL") or "http://localhost"
    with current_app.test_request_context(base_url=base_url, method="POST"):
        yield


def _users(organisation_ids: list[int], known: dict[int, list[User]]) -> list[User]:
    missing = [oid for oid in organisation_ids if oid not in known]
    if missing:
        for oid in missing:
            known[oid] = []
        for user in db.session.execute(
            select(User).where(User.organisation_id.in_(missing), User.active.is_(True))
        ).scalars():
            known[user.organisation_id].append(user)
    return [user for oid in organisation_ids for user in known[oid]]


def send_reminders(today: date) -> RemindersReport:
    """Send every reminder due on ``today`` that was not sent before, each committed with
    its notifications and e-mails (the outbox delivers them)."""
    report = RemindersReport()
    users: dict[int, list[User]] = {}
    with portal_request():
        for source in SOURCES:
            reminders = list(source(today))
            for reminder in reminders:
                if take(reminder.kind, reminder.subject_id, reminder.occasion, today):
                    recipients = _users(reminder.organisation_ids, users) + reminder.users
                    notify(recipients, reminder.kind, reminder.params, reminder.link)
                    report.sent[reminder.kind] += 1
                db.session.commit()
    return report
