"""Demo training data: offers from the institutes, needs of member companies across regions
and quarters in every status, a held session with its attendance and evaluations, a coming
one with enrolments and one whose attendance is still to record. Dates are relative to
today."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import (
    Ecosystem,
    Enrolment,
    EnrolmentStatus,
    JobCategory,
    Level,
    Membership,
    MembershipStatus,
    Modality,
    NeedStatus,
    Organisation,
    Priority,
    SessionStatus,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    TrainingTopic,
    quarter_of,
)
from portal.services.training import attendance, seats

# (institute index, topic code, title fr, title ar, hours, modality, capacity, price, regions)
OFFERS = [
    (
        0,
        "apqp",
        "APQP et PPAP en pratique",
        "APQP و PPAP في الممارسة",
        21,
        Modality.IN_PERSON,
        16,
        6500,
        "MA-01,MA-04",
    ),
    (
        0,
        "fmea",
        "AMDEC processus",
        "تحليل أنماط الأعطال للعمليات",
        14,
        Modality.IN_PERSON,
        14,
        4800,
        "MA-01",
    ),
    (
        1,
        "spc",
        "MSP et capabilité des procédés",
        "الضبط الإحصائي وقدرة العمليات",
        14,
        Modality.IN_PERSON,
        12,
        4200,
        "MA-04,MA-06",
    ),
    (
        1,
        "problem_solving_8d",
        "Résolution de problèmes 8D",
        "حل المشكلات بمنهجية 8D",
        7,
        Modality.IN_COMPANY,
        10,
        3000,
        "MA-01,MA-04,MA-06",
    ),
    (
        2,
        "chemical_risk_ghs_reach",
        "Étiquetage SGH et REACH",
        "وسم GHS ولائحة REACH",
        14,
        Modality.IN_PERSON,
        18,
        3900,
        "MA-06,MA-07",
    ),
    (
        3,
        "internal_auditor",
        "Auditeur interne ISO 9001",
        "مدقق داخلي ISO 9001",
        21,
        Modality.REMOTE,
        20,
        5200,
        "MA-03,MA-06,MA-09",
    ),
    (
        4,
        "iso_9001_requirements",
        "Comprendre l'ISO 9001",
        "فهم المواصفة ISO 9001",
        14,
        Modality.IN_PERSON,
        15,
        3500,
        "MA-06,MA-02,MA-05",
    ),
]

# (SME index, topic code, people, quarter offset, status, job, priority)
NEEDS = [
    (0, "apqp", 3, 1, NeedStatus.VALIDATED, JobCategory.ENGINEERS, Priority.HIGH),
    (1, "apqp", 2, 1, NeedStatus.VALIDATED, JobCategory.QUALITY_STAFF, Priority.HIGH),
    (2, "fmea", 4, 1, NeedStatus.VALIDATED, JobCategory.TECHNICIANS, Priority.MEDIUM),
    (3, "spc", 5, 2, NeedStatus.VALIDATED, JobCategory.TECHNICIANS, Priority.MEDIUM),
    (4, "problem_solving_8d", 6, 2, NeedStatus.SUBMITTED, JobCategory.SUPERVISORS, Priority.HIGH),
    (5, "internal_auditor", 2, 1, NeedStatus.SUBMITTED, JobCategory.QUALITY_STAFF, Priority.LOW),
    (6, "spc", 3, 2, NeedStatus.VALIDATED, JobCategory.OPERATORS, Priority.MEDIUM),
    (
        22,
        "chemical_risk_ghs_reach",
        4,
        1,
        NeedStatus.VALIDATED,
        JobCategory.TECHNICIANS,
        Priority.HIGH,
    ),
    (
        23,
        "chemical_risk_ghs_reach",
        3,
        1,
        NeedStatus.VALIDATED,
        JobCategory.QUALITY_STAFF,
        Priority.HIGH,
    ),
    (
        24,
        "iso_9001_requirements",
        5,
        3,
        NeedStatus.VALIDATED,
        JobCategory.MANAGERS,
        Priority.MEDIUM,
    ),
    (25, "iso_14001", 2, 3, NeedStatus.DECLINED, JobCategory.MANAGERS, Priority.LOW),
    (
        26,
        "internal_auditor",
        2,
        2,
        NeedStatus.VALIDATED,
        JobCategory.QUALITY_STAFF,
        Priority.MEDIUM,
    ),
]


def _quarter(offset: int) -> str:
    return quarter_of(clock.today() + timedelta(days=92 * offset))


def seed_training(
    smes: list[Organisation], institutes: list[Organisation], created: Counter
) -> None:
    """Create the demo offers, needs and sessions if there are none yet."""
    if db.session.execute(select(TrainingOffer.id)).first() is not None:
        return
    topics = {t.code: t for t in db.session.execute(select(TrainingTopic)).scalars()}
    offers = []
    for institute, code, fr, ar, hours, modality, capacity, price, regions in OFFERS:
        offer = TrainingOffer(
            institute_id=institutes[institute].id,
            topic_id=topics[code].id,
            title_fr=fr,
            title_ar=ar,
            duration_hours=hours,
            modality=modality,
            capacity=capacity,
            languages="fr,ar",
            price_mad=price,
            regions=regions,
        )
        db.session.add(offer)
        offers.append(offer)
    created["training offers"] += len(OFFERS)
    memberships = {
        m.organisation_id: m.ecosystem_id
        for m in db.session.execute(
            select(Membership).where(Membership.status == MembershipStatus.ACTIVE)
        ).scalars()
    }
    fallback = db.session.execute(select(Ecosystem.id).order_by(Ecosystem.id)).scalar()
    for sme, code, people, offset, status, job, priority in NEEDS:
        organisation = smes[sme]
        db.session.add(
            TrainingNeed(
                organisation_id=organisation.id,
                ecosystem_id=memberships.get(organisation.id, fallback),
                topic_id=topics[code].id,
                job_category=job,
                people=people,
                level=Level.BEGINNER,
                priority=priority,
                quarter=_quarter(offset),
                region=organisation.region,
                modality=Modality.IN_PERSON,
                status=status,
                decline_reason="Formation déjà suivie en 2025"
                if status == NeedStatus.DECLINED
                else "",
            )
        )
    created["training needs"] += len(NEEDS)
    db.session.flush()
    # An 8D session held last month for two companies, both of which evaluated it.
    _held_session(
        offers[3],
        ecosystem_id=memberships.get(smes[1].id, fallback),
        region="MA-04",
        place="IFMIA Kénitra, salle 3",
        days_ago=35,
        attendees=[
            (smes[1], ["Hamza Idrissi", "Sanae Lahlou"], True),
            (smes[2], ["Reda Benjelloun"], True),
        ],
        topic=topics["problem_solving_8d"],
        created=created,
    )
    # An APQP session of the demo institute, held in the autumn: the demo company has still to
    # evaluate it (its home says so), the other company did.
    _held_session(
        offers[0],
        ecosystem_id=memberships.get(smes[0].id, fallback),
        region="MA-01",
        place="IFMIA Tanger, salle 2",
        days_ago=70,
        attendees=[
            (smes[0], ["Omar Kettani", "Siham Bouzid"], False),
            (smes[3], ["Leila Fassi"], True),
        ],
        topic=topics["apqp"],
        created=created,
        # Present the first day only: the demo company's need is fulfilled in part, and a
        # need for one person is back in the demand.
        first_day_only={"Siham Bouzid"},
    )
    _sessions_in_the_queues(smes, offers, memberships, fallback, created)


def _held_session(
    offer,
    *,
    ecosystem_id,
    region,
    place,
    days_ago,
    attendees,
    topic,
    created,
    first_day_only=frozenset(),
) -> None:
    """A two-day session held ``days_ago`` with its attendance recorded day by day (every
    participant present both days but those of ``first_day_only``): ``attendees`` are
    (company, names, evaluated); each company's need is fulfilled by those who attended, and
    its evaluation given when it gave one. Every participant present gets an attendance
    certificate."""
    start = clock.today() - timedelta(days=days_ago)
    session = TrainingSession(
        offer_id=offer.id,
        institute_id=offer.institute_id,
        topic_id=offer.topic_id,
        ecosystem_id=ecosystem_id,
        region=region,
        quarter=quarter_of(start),
        starts_on=start,
        ends_on=start + timedelta(days=1),
        place=place,
        seats=10,
        status=SessionStatus.PLANNED,
    )
    db.session.add(session)
    db.session.flush()
    present: set = set()
    for organisation, names, _evaluated in attendees:
        for name in names:
            enrolment = Enrolment(
                session_id=session.id,
                organisation_id=organisation.id,
                participant_name=name,
                status=EnrolmentStatus.ENROLLED,
            )
            db.session.add(enrolment)
            db.session.flush()
            days = attendance.session_days(session)
            present |= {
                (enrolment.id, day) for day in days[: 1 if name in first_day_only else None]
            }
        db.session.add(
            TrainingNeed(
                organisation_id=organisation.id,
                ecosystem_id=session.ecosystem_id,
                topic_id=topic.id,
                job_category=JobCategory.SUPERVISORS,
                people=len(names),
                level=Level.BEGINNER,
                priority=Priority.HIGH,
                quarter=session.quarter,
                region=organisation.region,
                modality=offer.modality,
                status=NeedStatus.PLANNED,
                session_id=session.id,
            )
        )
    db.session.flush()
    attendance.record_days(session, present)
    for organisation, _names, evaluated in attendees:
        if evaluated:
            _evaluate(session, organisation, clock.today())
    created["training sessions"] += 1


def _sessions_in_the_queues(smes, offers, memberships, fallback, created) -> None:
    """Sessions that give the demo homes work: an APQP session in three weeks serving the
    first company's need, with one of its staff enrolled, and an FMEA session that ended four
    days ago whose attendance the institute has still to record."""
    today = clock.today()
    ecosystem_id = memberships.get(smes[0].id, fallback)
    coming = TrainingSession(
        offer_id=offers[0].id,
        institute_id=offers[0].institute_id,
        topic_id=offers[0].topic_id,
        ecosystem_id=ecosystem_id,
        region="MA-01",
        quarter=quarter_of(today + timedelta(days=21)),
        starts_on=today + timedelta(days=21),
        ends_on=today + timedelta(days=23),
        place="IFMIA Tanger, salle 2",
        seats=12,
    )
    ended = TrainingSession(
        offer_id=offers[1].id,
        institute_id=offers[1].institute_id,
        topic_id=offers[1].topic_id,
        ecosystem_id=ecosystem_id,
        region="MA-01",
        quarter=quarter_of(today - timedelta(days=5)),
        starts_on=today - timedelta(days=5),
        ends_on=today - timedelta(days=4),
        place="IFMIA Tanger, salle 1",
        seats=10,
    )
    db.session.add_all([coming, ended])
    db.session.flush()
    need = db.session.execute(
        select(TrainingNeed).where(
            TrainingNeed.organisation_id == smes[0].id,
            TrainingNeed.topic_id == offers[0].topic_id,
            TrainingNeed.status != NeedStatus.FULFILLED,
        )
    ).scalar()
    if need is not None:
        need.status = NeedStatus.PLANNED
        need.session_id = coming.id
        db.session.flush()
        # Fair seats: kept for the company whose need the session serves until a week
        # before it starts.
        seats.keep_seats(coming, [need], coming.starts_on - timedelta(days=7))
    for session, sme, name in (
        (coming, 0, "Youssef Amrani"),
        (ended, 2, "Reda Benjelloun"),
        (ended, 3, "Leila Fassi"),
    ):
        db.session.add(
            Enrolment(
                session_id=session.id,
                organisation_id=smes[sme].id,
                participant_name=name,
                status=EnrolmentStatus.ENROLLED,
            )
        )
    created["training sessions"] += 2


def _evaluate(session: TrainingSession, organisation: Organisation, today) -> None:
    """The company's answers to the session survey (overall, content, trainer, comment)."""
    from portal.services import surveys

    invitation = surveys.session_invitation(session, organisation.id, today)
    if invitation is None or invitation.answered_on is not None:
        return
    invitation.notified_on = today
    values = [4 + (organisation.id % 2), 4, 5, "Cas pratiques utiles"]
    questions = surveys.questions_of(invitation.survey)
    surveys.answer(
        invitation,
        {q.id: v for q, v in zip(questions, values, strict=False)},
        today,
    )
