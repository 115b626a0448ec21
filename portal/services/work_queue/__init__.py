"""The work queue of each home page: what the signed-in user is to do next, computed from the
user's permissions and the scopes of the services, in a fixed number of queries whatever the
size of the data (each list a COUNT and a LIMIT).

``home_for(user, today)`` returns the read-model of the user's home (see ``base``); the kind
of home is named by ``authz.home_kind``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from portal.authz import HomeKind, Permission, has_permission, home_kind
from portal.i18n import current_language
from portal.models import Ecosystem, Membership, Organisation, User
from portal.services import dashboard, mail
from portal.services.audit_view import describe_all
from portal.services.cache import View
from portal.services.ecosystems import summaries
from portal.services.work_queue import (
    body,
    company,
    complaints,
    consultant,
    ecosystem,
    institute,
    oversight,
    surveys,
)
from portal.services.work_queue.base import Home, Item, Link, Section

__all__ = ["Home", "Item", "Link", "Section", "home_for"]

# Each user's work queues and shortcuts, kept until a table they were read from changes (a
# home reads a dozen tables, each section a COUNT and its first rows: most of the page's time).
# The user's permissions come from their row, their organisation's and its memberships.
QUEUES = View(
    "home-queues",
    depends_on=(User, Organisation, Membership, Ecosystem),
    types=(Section, Item, Link),
)


def home_for(user: Any, today: date) -> Home:
    """The home of the user on the given day (Morocco's date: ``clock.today()``)."""
    kind = home_kind(user)
    home = Home(kind=kind)
    key = (user.id, kind.value, current_language(), today)
    home.sections, home.shortcuts = QUEUES.get(key, lambda: _with_shared(kind, user, today))
    if kind == HomeKind.ADMIN:
        home.counts = dashboard.platform_counts()
        home.mail_backlog = mail.backlog()
        home.recent_changes = describe_all(dashboard.recent_audit_entries())
        home.summaries = summaries.public_ecosystem_summaries()
    elif kind == HomeKind.MINISTRY:
        home.summaries = summaries.public_ecosystem_summaries()
    elif kind == HomeKind.FEDERATION:
        home.summaries = summaries.federation_summaries(user)
    elif kind != HomeKind.CONSULTANT:  # a consulting firm joins no ecosystem
        home.memberships = summaries.own_memberships(user)
    return home


def _with_shared(kind: HomeKind, user: Any, today: date) -> tuple[list[Section], list[Link]]:
    """A home's own sections and shortcuts, then what every home may have: complaints, and
    the surveys to answer and to read."""
    sections, shortcuts = _queues(kind, user, today)
    return (
        sections
        + complaints.complaint_sections(user, today)
        + surveys.surveys_to_answer(user, today),
        shortcuts + complaints.complaint_shortcut(user) + _survey_shortcut(user),
    )


def _survey_shortcut(user: Any) -> list[Link]:
    if has_permission(user, Permission.MANAGE_SURVEYS) or has_permission(
        user, Permission.VIEW_SURVEY_RESULTS
    ):
        return [Link(_("Satisfaction surveys"), url_for("surveys.index"))]
    return []


def _queues(kind: HomeKind, user: Any, today: date) -> tuple[list[Section], list[Link]]:
    """The sections and the shortcuts of a home."""
    if kind == HomeKind.ADMIN:
        return oversight.admin_sections(user), oversight.admin_shortcuts(user)
    if kind == HomeKind.MINISTRY:
        return oversight.ministry_sections(user, today), oversight.ministry_shortcuts(user)
    if kind == HomeKind.FEDERATION:
        return ecosystem.federation_sections(user, today), ecosystem.federation_shortcuts(user)
    if kind == HomeKind.COMPANY:
        return company.company_sections(user, today), company.company_shortcuts(user)
    if kind == HomeKind.INSTITUTE:
        return institute.institute_sections(user, today), institute.institute_shortcuts(user)
    if kind == HomeKind.BODY:
        return body.body_sections(user, today), body.body_shortcuts(user)
    if kind == HomeKind.CONSULTANT:
        return consultant.consultant_sections(user), consultant.consultant_shortcuts(user)
    return [], []
