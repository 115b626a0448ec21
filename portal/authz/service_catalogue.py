"""Who offers what and the demand as a whole (issue 15): who keeps a service catalogue, who
reads one, whose infrastructure needs a user sees, and who sees the demand with the companies
behind it (bodies and centres: counts only)."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import false, select, true

from portal.authz.certification import led_member
from portal.authz.core import Permission, get_or_404, has_permission, has_role, signed_in
from portal.models import (
    SERVICE_PROVIDER_KINDS,
    Ecosystem,
    InfrastructureNeed,
    Organisation,
    Role,
    ServiceOffer,
)


def provider_or_404(organisation_id: int) -> Organisation:
    """A live infrastructure body or research centre (whose catalogue is read), else 404."""
    return get_or_404(
        select(Organisation).where(
            Organisation.id == organisation_id, Organisation.kind.in_(SERVICE_PROVIDER_KINDS)
        )
    )


def can_manage_catalogue(user: Any, body: Organisation) -> bool:
    """The users of a body or centre keep its own catalogue, and no other."""
    return (
        has_permission(user, Permission.MANAGE_SERVICE_CATALOGUE)
        and body.kind in SERVICE_PROVIDER_KINDS
        and user.organisation_id == body.id
    )


def own_offer_or_404(user: Any, offer_id: int) -> ServiceOffer:
    """An entry of the user's own catalogue, else 404."""
    return get_or_404(
        select(ServiceOffer).where(
            ServiceOffer.id == offer_id, ServiceOffer.body_id == user.organisation_id
        )
    )


def need_scope(user: Any):
    """WHERE clause on InfrastructureNeed: a company's own, the needs of the members of the
    ecosystems a federation leads, all for the ministry and administrators."""
    if not signed_in(user):
        return false()
    if has_role(user, Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if has_role(user, Role.FEDERATION_STAFF):
        return led_member(user, InfrastructureNeed.organisation_id)
    if has_role(user, Role.SME_USER):
        return InfrastructureNeed.organisation_id == user.organisation_id
    return false()


def need_or_404(user: Any, need_id: int) -> InfrastructureNeed:
    """A need the user may see, else 404."""
    return get_or_404(
        select(InfrastructureNeed).where(need_scope(user), InfrastructureNeed.id == need_id)
    )


def can_edit_infrastructure_need(user: Any, need: InfrastructureNeed) -> bool:
    """A company edits and withdraws its own needs."""
    return (
        has_permission(user, Permission.DECLARE_INFRASTRUCTURE_NEEDS)
        and need.organisation_id == user.organisation_id
    )


def own_need_or_404(user: Any, need_id: int) -> InfrastructureNeed:
    """A need of the user's company, else 404."""
    need = need_or_404(user, need_id)
    if not can_edit_infrastructure_need(user, need):
        abort(404)
    return need


def sees_needing_companies(user: Any) -> bool:
    """Whether a list of needs names the companies: not for a company (its own only)."""
    return not has_role(user, Role.SME_USER)


def can_open_service_demand_cells(user: Any) -> bool:
    """Whether the user may open the needs behind a demand cell, with the companies' names:
    federation staff (their ecosystems' members), the ministry and administrators; never
    bodies or centres (counts only)."""
    return has_permission(user, Permission.VIEW_SERVICE_DEMAND) and has_permission(
        user, Permission.VIEW_INFRASTRUCTURE_NEEDS
    )


def demand_member_scope(user: Any, organisation_id: Any):
    """WHERE clause on the company behind a request or need counted in the user's demand:
    the members of the ecosystems a federation leads; every company for the others who see
    the demand (bodies and centres see it as counts)."""
    if not has_permission(user, Permission.VIEW_SERVICE_DEMAND):
        return false()
    if has_role(user, Role.FEDERATION_STAFF):
        return led_member(user, organisation_id)
    return true()


def service_demand_scope_key(user: Any) -> str:
    """What decides the user's demand (a cache key): a federation's ecosystems' members, or
    every company for the others who see the demand."""
    if not has_permission(user, Permission.VIEW_SERVICE_DEMAND):
        return "none"
    if has_role(user, Role.FEDERATION_STAFF):
        return f"federation-{user.organisation_id}"
    return "all"


def service_demand_ecosystem_scope(user: Any):
    """WHERE clause on Ecosystem: the ecosystems the user filters the demand by."""
    if has_role(user, Role.FEDERATION_STAFF):
        return Ecosystem.lead_federation_id == user.organisation_id
    return true()
