"""Training: which needs a user sees row by row, and which the demand counts for them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, true

from portal.authz.organisations import led_ecosystem_ids
from portal.models import Role, TrainingNeed


def need_scope(user: Any):
    """WHERE clause on TrainingNeed: an SME's own, a federation's ecosystems', all for the
    ministry and administrators. Institutes never see needs row by row (only counts)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return TrainingNeed.ecosystem_id.in_(led_ecosystem_ids(user))
    if user.role == Role.SME_USER:
        return TrainingNeed.organisation_id == user.organisation_id
    return false()


def demand_scope(user: Any):
    """WHERE clause on TrainingNeed for the demand view: federation staff their ecosystems,
    the ministry, administrators and institutes every ecosystem (institutes see counts)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.role == Role.FEDERATION_STAFF:
        return TrainingNeed.ecosystem_id.in_(led_ecosystem_ids(user))
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER, Role.INSTITUTE_USER):
        return true()
    return false()
