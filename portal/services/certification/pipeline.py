"""The certification pipeline of the ecosystems a user follows: cases by stage, valid
certificates and those expiring soon, those awaiting their body's confirmation, service
requests whose first answer is late.

At national scale (issue 11) the page stays small and quick: the counts are computed by
indexed queries, and the expiring certificates are the ``TOP`` soonest, with a link to
their full, paginated list (the certificates list's "expiring" filter)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from portal.authz import case_role_scope, certificate_scope
from portal.extensions import db
from portal.models import (
    Certificate,
    CertificateAudit,
    CertificateStatus,
    Ecosystem,
    Membership,
    QualityAudit,
    SupportCase,
)
from portal.services.cache import Figures
from portal.services.certification.certificate_lists import state_conditions
from portal.services.certification.certificates import (
    EXPIRING_WITHIN_DAYS,
    expiring_certificates,
    expiring_window,
)
from portal.services.certification.surveillance import surveillance_overdue
from portal.services.service_requests import overdue_count

__all__ = ["EXPIRING_WITHIN_DAYS", "TOP", "Pipeline", "pipeline", "pipeline_counts"]

# The expiring certificates shown on the page; the others are one link away.
TOP = 10
# Counts shown as "more than N" beyond this (service requests overdue).
COUNT_LIMIT = 2_000
# The counts by stage and of certificates, kept until cases, certificates, memberships (a
# federation's certificates are its members') or ecosystems (which ones it leads) change.
FIGURES = Figures(
    "certification-pipeline",
    depends_on=(SupportCase, Certificate, CertificateAudit, QualityAudit, Membership, Ecosystem),
)


@dataclass
class Pipeline:
    """Cases by stage and certificates valid and expiring, computed in SQL."""

    by_stage: dict[str, int]
    valid_certificates: int
    expiring_count: int
    expiring_soon: list[Certificate]
    overdue_requests: int
    overdue_more: bool = False
    surveillance_overdue: int = 0
    # Recorded by a federation, not valid until their issuing body confirms them.
    awaiting_confirmation: int = 0

    @property
    def total_cases(self) -> int:
        """Every case counted, whatever its stage."""
        return sum(self.by_stage.values())

    @property
    def more_expiring(self) -> bool:
        """Whether more certificates expire than the page shows."""
        return self.expiring_count > len(self.expiring_soon)


def pipeline_counts(user: Any, today: date) -> dict[str, Any]:
    """The pipeline's figures for the user's scope on ``today``: cases by stage (one GROUP
    BY on the (ecosystem, stage) index), valid certificates and those expiring soon (counted
    on the (status, issue date) index). JSON, for a cache."""
    by_stage = db.session.execute(
        select(SupportCase.stage, func.count())
        .where(case_role_scope(user))
        .group_by(SupportCase.stage)
    ).all()
    earliest_valid, _expiring_from = expiring_window(today)
    valid = (
        select(func.count())
        .select_from(Certificate)
        .where(
            certificate_scope(user),
            Certificate.status == CertificateStatus.VALID,
            Certificate.issued_on > earliest_valid,
        )
    )
    expiring = expiring_certificates(user, today).order_by(None)
    overdue = (
        select(func.count())
        .select_from(Certificate)
        .where(certificate_scope(user), surveillance_overdue(today))
    )
    awaiting = (
        select(func.count())
        .select_from(Certificate)
        .where(certificate_scope(user), state_conditions(today)["awaiting_confirmation"])
    )
    return {
        "awaiting_confirmation": db.session.execute(awaiting).scalar_one(),
        "surveillance_overdue": db.session.execute(overdue).scalar_one(),
        "by_stage": {stage.value: count for stage, count in by_stage},
        "valid": db.session.execute(valid).scalar_one(),
        "expiring": db.session.execute(
            select(func.count()).select_from(expiring.subquery())
        ).scalar_one(),
    }


def pipeline(user: Any, today: date) -> Pipeline:
    """The ecosystem pipeline the user may see, in a fixed number of queries; the counts come
    from the cache while the tables they read are unchanged (the scopes depend on the role
    and the organisation only)."""
    counts = FIGURES.get(
        (user.role.value, user.organisation_id or 0, today),
        lambda: pipeline_counts(user, today),
    )
    soonest = list(db.session.execute(expiring_certificates(user, today).limit(TOP)).scalars())
    # kept apart from the certificates' counts: a new request does not recompute those
    overdue = overdue_count(user, today)
    return Pipeline(
        by_stage=counts["by_stage"],
        valid_certificates=counts["valid"],
        expiring_count=counts["expiring"],
        expiring_soon=soonest,
        overdue_requests=min(overdue, COUNT_LIMIT),
        overdue_more=overdue > COUNT_LIMIT,
        surveillance_overdue=counts["surveillance_overdue"],
        awaiting_confirmation=counts.get("awaiting_confirmation", 0),  # older kept figures
    )
