"""The figures beside the work queues (the ecosystems' membership counts), counted over whole
tables once and cached until the rows they count change (``services.cache``): a home never
aggregates a whole table while a person waits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.authz import led_ecosystem_ids
from portal.extensions import db
from portal.models import Ecosystem, Membership, Organisation
from portal.services.cache import Figures
from portal.services.ecosystems import summaries
from portal.services.ecosystems.summaries import EcosystemSummary

# Every ecosystem's membership counts (``_all_counts``).
ECOSYSTEM_COUNTS = Figures(
    "home-ecosystem-counts", depends_on=(Membership, Organisation, Ecosystem)
)


def _all_counts() -> dict[str, dict[str, dict[str, int]]]:
    """Every ecosystem's membership counts (by status, active by role and by region), keyed by
    the ecosystem's id as text (JSON)."""

    def compute() -> dict[str, dict[str, dict[str, int]]]:
        return {
            str(summary.ecosystem.id): {
                "by_status": summary.by_status,
                "active_by_role": summary.active_by_role,
                "active_by_region": summary.active_by_region,
            }
            for summary in summaries.public_ecosystem_summaries()
        }

    return ECOSYSTEM_COUNTS.get((), compute)


def _summaries(ecosystem_filter: Any = None) -> list[EcosystemSummary]:
    counts = _all_counts()
    query = (
        select(Ecosystem)
        .options(joinedload(Ecosystem.lead_federation))
        .order_by(Ecosystem.name_fr, Ecosystem.id)
    )
    if ecosystem_filter is not None:
        query = query.where(ecosystem_filter)
    return [
        EcosystemSummary(ecosystem, **counts.get(str(ecosystem.id), {}))
        for ecosystem in db.session.execute(query).scalars()
    ]


def public_ecosystem_summaries() -> list[EcosystemSummary]:
    """Every ecosystem with its public figures (counts only), from the cache."""
    return _summaries()


def federation_summaries(user: Any) -> list[EcosystemSummary]:
    """The ecosystems the user's federation leads, with their figures, from the cache."""
    return _summaries(Ecosystem.id.in_(led_ecosystem_ids(user)))
