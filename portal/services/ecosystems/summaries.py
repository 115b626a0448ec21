"""The figures of the ecosystems: memberships by status, kind of member and region, the
requests waiting for a decision and an organisation's own memberships.

The counts of an ecosystem take one grouped pass over its memberships; they are kept in the
cache (``services/cache``) until a membership, an organisation or an ecosystem
changes, so the public home, the ecosystem page and the homes showing them read no
membership on most requests (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.authz import led_ecosystem_ids, membership_scope
from portal.extensions import db
from portal.models import (
    Convention,
    ConventionStatus,
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    User,
)
from portal.services.cache import Figures


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


CONVENTIONS_SHOWN = 10  # on the ecosystem page, the latest; the list of conventions has all

# Kept until a row of these tables changes (services/cache: version tokens per table).
MEMBERSHIP_COUNTS = Figures(
    "ecosystem-membership-counts", depends_on=(Membership, Organisation, Ecosystem)
)
LATEST_CONVENTIONS = Figures("ecosystem-latest-conventions", depends_on=(Convention,))


def membership_counts(ecosystem_id: int) -> dict[str, dict[str, int]]:
    """The ecosystem's live memberships counted by status, and its active ones by role and by
    region, in one grouped pass over its memberships (JSON-ready, for the cache)."""
    rows = db.session.execute(
        select(Membership.status, Membership.role, Organisation.region, func.count())
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            Membership.ecosystem_id == ecosystem_id,
            Membership.deleted_at.is_(None),
            Organisation.deleted_at.is_(None),
        )
        .group_by(Membership.status, Membership.role, Organisation.region)
    ).all()
    counts: dict[str, dict[str, int]] = {"by_status": {}, "by_role": {}, "by_region": {}}
    for status, role, region, count in rows:
        by_status = counts["by_status"]
        by_status[status.value] = by_status.get(status.value, 0) + count
        if status == MembershipStatus.ACTIVE:
            counts["by_role"][role.value] = counts["by_role"].get(role.value, 0) + count
            region_key = region or ""
            counts["by_region"][region_key] = counts["by_region"].get(region_key, 0) + count
    return counts


def _summaries(ecosystem_filter: Any = None) -> list[EcosystemSummary]:
    """Ecosystems (optionally filtered) with their counts, from the cache: a page showing
    them reads no membership (the counts are recomputed after a change)."""
    query = (
        select(Ecosystem)
        .options(joinedload(Ecosystem.lead_federation))
        .order_by(Ecosystem.name_fr, Ecosystem.id)
    )
    if ecosystem_filter is not None:
        query = query.where(ecosystem_filter)
    summaries = []
    for ecosystem in db.session.execute(query).scalars():
        counts = MEMBERSHIP_COUNTS.get(
            (ecosystem.id,), lambda ecosystem_id=ecosystem.id: membership_counts(ecosystem_id)
        )
        summaries.append(
            EcosystemSummary(
                ecosystem,
                by_status=dict(counts["by_status"]),
                active_by_role=dict(counts["by_role"]),
                active_by_region=dict(counts["by_region"]),
            )
        )
    return summaries


def public_ecosystem_summaries() -> list[EcosystemSummary]:
    """Every ecosystem with its public figures (counts only, no names of members)."""
    return _summaries()


def federation_summaries(user: User) -> list[EcosystemSummary]:
    """The ecosystems the user's federation leads."""
    return _summaries(Ecosystem.id.in_(led_ecosystem_ids(user)))


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


def latest_conventions(ecosystem: Ecosystem, limit: int = CONVENTIONS_SHOWN):
    """The ``limit`` latest signed conventions of the ecosystem past the draft, and whether
    it has more (the page then links to the list of conventions): their ids are kept in the
    cache until a convention changes, the conventions themselves read by their key."""

    def ids() -> list[int]:
        return list(
            db.session.execute(
                select(Convention.id)
                .where(
                    Convention.ecosystem_id == ecosystem.id,
                    Convention.status != ConventionStatus.DRAFT,
                )
                .order_by(Convention.signed_on.desc(), Convention.id.desc())
                .limit(limit + 1)
            ).scalars()
        )

    found = LATEST_CONVENTIONS.get((ecosystem.id, limit), ids)
    shown = found[:limit]
    if not shown:
        return [], False
    by_id = {
        c.id: c
        for c in db.session.execute(select(Convention).where(Convention.id.in_(shown))).scalars()
    }
    return [by_id[i] for i in shown if i in by_id], len(found) > limit
