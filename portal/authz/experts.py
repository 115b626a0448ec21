"""Quality experts: which profiles a signed-in user may open, and whose profile it is."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, or_, select

from portal.authz.core import get_or_404, signed_in
from portal.models import QualityExpert


def expert_scope(user: Any):
    """WHERE clause on QualityExpert: the visible, live profiles, and one's own whatever its
    state (hidden or deleted)."""
    if not signed_in(user):
        return false()
    return or_(
        QualityExpert.user_id == user.id,
        and_(QualityExpert.visible.is_(True), QualityExpert.deleted_at.is_(None)),
    )


def expert_or_404(user: Any, expert_id: int) -> QualityExpert:
    """A profile the user may open, else 404 (a hidden or deleted one looks absent)."""
    return get_or_404(
        select(QualityExpert)
        .where(QualityExpert.id == expert_id, expert_scope(user))
        .execution_options(include_deleted=True)
    )


def owns_profile(user: Any, expert: QualityExpert) -> bool:
    """Whether the profile is the user's own (to edit or delete it)."""
    return signed_in(user) and expert.user_id == user.id
