"""The satisfaction surveys a user's organisation is invited to answer (the training
sessions apart: the company's queue has its own section for them), shown on any home
when there are some."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.authz.surveys import invitation_scope
from portal.extensions import db
from portal.i18n import localized
from portal.models import SurveyInvitation, SurveyOccasion
from portal.services.surveys import ANSWER_WITHIN, pending_clause
from portal.services.work_queue.base import SHOWN, Item, Section, bounded_count, days_between


def surveys_to_answer(user: Any, today: date) -> list[Section]:
    """A section of the pending invitations, if the user has any (newest first, on the
    index of the organisation and the answer date)."""
    where = (
        invitation_scope(user),
        pending_clause(today),
        SurveyInvitation.occasion != SurveyOccasion.TRAINING_SESSION,
    )
    total = bounded_count(select(SurveyInvitation.id).where(*where))
    if not total.count:
        return []
    found = db.session.execute(
        select(SurveyInvitation)
        .where(*where)
        .order_by(SurveyInvitation.invited_on.desc(), SurveyInvitation.id.desc())
        .limit(SHOWN)
    ).scalars()
    items = []
    for invitation in found:
        closes = invitation.invited_on + ANSWER_WITHIN
        items.append(
            Item(
                title=localized(invitation.survey, "title"),
                href=url_for("surveys.respond", invitation_id=invitation.id),
                context=invitation.occasion.label,
                # i18n: what a user is to do about a satisfaction survey
                step=_("A few questions: your answers help improve the service."),
                when=closes,
                when_kind="due",
                days=days_between(today, closes),
            )
        )
    return [
        Section(
            key="surveys_to_answer",
            title=_("Satisfaction surveys to answer"),
            total=total.count,
            capped=total.capped,
            items=items,
            empty="",
        )
    ]
