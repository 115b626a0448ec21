"""Complaints and suggestions: who sees one, who handles it at each level of escalation, what
its requester may do, and who is told when it escalates.

A complaint is answered by the staff of the organisation it concerns (``handler_id``; none:
the portal's administrators). Past its answer date it escalates to the lead federation of its
ecosystem, past ``ministry_on`` to the ministry (``escalation_level``, derived from the dates).
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import Any

from flask import abort
from sqlalchemy import Select, false, or_, select, true

from portal.authz.core import (
    ROLE_PERMISSIONS,
    Permission,
    get_or_404,
    has_permission,
    has_role,
    signed_in,
)
from portal.authz.organisations import led_ecosystem_ids
from portal.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintStatus,
    OrganisationKind,
    Role,
    User,
)

# The requester may reopen an answer within this many days.
REOPEN_DAYS = 30

# The kinds of organisation a complaint may concern: those that serve others (a company is
# not answerable to the programme for its own business).
ANSWERING_KINDS = (
    OrganisationKind.MINISTRY,
    OrganisationKind.FEDERATION,
    OrganisationKind.INSTITUTE,
    OrganisationKind.INFRASTRUCTURE,
    OrganisationKind.RESEARCH_CENTRE,
)


class Level(enum.IntEnum):
    """Who is answerable for an open complaint, from its dates."""

    ORGANISATION = 0
    FEDERATION = 1
    MINISTRY = 2


def escalation_level(complaint: Complaint, today: date) -> Level:
    """The organisation until the answer date, then the lead federation (if it is not the
    organisation itself) until ``ministry_on``, then the ministry. An answered or closed
    complaint is back with its organisation."""
    if not complaint.is_open or today <= complaint.due_on:
        return Level.ORGANISATION
    if today <= complaint.ministry_on:
        return Level.FEDERATION
    return Level.MINISTRY


def has_federation_level(handler_id: int | None, lead_federation_id: int | None) -> bool:
    """Whether a complaint escalates to a lead federation before the ministry: it has an
    ecosystem, and its lead federation is not the organisation that answers it."""
    return lead_federation_id is not None and lead_federation_id != handler_id


def ministry_date(due_on: date, federation_level: bool, escalation_days: int) -> date:
    """The day after which the ministry is answerable."""
    return due_on + timedelta(days=escalation_days) if federation_level else due_on


# --- who sees what ------------------------------------------------------------------------------


def complaint_scope_terms(user: Any) -> dict[str, Any] | None:
    """The terms of a user's scope, each a WHERE clause on Complaint that an index serves
    (a list reads them one at a time and unites them): the user's own ("own"), those their
    organisation answers ("organisation"), those of the ecosystems their federation leads
    ("ecosystems"). None: every complaint (the ministry, administrators)."""
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        return None
    terms: dict[str, Any] = {"own": Complaint.requester_id == user.id}
    if has_permission(user, Permission.HANDLE_COMPLAINTS) and user.organisation_id is not None:
        terms["organisation"] = Complaint.handler_id == user.organisation_id
    if has_role(user, Role.FEDERATION_STAFF):
        terms["ecosystems"] = Complaint.ecosystem_id.in_(led_ecosystem_ids(user))
    return terms


def complaint_scope(user: Any):
    """WHERE clause on Complaint: everything for the ministry and administrators; otherwise
    the user's own, those their organisation answers, and (federation staff) those of the
    ecosystems their federation leads."""
    if not signed_in(user):
        return false()
    terms = complaint_scope_terms(user)
    return true() if terms is None else or_(*terms.values())


def scoped_complaints(user: Any) -> Select:
    """SELECT of the complaints the user may open."""
    return select(Complaint).where(complaint_scope(user))


def complaint_or_404(user: Any, complaint_id: int) -> Complaint:
    """A complaint the user may open, else 404 (out of scope looks like absent)."""
    return get_or_404(scoped_complaints(user).where(Complaint.id == complaint_id))


def complaint_attachment_or_404(
    user: Any, complaint_id: int, attachment_id: int
) -> ComplaintAttachment:
    """An attachment of a complaint the user may open, else 404."""
    complaint = complaint_or_404(user, complaint_id)
    return get_or_404(
        select(ComplaintAttachment).where(
            ComplaintAttachment.id == attachment_id,
            ComplaintAttachment.complaint_id == complaint.id,
        )
    )


def sees_all_complaints(user: Any) -> bool:
    """Whether the user's list holds every complaint (the ministry, administrators)."""
    return has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS)


def follows_ecosystem_escalations(user: Any) -> bool:
    """Whether overdue complaints of some ecosystems reach the user: federation staff, for
    the ecosystems their federation leads."""
    return has_role(user, Role.FEDERATION_STAFF)


def may_concern(user: Any, organisation: Any) -> bool:
    """Whether the user may write a complaint about the organisation: one that serves others
    (not a company), and not the user's own."""
    return (
        has_permission(user, Permission.FILE_COMPLAINTS)
        and organisation.kind in ANSWERING_KINDS
        and organisation.id != user.organisation_id
    )


# --- who acts -----------------------------------------------------------------------------------


def _answers_for_organisation(user: Any, complaint: Complaint) -> bool:
    if complaint.handler_id is None:
        return has_permission(user, Permission.MANAGE_PLATFORM)
    return user.organisation_id == complaint.handler_id


def can_handle(user: Any, complaint: Complaint, today: date) -> bool:
    """Whether the user may assign, answer or close the complaint: the staff of the
    organisation concerned (administrators for the portal itself), and once it escalated,
    the lead federation's staff, then the ministry's officers."""
    if not has_permission(user, Permission.HANDLE_COMPLAINTS):
        return False
    if _answers_for_organisation(user, complaint):
        return True
    level = escalation_level(complaint, today)
    if level >= Level.FEDERATION and complaint.ecosystem is not None:
        lead = complaint.ecosystem.lead_federation_id
        if has_role(user, Role.FEDERATION_STAFF) and user.organisation_id == lead:
            return True
    return level == Level.MINISTRY and has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS)


def can_answer(user: Any, complaint: Complaint, today: date) -> bool:
    """Whether the user may answer: an open complaint they handle."""
    return complaint.is_open and can_handle(user, complaint, today)


def can_close(user: Any, complaint: Complaint, today: date) -> bool:
    """Whether the user may close: an answered complaint of their organisation."""
    return complaint.status == ComplaintStatus.ANSWERED and can_handle(user, complaint, today)


def is_requester(user: Any, complaint: Complaint) -> bool:
    return signed_in(user) and complaint.requester_id == user.id


def _reopenable(complaint: Complaint, today: date) -> bool:
    return (
        complaint.status in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED)
        and complaint.answered_on is not None
        and today <= complaint.answered_on + timedelta(days=REOPEN_DAYS)
    )


def can_reopen(user: Any, complaint: Complaint, today: date) -> bool:
    """The requester reopens an answered or closed complaint within 30 days of its answer."""
    return is_requester(user, complaint) and _reopenable(complaint, today)


# Someone who wrote through the public contact form follows their message by the signed
# link of its e-mails (``services.complaints.follow_link``): the link is their access.


def can_reopen_by_link(complaint: Complaint, today: date) -> bool:
    """Whether the author of a contact-form message, holding its link, may reopen it."""
    return complaint.requester_id is None and _reopenable(complaint, today)


def can_rate_by_link(complaint: Complaint) -> bool:
    """Whether the author of a contact-form message, holding its link, may rate its answer."""
    return complaint.requester_id is None and complaint.status in (
        ComplaintStatus.ANSWERED,
        ComplaintStatus.CLOSED,
    )


def complaint_by_link_or_404(complaint_id: Any, contact_email: Any) -> Complaint:
    """The contact-form message a signed link names (the address must still be its own),
    else 404."""
    if not isinstance(complaint_id, int) or not isinstance(contact_email, str):
        abort(404)
    return get_or_404(
        select(Complaint).where(
            Complaint.id == complaint_id,
            Complaint.requester_id.is_(None),
            Complaint.contact_email == contact_email,
        )
    )


def can_rate(user: Any, complaint: Complaint) -> bool:
    """The requester rates the answer once it is given."""
    return is_requester(user, complaint) and complaint.status in (
        ComplaintStatus.ANSWERED,
        ComplaintStatus.CLOSED,
    )


def assignable_users(user: Any, complaint: Complaint) -> Select:
    """SELECT of the users the complaint may be assigned to by ``user``: the active
    colleagues of the user's organisation who may handle complaints (administrators, for the
    portal itself)."""
    query = select(User).where(User.active.is_(True), User.deleted_at.is_(None))
    if complaint.handler_id is None and has_permission(user, Permission.MANAGE_PLATFORM):
        query = query.where(User.role == Role.ADMIN)
    else:
        query = query.where(
            User.organisation_id == user.organisation_id, User.role.in_(_handling_roles())
        )
    return query.order_by(User.full_name, User.id)


def _handling_roles() -> list[Role]:
    """The roles whose users answer complaints."""
    return [r for r in Role if Permission.HANDLE_COMPLAINTS in ROLE_PERMISSIONS.get(r, ())]


# --- who is told --------------------------------------------------------------------------------


def handler_recipients(complaint: Complaint) -> Select:
    """SELECT of the active users who answer for the organisation concerned (the
    administrators for the portal itself)."""
    query = select(User).where(User.active.is_(True))
    if complaint.handler_id is None:
        return query.where(User.role == Role.ADMIN).order_by(User.id)
    return query.where(
        User.organisation_id == complaint.handler_id, User.role.in_(_handling_roles())
    ).order_by(User.id)


def escalation_recipients(complaint: Complaint, level: Level) -> Select:
    """SELECT of the active users a complaint escalates to: the lead federation's staff, or
    the ministry's officers."""
    query = select(User).where(User.active.is_(True))
    if level == Level.FEDERATION and complaint.ecosystem is not None:
        return query.where(
            User.organisation_id == complaint.ecosystem.lead_federation_id,
            User.role == Role.FEDERATION_STAFF,
        ).order_by(User.id)
    return query.where(User.role == Role.MINISTRY_OFFICER).order_by(User.id)
