"""Attendance that proves (issue 16, item 3): the institute records, for each day of the
session, which participants holding a seat were present. A participant present every day
*attended* (the figures count them as trained); a need is fulfilled only by its company's
participants who attended: fewer than it declared, it is fulfilled in part and a new
validated need keeps the rest open (back in the demand); none, the need itself is open
again. Each participant present at least one day gets an attendance certificate (PDF, French
or Arabic) whose code anyone can check on the public verification page.

Attendance can be corrected: recording it again undoes what the previous recording decided
for the session's needs (a remainder still open is withdrawn) and decides again.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    AttendanceDay,
    Enrolment,
    EnrolmentStatus,
    NeedStatus,
    SessionStatus,
    TrainingNeed,
    TrainingSession,
)
from portal.models.base import utcnow

# The longest session whose days are recorded one by one (planning refuses longer ones).
MAX_SESSION_DAYS = 31
# Attendance certificate codes: "AT-" and two groups of four letters or digits, without the
# ones read alike (0/O, 1/I).
CODE_PREFIX = "AT-"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_CODE_LENGTH = 20


def session_days(session: TrainingSession) -> list[date]:
    """The days of the session, first to last."""
    count = min((session.ends_on - session.starts_on).days + 1, MAX_SESSION_DAYS)
    return [session.starts_on + timedelta(days=n) for n in range(max(count, 1))]


def seated(session: TrainingSession) -> list[Enrolment]:
    """The participants holding a seat, by name (the attendance sheet)."""
    return list(
        db.session.execute(
            select(Enrolment)
            .where(
                Enrolment.session_id == session.id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
            .order_by(Enrolment.participant_name, Enrolment.id)
        ).scalars()
    )


def presence(enrolment_ids: Iterable[int]) -> dict[int, set[date]]:
    """The days each participant was recorded present."""
    ids = list(enrolment_ids)
    days: dict[int, set[date]] = defaultdict(set)
    if not ids:
        return days
    for enrolment_id, day in db.session.execute(
        select(AttendanceDay.enrolment_id, AttendanceDay.day).where(
            AttendanceDay.enrolment_id.in_(ids), AttendanceDay.present.is_(True)
        )
    ):
        days[enrolment_id].add(day)
    return days


def _new_code() -> str:
    while True:
        letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{CODE_PREFIX}{letters[:4]}-{letters[4:]}"
        taken = db.session.execute(
            select(Enrolment.id).where(Enrolment.certificate_code == code)
        ).first()
        if taken is None:
            return code


def record_days(session: TrainingSession, present: set[tuple[int, date]]) -> dict[int, int]:
    """Record who was present on which day (pairs of a seated participant and a day of the
    session; others are ignored); the session is held; its needs are fulfilled by the people
    who attended every day. Returns, per company, the people who attended every day."""
    days = session_days(session)
    sheet = seated(session)
    existing = {
        (row.enrolment_id, row.day): row
        for row in db.session.execute(
            select(AttendanceDay).where(AttendanceDay.enrolment_id.in_([e.id for e in sheet]))
        ).scalars()
    }
    trained: dict[int, int] = defaultdict(int)
    for enrolment in sheet:
        here = 0
        for day in days:
            is_present = (enrolment.id, day) in present
            here += is_present
            row = existing.get((enrolment.id, day))
            if row is None:
                db.session.add(
                    AttendanceDay(enrolment_id=enrolment.id, day=day, present=is_present)
                )
            elif row.present != is_present:
                row.present = is_present
        enrolment.attended = here == len(days)
        if enrolment.attended:
            trained[enrolment.organisation_id] += 1
        if here and enrolment.certificate_code is None:
            enrolment.certificate_code = _new_code()
    session.status = SessionStatus.HELD
    db.session.flush()
    _fulfil(session, trained)
    return dict(trained)


def record_attendance(session: TrainingSession, attended_ids: set[int]) -> dict[int, int]:
    """Record the participants given as present every day, the others absent."""
    return record_days(
        session,
        {(enrolment_id, day) for enrolment_id in attended_ids for day in session_days(session)},
    )


def _fulfil(session: TrainingSession, trained: dict[int, int]) -> None:
    """Decide the session's needs from the people who attended (row by row, so that each
    change reaches the audit trail and the demand summary)."""
    needs = list(
        db.session.execute(
            select(TrainingNeed)
            .where(
                TrainingNeed.session_id == session.id,
                TrainingNeed.status.in_(
                    (NeedStatus.PLANNED, NeedStatus.FULFILLED, NeedStatus.VALIDATED)
                ),
            )
            .order_by(TrainingNeed.id)
        ).scalars()
    )
    # A correction: withdraw the remainders the previous recording opened, if still open.
    for remainder in db.session.execute(
        select(TrainingNeed).where(
            TrainingNeed.remainder_of_id.in_([need.id for need in needs] or [-1]),
            TrainingNeed.status == NeedStatus.VALIDATED,
            TrainingNeed.session_id.is_(None),
        )
    ).scalars():
        remainder.deleted_at = utcnow()
    left = dict(trained)
    for need in needs:
        people = min(need.people, left.get(need.organisation_id, 0))
        left[need.organisation_id] = left.get(need.organisation_id, 0) - people
        need.people_trained = people
        need.status = NeedStatus.FULFILLED if people else NeedStatus.VALIDATED
        if 0 < people < need.people:
            db.session.add(_remainder(need, need.people - people))
    db.session.flush()


def _remainder(need: TrainingNeed, people: int) -> TrainingNeed:
    """A validated need for the people of ``need`` the session did not train."""
    return TrainingNeed(
        organisation_id=need.organisation_id,
        ecosystem_id=need.ecosystem_id,
        topic_id=need.topic_id,
        job_category=need.job_category,
        people=people,
        level=need.level,
        priority=need.priority,
        quarter=need.quarter,
        region=need.region,
        modality=need.modality,
        status=NeedStatus.VALIDATED,
        validated_at=need.validated_at,
        validated_by_id=need.validated_by_id,
        remainder_of_id=need.id,
    )


@dataclass
class AttendanceCertificate:
    """What an attendance certificate says."""

    enrolment: Enrolment
    session: TrainingSession
    days: list[date]  # the days present
    total_days: int

    @property
    def complete(self) -> bool:
        return len(self.days) == self.total_days


def certificate_of(enrolment: Enrolment) -> AttendanceCertificate | None:
    """The attendance certificate of a participant present at least one day, else None."""
    if enrolment.certificate_code is None:
        return None
    session = db.session.get(TrainingSession, enrolment.session_id)
    if session is None or session.status != SessionStatus.HELD:
        return None
    days = sorted(presence([enrolment.id]).get(enrolment.id, set()))
    if not days:
        return None
    return AttendanceCertificate(enrolment, session, days, len(session_days(session)))


def verify_attendance(code: str) -> AttendanceCertificate | None:
    """The attendance certificate with this code (case and spaces ignored), else None."""
    key = "".join(code.split()).upper()
    if not key.startswith(CODE_PREFIX) or len(key) > MAX_CODE_LENGTH:
        return None
    enrolment = db.session.execute(
        select(Enrolment).where(Enrolment.certificate_code == key)
    ).scalar()
    return certificate_of(enrolment) if enrolment is not None else None


def is_attendance_code(text: str) -> bool:
    """Whether a number typed on the verification page is an attendance certificate's."""
    return "".join(text.split()).upper().startswith(CODE_PREFIX)
