"""Figures of the administrators' home page: counts over whole tables computed once and
cached until the rows they count change (``services.cache``), the latest changes read on the
index of their date (the ecosystems' figures are in ``services/ecosystems/summaries``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.models import (
    AuditEntry,
    Organisation,
    User,
)
from portal.services.cache import Figures

# Organisations by kind and active users by role (``platform_counts``).
PLATFORM_COUNTS = Figures("dashboard-platform-counts", depends_on=(Organisation, User))


def platform_counts() -> dict[str, dict[str, int]]:
    """Organisations by kind and active users by role (cached until an organisation or a
    user changes)."""
    return PLATFORM_COUNTS.get((), _platform_counts)


def _platform_counts() -> dict[str, dict[str, int]]:
    organisations = db.session.execute(
        select(Organisation.kind, func.count()).group_by(Organisation.kind)
    ).all()
    users = db.session.execute(
        select(User.role, func.count()).where(User.active.is_(True)).group_by(User.role)
    ).all()
    return {
        "organisations": {kind.value: count for kind, count in organisations},
        "users": {role.value: count for role, count in users},
    }


def recent_audit_entries(limit: int = 8) -> list[AuditEntry]:
    """The latest changes, each with its actor."""
    return list(
        db.session.execute(
            select(AuditEntry)
            .options(joinedload(AuditEntry.actor))
            .order_by(AuditEntry.occurred_at.desc(), AuditEntry.id.desc())
            .limit(limit)
            .execution_options(include_deleted=True)
        )
        .scalars()
        .all()
    )
