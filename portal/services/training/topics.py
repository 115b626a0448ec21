"""The bilingual catalogue of training topics: reading it and editing it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select

from portal.extensions import db
from portal.models import TrainingTopic
from portal.services.editing import apply_edit
from portal.services.training.common import TrainingError

TOPIC_FIELDS = ("code", "name_fr", "name_ar", "description_fr", "description_ar", "active")


class TopicCodeTaken(TrainingError):
    """Another topic (even one deleted) already has the code."""


def topic_list(language: str, *, active_only: bool) -> list[TrainingTopic]:
    """The catalogue in the language's alphabetical order."""
    query = select(TrainingTopic)
    if active_only:
        query = query.where(TrainingTopic.active.is_(True))
    # Sorted here: the catalogue is small (a few dozen topics).
    return sorted(
        db.session.execute(query).scalars(),
        key=lambda t: (t.name_ar if language == "ar" else t.name_fr, t.id),
    )


def topics_by_number() -> list[TrainingTopic]:
    """Every topic of the catalogue, in the order they were added."""
    return list(db.session.execute(select(TrainingTopic).order_by(TrainingTopic.id)).scalars())


def offerable_topics(current_topic_id: int | None = None) -> list[TrainingTopic]:
    """The topics an offer may be on: those in the catalogue (and the offer's own)."""
    offered = TrainingTopic.active.is_(True)
    if current_topic_id is not None:
        offered = or_(offered, TrainingTopic.id == current_topic_id)
    return list(
        db.session.execute(
            select(TrainingTopic).where(offered).order_by(TrainingTopic.id)
        ).scalars()
    )


def topic_or_none(topic_id: int) -> TrainingTopic | None:
    """A topic of the catalogue (the catalogue is public to signed-in users)."""
    return db.session.execute(select(TrainingTopic).where(TrainingTopic.id == topic_id)).scalar()


def code_taken(code: str, topic_id: int | None) -> bool:
    """Whether another topic, even a deleted one, has the code."""
    query = (
        select(TrainingTopic.id)
        .where(TrainingTopic.code == code)
        .execution_options(include_deleted=True)
    )
    if topic_id is not None:
        query = query.where(TrainingTopic.id != topic_id)
    return db.session.execute(query).first() is not None


def save_topic(
    topic: TrainingTopic | None, changes: dict[str, Any], version: int | None = None
) -> TrainingTopic:
    """Add a topic to the catalogue, or edit one (a save based on an older version is
    refused); a code another topic has is refused with ``TopicCodeTaken``."""
    if code_taken(changes["code"], topic.id if topic is not None else None):
        raise TopicCodeTaken(_("Another topic already has this code."))
    if topic is None:
        topic = TrainingTopic(**changes)
        db.session.add(topic)
        db.session.flush()
    else:
        apply_edit(topic, version, changes)
    return topic
