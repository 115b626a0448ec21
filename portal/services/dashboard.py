"""Figures of the administrators' home page, computed in SQL whatever the number of rows
(the ecosystems' figures are in ``services/ecosystems/summaries``)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.models import (
    AuditEntry,
    Organisation,
    User,
)


def platform_counts() -> dict[str, dict[str, int]]:
    """Organisations by kind and active users by role."""
    organisations = db.session.execute(
        select(Organisation.kind, func.count()).group_by(Organisation.kind)
    ).all()
    users = db.session.execute(
        select(User.role, func.count()).where(User.active.is_(True)).group_by(User.role)
    ).all()
    result: dict[str, dict[str, int]] = defaultdict(dict)
    result["organisations"] = {kind.value: count for kind, count in organisations}
    result["users"] = {role.value: count for role, count in users}
    return result


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
