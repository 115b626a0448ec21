"""The programme's dashboards: the ministry's cockpit over every ecosystem and a federation's
dashboard over the ecosystems it leads are one page, scoped here.

Who monitors every ecosystem (the ministry, administrators) sees all of them, side by side;
federation staff see the ecosystems their federation leads; nobody else opens it. The
quarterly programme report follows the same scope.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from portal.authz.core import Permission, has_permission
from portal.authz.organisations import led_ecosystem_ids
from portal.extensions import db
from portal.models import Ecosystem


def monitors_programme(user: Any) -> bool:
    """Whether the user's dashboard is the programme's (every ecosystem): the cockpit."""
    return has_permission(user, Permission.VIEW_DASHBOARD) and has_permission(
        user, Permission.MONITOR_ALL_ECOSYSTEMS
    )


def dashboard_ecosystems(user: Any) -> Select:
    """SELECT of the ecosystems whose dashboard the user reads, in the order of their name
    (none without the permission)."""
    query = select(Ecosystem).order_by(Ecosystem.name_fr, Ecosystem.id)
    if not has_permission(user, Permission.VIEW_DASHBOARD):
        return query.where(Ecosystem.id.is_(None))
    if monitors_programme(user):
        return query
    return query.where(Ecosystem.id.in_(led_ecosystem_ids(user)))


def visible_dashboard_ecosystems(user: Any) -> list[Ecosystem]:
    """The ecosystems of ``dashboard_ecosystems``, read."""
    return list(db.session.execute(dashboard_ecosystems(user)).scalars())
