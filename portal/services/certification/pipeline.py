"""The certification pipeline of the ecosystems a user follows: cases by stage, valid
certificates and those expiring soon, service requests whose first answer is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from portal.authz import case_role_scope, certificate_scope, request_scope
from portal.extensions import db
from portal.models import Certificate, CertificateStatus, ServiceRequest, SupportCase, add_months

EXPIRING_WITHIN_DAYS = 90


@dataclass
class Pipeline:
    """Cases by stage and certificates valid and expiring, computed in SQL."""

    by_stage: dict[str, int]
    valid_certificates: int
    expiring_soon: list[Certificate]
    overdue_requests: int

    @property
    def total_cases(self) -> int:
        """Every case counted, whatever its stage."""
        return sum(self.by_stage.values())


def pipeline(user: Any, today: date) -> Pipeline:
    """The ecosystem pipeline the user may see, in a fixed number of queries."""
    by_stage = dict(
        db.session.execute(
            select(SupportCase.stage, func.count(SupportCase.id))
            .where(case_role_scope(user))
            .group_by(SupportCase.stage)
        ).all()
    )
    # Expiry is issue + 36 months: valid now means issued after today - 36 months.
    earliest_valid = add_months(today, -36)
    expiring_from = add_months(today + timedelta(days=EXPIRING_WITHIN_DAYS), -36)
    valid = select(Certificate).where(
        certificate_scope(user),
        Certificate.status == CertificateStatus.VALID,
        Certificate.issued_on > earliest_valid,
    )
    valid_count = db.session.execute(
        select(func.count()).select_from(valid.subquery())
    ).scalar_one()
    expiring = list(
        db.session.execute(
            valid.where(Certificate.issued_on <= expiring_from).order_by(Certificate.issued_on)
        ).scalars()
    )
    overdue = db.session.execute(
        select(func.count(ServiceRequest.id)).where(
            request_scope(user),
            ServiceRequest.status.in_(("submitted", "accepted")),
            ServiceRequest.respond_by < today,
        )
    ).scalar_one()
    return Pipeline(
        by_stage={stage.value: count for stage, count in by_stage.items()},
        valid_certificates=valid_count,
        expiring_soon=expiring,
        overdue_requests=overdue,
    )
