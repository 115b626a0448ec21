"""The figures of the ecosystems: memberships by status, kind of member and region, the
requests waiting for a decision and an organisation's own memberships, computed in SQL
whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from portal.authz import membership_scope
from portal.extensions import db
from portal.models import Ecosystem, Membership, MembershipStatus, Organisation, User


@dataclass
class EcosystemSummary:
    """An ecosystem with its membership counts."""

    ecosystem: Ecosystem
    by_status: dict[str, int] = field(default_factory=dict)
    active_by_role: dict[str, int] = field(default_factory=dict)
    active_by_region: dict[str, int] = field(default_factory=dict)

    @property
    def active(self) -> int:
        return self.by_status.get(MembershipStatus.ACTIVE.value, 0)

    @property
    def requested(self) -> int:
        return self.by_status.get(MembershipStatus.REQUESTED.value, 0)


def _summaries(ecosystem_filter: Any = None) -> list[EcosystemSummary]:
    """Ecosystems (optionally filtered) with counts from two grouped queries."""
    query = select(Ecosystem).order_by(Ecosystem.name_fr)
    if ecosystem_filter is not None:
        query = query.where(ecosystem_filter)
    ecosystems = db.session.execute(query).scalars().all()
    summaries = {eco.id: EcosystemSummary(eco) for eco in ecosystems}
    if not summaries:
        return []
    live_org = select(Organisation.id).where(Organisation.deleted_at.is_(None))
    counts = db.session.execute(
        select(Membership.ecosystem_id, Membership.status, Membership.role, func.count())
        .where(
            Membership.ecosystem_id.in_(summaries),
            Membership.deleted_at.is_(None),
            Membership.organisation_id.in_(live_org),
        )
        .group_by(Membership.ecosystem_id, Membership.status, Membership.role)
    ).all()
    for ecosystem_id, status, role, count in counts:
        summary = summaries[ecosystem_id]
        summary.by_status[status.value] = summary.by_status.get(status.value, 0) + count
        if status == MembershipStatus.ACTIVE:
            summary.active_by_role[role.value] = count
    regions = db.session.execute(
        select(Membership.ecosystem_id, Organisation.region, func.count())
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            Membership.ecosystem_id.in_(summaries),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.deleted_at.is_(None),
            Organisation.deleted_at.is_(None),
        )
        .group_by(Membership.ecosystem_id, Organisation.region)
    ).all()
    for ecosystem_id, region, count in regions:
        summaries[ecosystem_id].active_by_region[region or ""] = count
    return list(summaries.values())


def public_ecosystem_summaries() -> list[EcosystemSummary]:
    """Every ecosystem with its public figures (counts only, no names of members)."""
    return _summaries()


def federation_summaries(user: User) -> list[EcosystemSummary]:
    """The ecosystems the user's federation leads."""
    return _summaries(Ecosystem.lead_federation_id == user.organisation_id)


def pending_requests(user: User, limit: int = 10) -> tuple[list[Membership], int]:
    """The oldest membership requests the user may decide on, and how many there are."""
    where = (membership_scope(user), Membership.status == MembershipStatus.REQUESTED)
    total = db.session.execute(select(func.count(Membership.id)).where(*where)).scalar_one()
    rows = (
        db.session.execute(
            select(Membership)
            .where(*where)
            .order_by(Membership.requested_at, Membership.id)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    return list(rows), total


def own_memberships(user: User) -> list[Membership]:
    """The memberships of the user's organisation."""
    return list(
        db.session.execute(
            select(Membership)
            .where(Membership.organisation_id == user.organisation_id)
            .order_by(Membership.id)
        )
        .scalars()
        .all()
    )


def ecosystem_summary(ecosystem: Ecosystem) -> EcosystemSummary:
    """One ecosystem with its membership counts."""
    found = _summaries(Ecosystem.id == ecosystem.id)
    return found[0] if found else EcosystemSummary(ecosystem)
