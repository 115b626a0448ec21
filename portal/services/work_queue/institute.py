"""A training institute's work queue: the demand for the topics of its offers (counts only),
its coming sessions and the sessions whose attendance is still to record."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select, true

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

try:  # the demand summary of the training services (issue 11), when the schema has it
    from portal.models.training import ALL_ECOSYSTEMS, TrainingDemandCell
except ImportError:  # pragma: no cover
    ALL_ECOSYSTEMS, TrainingDemandCell = 0, None
from portal.services.work_queue.base import (
    SHOWN,
    Item,
    Link,
    Section,
    bounded_count,
    days_between,
)


def _offered_topics(user: Any):
    return select(TrainingOffer.topic_id).where(
        TrainingOffer.institute_id == user.organisation_id, TrainingOffer.active.is_(True)
    )


def _demand_per_topic(user: Any) -> list[tuple[int, int, int]]:
    """(topic, people, needs) of the validated demand on each topic the institute offers.

    Read from the demand summary (``training_demand_cells``, kept exact by the training
    services in the transaction that changes a need: a few hundred rows per topic) when the
    schema has it; otherwise aggregated from the needs (a whole-table aggregate: slow at
    national scale)."""
    if TrainingDemandCell is not None and demand_scope(user) is true():
        cell = TrainingDemandCell
        statement = (
            select(cell.topic_id, func.sum(cell.people), func.sum(cell.needs))
            .where(
                cell.ecosystem_id == ALL_ECOSYSTEMS,
                cell.topic_id.in_(_offered_topics(user)),
            )
            .group_by(cell.topic_id)
        )
    else:
        statement = (
            select(
                TrainingNeed.topic_id, func.sum(TrainingNeed.people), func.count(TrainingNeed.id)
            )
            .where(
                demand_scope(user),
                TrainingNeed.status.in_(DEMAND_STATUSES),
                TrainingNeed.topic_id.in_(_offered_topics(user)),
            )
            .group_by(TrainingNeed.topic_id)
        )
    return [
        (topic_id, int(people or 0), int(needs or 0))
        for topic_id, people, needs in db.session.execute(statement)
        if needs
    ]


def topic_demand(user: Any) -> Section:
    """Validated demand on the topics of the institute's offers: people and needs per topic,
    counts only (never a company's name); the largest first."""
    per_topic = _demand_per_topic(user)
    largest = sorted(per_topic, key=lambda row: (-row[1], row[0]))[:SHOWN]
    topics = {
        topic.id: topic
        for topic in db.session.execute(
            select(TrainingTopic).where(TrainingTopic.id.in_([row[0] for row in largest]))
        ).scalars()
    }
    rows = [(topics[topic_id], people, needs) for topic_id, people, needs in largest]
    total = len(per_topic)
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
    total = bounded_count(select(TrainingSession.id).where(*where))
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
        total=total.count,
        capped=total.capped,
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
    total = bounded_count(select(TrainingSession.id).where(*where))
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
        total=total.count,
        capped=total.capped,
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
