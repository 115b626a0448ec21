"""Participants told (issue 16, item 2): a participant given an e-mail address gets, when a
seat is theirs (at enrolment, or when the waiting list lets them in), an invitation with the
session's details and its calendar file (invitation.ics), and a reminder a week before the
first day (``flask reminders send``, once per participant). Participants have no account:
the messages are written in French and in Arabic, one after the other."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.i18n import format_day, localized
from portal.models import Enrolment, EnrolmentStatus, SessionStatus, TrainingSession
from portal.services import icalendar
from portal.services.mail import send_mail

REMINDER_DAYS = 7
REMINDER_KIND, REMINDER_OCCASION = "training_participant_soon", "starts_7"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL_LENGTH = 254


def valid_email(address: str) -> bool:
    """Whether an address looks like one an invitation can go to."""
    return len(address) <= MAX_EMAIL_LENGTH and bool(EMAIL.match(address))


def session_event(session: TrainingSession, uid: str) -> icalendar.Event:
    """The session as a calendar event (in French, the portal's default language)."""
    with force_locale("fr_MA"):
        title = localized(session.offer, "title") or localized(session.topic, "name")
        institute = localized(session.institute, "name")
    return icalendar.Event(
        uid=uid,
        first=session.starts_on,
        last=session.ends_on,
        summary=title,
        location=session.place,
        description=institute,
        url=url_for("training.session", session_id=session.id, _external=True),
    )


def _in(language: str, session: TrainingSession, enrolment: Enrolment, reminder: bool) -> str:
    with force_locale(f"{language}_MA"):
        values = {
            "name": enrolment.participant_name,
            "company": localized(enrolment.organisation, "name"),
            "title": localized(session.offer, "title"),
            "topic": localized(session.topic, "name"),
            "institute": localized(session.institute, "name"),
            "start": format_day(session.starts_on),
            "end": format_day(session.ends_on),
            "place": session.place,
        }
        opening = (
            _("%(name)s, your training session starts in a week.", **values)
            if reminder
            else _("%(name)s, %(company)s enrolled you in a training session.", **values)
        )
        return "\n".join(
            [
                opening,
                "",
                _("Training: %(title)s (%(topic)s)", **values),
                _("Given by: %(institute)s", **values),
                _("Dates: %(start)s to %(end)s", **values),
                _("Place: %(place)s", **values),
                "",
                _("The calendar file attached adds the session to your calendar."),
            ]
        )


def _send(session: TrainingSession, enrolment: Enrolment, *, reminder: bool) -> None:
    with force_locale("fr_MA"):
        subject = (
            _("Reminder: training session on %(date)s", date=format_day(session.starts_on))
            if reminder
            else _("Invitation: training session on %(date)s", date=format_day(session.starts_on))
        )
    body = _in("fr", session, enrolment, reminder) + "\n\n— — —\n\n"
    body += _in("ar", session, enrolment, reminder)
    uid = f"training-session-{session.id}-participant-{enrolment.id}@portail-qualite"
    send_mail(
        enrolment.participant_email,
        subject,
        body,
        calendar=icalendar.calendar([session_event(session, uid)]),
    )


def invite(session: TrainingSession, enrolment: Enrolment) -> None:
    """The invitation of a participant who holds a seat, if they gave an address."""
    if enrolment.participant_email and enrolment.status == EnrolmentStatus.ENROLLED:
        _send(session, enrolment, reminder=False)


def remind_participants(today: date) -> int:
    """The participants (with an address, holding a seat) of the planned sessions starting
    within a week, reminded once each (``flask reminders send``). Returns how many."""
    from portal.services.reminders import portal_request, take

    rows = db.session.execute(
        select(Enrolment, TrainingSession)
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .where(
            TrainingSession.status == SessionStatus.PLANNED,
            TrainingSession.starts_on.between(today, today + timedelta(days=REMINDER_DAYS)),
            Enrolment.status == EnrolmentStatus.ENROLLED,
            Enrolment.participant_email.is_not(None),
        )
        .order_by(TrainingSession.starts_on, Enrolment.id)
    ).all()
    sent = 0
    with portal_request():
        for enrolment, session in rows:
            if take(REMINDER_KIND, enrolment.id, REMINDER_OCCASION, today):
                _send(session, enrolment, reminder=True)
                sent += 1
            db.session.commit()
    return sent
