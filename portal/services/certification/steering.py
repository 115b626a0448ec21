"""A support case's plan and steering committee (issue 14, item 2): the planned start and
duration (twelve months, say), the plan's phases with their dates — a phase past its end and
not done is late, derived like a milestone — and the steering committee's meetings with
their attendees, decisions and minutes (a PDF in ``STEERING_MINUTES``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import CasePhase, SteeringMeeting, SupportCase, User
from portal.services.attachments import AttachmentRefused, check_attachment
from portal.services.certification.cases import CertificationError
from portal.services.file_store import STEERING_MINUTES

MAX_MONTHS = 60
MAX_PHASES = 30
MAX_MEETINGS = 100


@dataclass
class Steering:
    """A case's plan and committee, as its page shows them."""

    phases: list[CasePhase]
    meetings: list[SteeringMeeting]


def steering_of(case: SupportCase) -> Steering:
    """The case's phases (in the order of their start) and meetings (newest first)."""
    phases = db.session.execute(
        select(CasePhase)
        .where(CasePhase.case_id == case.id)
        .order_by(CasePhase.starts_on, CasePhase.id)
    ).scalars()
    meetings = db.session.execute(
        select(SteeringMeeting)
        .where(SteeringMeeting.case_id == case.id)
        .order_by(SteeringMeeting.held_on.desc(), SteeringMeeting.id.desc())
    ).scalars()
    return Steering(list(phases), list(meetings))


def set_plan(case: SupportCase, *, planned_start: date | None, planned_months: int | None) -> None:
    """The support's planned start and duration in months (1 to ``MAX_MONTHS``)."""
    if planned_months is not None and not 1 <= planned_months <= MAX_MONTHS:
        raise CertificationError(_("The duration is from 1 to %(max)s months.", max=MAX_MONTHS))
    case.planned_start = planned_start
    case.planned_months = planned_months
    db.session.flush()


def add_phase(
    case: SupportCase, *, name_fr: str, name_ar: str, starts_on: date, ends_on: date
) -> CasePhase:
    """A phase of the plan, ending on or after its start."""
    if ends_on < starts_on:
        raise CertificationError(_("A phase ends on or after the day it starts."))
    count = len(steering_of(case).phases)
    if count >= MAX_PHASES:
        raise CertificationError(_("A plan has at most %(max)s phases.", max=MAX_PHASES))
    phase = CasePhase(
        case_id=case.id,
        name_fr=name_fr.strip(),
        name_ar=name_ar.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    db.session.add(phase)
    db.session.flush()
    return phase


def complete_phase(phase: CasePhase, today: date) -> None:
    """Mark the phase done today (once)."""
    if phase.completed_on is None:
        phase.completed_on = today
        db.session.flush()


def add_meeting(
    case: SupportCase,
    *,
    held_on: date,
    attendees: str,
    decisions: str,
    minutes: tuple[str, bytes] | None,
    recorder: User,
    today: date,
) -> SteeringMeeting:
    """A steering committee meeting held on or before today, with its minutes (a PDF)."""
    if held_on > today:
        raise CertificationError(_("Record a meeting once it is held."))
    if not attendees.strip():
        raise CertificationError(_("Say who attended the meeting."))
    stored, name = None, ""
    if minutes is not None:
        filename, data = minutes
        try:
            kind = check_attachment(filename, data)
        except AttachmentRefused as refused:
            raise CertificationError(str(refused)) from refused
        if kind != "pdf":
            raise CertificationError(_("The minutes are a PDF file."))
        stored, name = STEERING_MINUTES.save(data), filename[-255:]
    meeting = SteeringMeeting(
        case_id=case.id,
        held_on=held_on,
        attendees=attendees.strip(),
        decisions=decisions.strip(),
        minutes_name=name,
        minutes_stored=stored,
        recorded_by_id=recorder.id,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting
