"""The complaints of the work queues: those the user's organisation is to answer (the
portal's own, for administrators), those that escalated to the user's federation or to the
ministry, and the user's own messages still open or waiting for their reading. Each section
is a bounded count and its first rows, read on the complaints' deadline indexes."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.authz import Permission, has_permission, led_ecosystem_ids
from portal.authz.complaints import follows_ecosystem_escalations, sees_all_complaints
from portal.extensions import db
from portal.models import Complaint, ComplaintStatus
from portal.services.complaints import ministry_clause, overdue_clause
from portal.services.work_queue.base import (
    SHOWN,
    Item,
    Link,
    Section,
    bounded_count,
    days_between,
    isolated,
)


def _handler_clause(user: Any):
    if has_permission(user, Permission.MANAGE_PLATFORM):
        return Complaint.handler_id.is_(None)
    return Complaint.handler_id == user.organisation_id


def _item(complaint: Complaint, today: date) -> Item:
    days = days_between(today, complaint.due_on)
    return Item(
        title=complaint.subject,
        href=url_for("complaints.show", complaint_id=complaint.id),
        context=f"{isolated(complaint.reference or '')} · {complaint.kind.label}",
        badge=_("Overdue") if days < 0 else complaint.status.label,
        tone="danger" if days < 0 else ("warning" if days <= 5 else "secondary"),
        when=complaint.due_on,
        when_kind="answer_due",
        days=days,
    )


def _section(key: str, title: str, empty: str, where: tuple, order: tuple, today: date, more):
    total = bounded_count(select(Complaint.id).where(*where))
    found = db.session.execute(select(Complaint).where(*where).order_by(*order).limit(SHOWN))
    return Section(
        key=key,
        title=title,
        total=total.count,
        capped=total.capped,
        items=[_item(complaint, today) for complaint in found.scalars()],
        empty=empty,
        more=more,
    )


def to_answer(user: Any, today: date) -> Section:
    """Open complaints the user's organisation answers, the nearest answer date first."""
    return _section(
        "complaints_to_answer",
        _("Complaints and suggestions to answer"),
        _("No complaint or suggestion is waiting for your answer."),
        (_handler_clause(user), Complaint.is_closed.is_(False)),
        (Complaint.is_closed, Complaint.due_on, Complaint.id),
        today,
        [
            Link(_("Overdue"), url_for("complaints.index", status="overdue")),
            Link(_("All complaints and suggestions"), url_for("complaints.index")),
        ],
    )


def escalated(user: Any, today: date) -> Section:
    """Complaints that reached the user past their answer date: the ministry's (past
    ``ministry_on``), or those of the federation's ecosystems that another organisation
    left unanswered."""
    if sees_all_complaints(user):
        where: tuple = (ministry_clause(today),)
        order: tuple = (Complaint.is_closed, Complaint.ministry_on, Complaint.id)
        more = [
            Link(_("Escalated to the ministry"), url_for("complaints.index", status="ministry"))
        ]
    else:
        where = (
            Complaint.ecosystem_id.in_(led_ecosystem_ids(user)),
            Complaint.handler_id != user.organisation_id,
            overdue_clause(today),
        )
        order = (Complaint.is_closed, Complaint.due_on, Complaint.id)
        more = [Link(_("Overdue"), url_for("complaints.index", status="overdue"))]
    return _section(
        "complaints_escalated",
        _("Complaints past their answer date, now yours to follow"),
        _("No complaint has escalated to you."),
        where,
        order,
        today,
        more,
    )


def own_messages(user: Any, today: date) -> Section:
    """The user's complaints and suggestions not closed yet (open, or answered: to read,
    rate or reopen), newest first."""
    return _section(
        "complaints_own",
        _("Your complaints and suggestions"),
        _("You have no complaint or suggestion under way."),
        (Complaint.requester_id == user.id, Complaint.status != ComplaintStatus.CLOSED),
        (Complaint.filed_on.desc(), Complaint.id.desc()),
        today,
        [
            Link(_("New complaint or suggestion"), url_for("complaints.new")),
            Link(_("All your messages"), url_for("complaints.index")),
        ],
    )


def complaint_sections(user: Any, today: date) -> list[Section]:
    """The complaint sections of a home: what to answer and what escalated for those who
    answer complaints, the user's own messages for the others."""
    if not has_permission(user, Permission.HANDLE_COMPLAINTS):
        if has_permission(user, Permission.FILE_COMPLAINTS):
            return [own_messages(user, today)]
        return []
    sections = []
    if user.organisation_id is not None or has_permission(user, Permission.MANAGE_PLATFORM):
        sections.append(to_answer(user, today))
    if sees_all_complaints(user) or follows_ecosystem_escalations(user):
        sections.append(escalated(user, today))
    return sections


def complaint_shortcut(user: Any) -> list[Link]:
    if not has_permission(user, Permission.FILE_COMPLAINTS):
        return []
    return [Link(_("Complaints and suggestions"), url_for("complaints.index"))]
