"""A training institute's work queue: the demand for the topics of its offers (counts only),
its coming sessions and the sessions whose attendance is still to record."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from portal.authz import Permission, demand_scope, has_permission
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    TrainingTopic,
)
from portal.services.training import DEMAND_STATUSES
from portal.services.work_queue.base import SHOWN, Item, Link, Section, days_between


def _offered_topics(user: Any):
    return select(TrainingOffer.topic_id).where(
        TrainingOffer.institute_id == user.organisation_id, TrainingOffer.active.is_(True)
    )


def topic_demand(user: Any) -> Section:
    """Validated demand on the topics of the institute's offers: people and needs per topic,
    counts only (never a company's name); the largest first."""
    where = (
        demand_scope(user),
        TrainingNeed.status.in_(DEMAND_STATUSES),
        TrainingNeed.topic_id.in_(_offered_topics(user)),
    )
    total = db.session.execute(
        select(func.count(func.distinct(TrainingNeed.topic_id))).where(*where)
    ).scalar_one()
    per_topic = (
        select(
            TrainingNeed.topic_id.label("topic_id"),
            func.sum(TrainingNeed.people).label("people"),
            func.count(TrainingNeed.id).label("needs"),
        )
        .where(*where)
        .group_by(TrainingNeed.topic_id)
        .subquery()
    )
    rows = db.session.execute(
        select(TrainingTopic, per_topic.c.people, per_topic.c.needs)
        .join(per_topic, per_topic.c.topic_id == TrainingTopic.id)
        .order_by(per_topic.c.people.desc(), TrainingTopic.id)
        .limit(SHOWN)
    ).all()
    items = [
        Item(
            title=localized(topic, "name"),
            href=url_for("training.demand"),
            figure=" · ".join(
                (
                    ngettext("%(num)d person", "%(num)d people", people),
                    ngettext("%(num)d need", "%(num)d needs", needs),
                )
            ),
        )
        for topic, people, needs in rows
    ]
    return Section(
        key="topic_demand",
        title=_("Demand for your topics"),
        total=total,
        items=items,
        empty=_(
            "No validated need is waiting on the topics of your offers. The demand page "
            "shows the needs on every topic."
        ),
        more=[Link(_("The demand by topic, region and quarter"), url_for("training.demand"))],
        note=_("Counts of validated needs not yet served by a session."),
    )


def _sessions_where(user: Any) -> tuple:
    return (
        TrainingSession.institute_id == user.organisation_id,
        TrainingSession.status == SessionStatus.PLANNED,
    )


def _seats_taken(session_ids: list[int]) -> dict[int, int]:
    if not session_ids:
        return {}
    return dict(
        db.session.execute(
            select(Enrolment.session_id, func.count(Enrolment.id))
            .where(
                Enrolment.session_id.in_(session_ids),
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
            .group_by(Enrolment.session_id)
        ).all()
    )


def coming_sessions(user: Any, today: date) -> Section:
    """The institute's planned sessions that have not started, the soonest first."""
    where = (*_sessions_where(user), TrainingSession.starts_on >= today)
    total = db.session.execute(select(func.count(TrainingSession.id)).where(*where)).scalar_one()
    sessions = list(
        db.session.execute(
            select(TrainingSession)
            .where(*where)
            .order_by(TrainingSession.starts_on, TrainingSession.id)
            .limit(SHOWN)
        ).scalars()
    )
    taken = _seats_taken([s.id for s in sessions])
    items = [
        Item(
            title=localized(session.topic, "name"),
            href=url_for("training.session", session_id=session.id),
            context=session.place,
            figure=_(
                "%(taken)s of %(seats)s seats taken",
                taken=taken.get(session.id, 0),
                seats=session.seats,
            ),
            when=session.starts_on,
            when_kind="starts",
            days=days_between(today, session.starts_on),
        )
        for session in sessions
    ]
    return Section(
        key="coming_sessions",
        title=_("Your coming sessions"),
        total=total,
        items=items,
        empty=_("No session of yours is planned. The federations plan them from your offers."),
        more=[
            Link(
                _("The planned sessions"),
                url_for("training.sessions", status=SessionStatus.PLANNED.value),
            )
        ],
    )


def attendance_to_record(user: Any, today: date) -> Section:
    """Sessions of the institute that have ended but whose attendance is not recorded."""
    where = (*_sessions_where(user), TrainingSession.ends_on < today)
    total = db.session.execute(select(func.count(TrainingSession.id)).where(*where)).scalar_one()
    sessions = db.session.execute(
        select(TrainingSession)
        .where(*where)
        .order_by(TrainingSession.ends_on, TrainingSession.id)
        .limit(SHOWN)
    ).scalars()
    items = [
        Item(
            title=localized(session.topic, "name"),
            href=url_for("training.attendance", session_id=session.id),
            context=session.place,
            step=_("Record who attended"),
            tone="warning",
            when=session.ends_on,
            when_kind="ended",
        )
        for session in sessions
    ]
    return Section(
        key="attendance",
        title=_("Attendance to record"),
        total=total,
        items=items,
        empty=_("Every session that has ended has its attendance recorded."),
        more=[
            Link(
                _("The planned sessions"),
                url_for("training.sessions", status=SessionStatus.PLANNED.value),
            )
        ],
    )


def institute_sections(user: Any, today: date) -> list[Section]:
    """The institute's queue, each section shown when its permission is held."""
    sections = []
    if has_permission(user, Permission.VIEW_TRAINING_DEMAND) and has_permission(
        user, Permission.PUBLISH_TRAINING_OFFERS
    ):
        sections.append(topic_demand(user))
    if has_permission(user, Permission.RUN_TRAINING_SESSIONS):
        sections.append(coming_sessions(user, today))
        sections.append(attendance_to_record(user, today))
    return sections


def institute_shortcuts(user: Any) -> list[Link]:
    """What an institute works on from its home."""
    links = []
    if has_permission(user, Permission.PUBLISH_TRAINING_OFFERS):
        links.append(Link(_("Your training offers"), url_for("training.offers")))
        links.append(Link(_("Publish a training offer"), url_for("training.edit_offer")))
    if has_permission(user, Permission.VIEW_TRAINING_DEMAND):
        links.append(Link(_("Training demand"), url_for("training.demand")))
    links.append(Link(_("Training topic catalogue"), url_for("training.topics")))
    if has_permission(user, Permission.RUN_TRAINING_SESSIONS):
        links.append(Link(_("Training sessions"), url_for("training.sessions")))
    return links
