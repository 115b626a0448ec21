"""Ecosystems and memberships: who sees and manages an ecosystem's members."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import Select, bindparam, false, select, true

from portal.authz.core import Permission, get_or_404, has_permission
from portal.authz.organisations import led_ecosystem_ids, sees_all_organisations
from portal.models import Ecosystem, Membership, Role


def membership_scope(user: Any):
    """A WHERE clause on Membership: all for the ministry and admins, the led ecosystems'
    for federation staff, the user's own organisation's otherwise."""
    if user is None or not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return Membership.ecosystem_id.in_(led_ecosystem_ids(user))
    return Membership.organisation_id == user.organisation_id


def scoped_memberships(user: Any) -> Select:
    """SELECT of the memberships the user may see."""
    return select(Membership).where(membership_scope(user))


def can_manage_members(user: Any, ecosystem: Ecosystem) -> bool:
    """Administrators, and staff of the federation that leads the ecosystem."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return (
        user.role == Role.FEDERATION_STAFF and ecosystem.lead_federation_id == user.organisation_id
    )


def can_view_members(user: Any, ecosystem: Ecosystem) -> bool:
    """Who manages the ecosystem's members, and the ministry, which monitors them all."""
    return can_manage_members(user, ecosystem) or has_permission(
        user, Permission.MONITOR_ALL_ECOSYSTEMS
    )


def can_edit_ecosystems(user: Any) -> bool:
    """Who creates and edits ecosystems (administrators and the ministry)."""
    return has_permission(user, Permission.MANAGE_ECOSYSTEMS)


def can_open_ecosystem_tools(user: Any, ecosystem: Ecosystem) -> bool:
    """Whether the ecosystem's page shows the staff's tools: its member list, and as the
    user may, its requests to join and its editing."""
    return can_view_members(user, ecosystem) or can_edit_ecosystems(user)


def can_list_organisations(user: Any) -> bool:
    """Who opens the staff list of organisations (scoped to what each may see): those who
    manage an ecosystem's members and those who monitor every ecosystem."""
    return has_permission(user, Permission.MANAGE_MEMBERS) or has_permission(
        user, Permission.MONITOR_ALL_ECOSYSTEMS
    )


def member_list_ecosystems(user: Any) -> Select | None:
    """SELECT of the ecosystems whose member list the user may open (as ``can_view_members``
    decides one by one): all for those who monitor every ecosystem, the led ones for staff
    who manage members; None for everyone else (no query to send: the navigation asks on
    every page)."""
    query = select(Ecosystem).order_by(Ecosystem.name_fr)
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        return query
    if has_permission(user, Permission.MANAGE_MEMBERS):
        return query.where(Ecosystem.id.in_(led_ecosystem_ids(user)))
    return None


# Most of an ecosystem's pages start with it: built once, the slug a parameter.
_ECOSYSTEM_BY_SLUG = select(Ecosystem).where(Ecosystem.slug == bindparam("slug"))


def ecosystem_or_404(slug: str) -> Ecosystem:
    """The live ecosystem with this slug, else 404."""
    return get_or_404(_ECOSYSTEM_BY_SLUG, {"slug": slug})


def members_ecosystem_or_404(user: Any, slug: str, *, manage: bool) -> Ecosystem:
    """The ecosystem whose members the user may see (or manage); others answer 404."""
    ecosystem = ecosystem_or_404(slug)
    allowed = can_manage_members if manage else can_view_members
    if not allowed(user, ecosystem):
        abort(404)
    return ecosystem


def managed_membership_or_404(user: Any, membership_id: int) -> Membership:
    """A membership in an ecosystem the user manages, else 404."""
    membership = get_or_404(scoped_memberships(user).where(Membership.id == membership_id))
    if not can_manage_members(user, membership.ecosystem):
        abort(404)
    return membership
