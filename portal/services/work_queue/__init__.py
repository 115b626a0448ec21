"""The work queue of each home page: what the signed-in user is to do next, computed from the
user's permissions and the scopes of the services, in a fixed number of queries whatever the
size of the data (each list a COUNT and a LIMIT).

``home_for(user, today)`` returns the read-model of the user's home (see ``base``); the kind
of home is named by ``authz.home_kind``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from portal.authz import HomeKind, home_kind
from portal.services import dashboard
from portal.services.audit_view import describe_all
from portal.services.ecosystems import summaries
from portal.services.work_queue import body, company, ecosystem, institute, oversight
from portal.services.work_queue.base import Home, Item, Link, Section

__all__ = ["Home", "Item", "Link", "Section", "home_for"]


def home_for(user: Any, today: date) -> Home:
    """The home of the user on the given day (Morocco's date: ``clock.today()``)."""
    kind = home_kind(user)
    home = Home(kind=kind)
    if kind == HomeKind.ADMIN:
        home.sections = oversight.admin_sections(user)
        home.shortcuts = oversight.admin_shortcuts(user)
        home.counts = dashboard.platform_counts()
        home.recent_changes = describe_all(dashboard.recent_audit_entries())
        home.summaries = summaries.public_ecosystem_summaries()
    elif kind == HomeKind.MINISTRY:
        home.sections = oversight.ministry_sections(user, today)
        home.shortcuts = oversight.ministry_shortcuts(user)
        home.summaries = summaries.public_ecosystem_summaries()
    elif kind == HomeKind.FEDERATION:
        home.sections = ecosystem.federation_sections(user, today)
        home.shortcuts = ecosystem.federation_shortcuts(user)
        home.summaries = summaries.federation_summaries(user)
    elif kind == HomeKind.COMPANY:
        home.sections = company.company_sections(user, today)
        home.shortcuts = company.company_shortcuts(user)
        home.memberships = summaries.own_memberships(user)
    elif kind == HomeKind.INSTITUTE:
        home.sections = institute.institute_sections(user, today)
        home.shortcuts = institute.institute_shortcuts(user)
        home.memberships = summaries.own_memberships(user)
    elif kind == HomeKind.BODY:
        home.sections = body.body_sections(user, today)
        home.shortcuts = body.body_shortcuts(user)
        home.memberships = summaries.own_memberships(user)
    else:
        home.memberships = summaries.own_memberships(user)
    return home
