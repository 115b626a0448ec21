"""Conventions: whose full page a user opens, who edits a convention, who records progress."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, select, true

from portal.models import Convention, ConventionParty, Role


def sees_all_conventions(user: Any) -> bool:
    """Administrators and ministry officers see every convention."""
    return getattr(user, "is_authenticated", False) and user.role in (
        Role.ADMIN,
        Role.MINISTRY_OFFICER,
    )


def convention_scope(user: Any):
    """A WHERE clause on Convention: everything for the ministry, the conventions their
    organisation is party to for everyone else signed in, nothing for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return Convention.id.is_(None)
    if sees_all_conventions(user):
        return true()
    return exists().where(
        ConventionParty.convention_id == Convention.id,
        ConventionParty.organisation_id == user.organisation_id,
        ConventionParty.deleted_at.is_(None),
    )


def scoped_conventions(user: Any) -> Select:
    """SELECT of the conventions whose full page the user may open."""
    return select(Convention).where(convention_scope(user))


def can_edit_convention(user: Any) -> bool:
    """Ministry officers create and edit conventions (administrators too)."""
    return sees_all_conventions(user)


def can_record_progress(user: Any, parties: list[ConventionParty]) -> bool:
    """Federation staff of a party record milestones and measurements; the ministry too."""
    if sees_all_conventions(user):
        return True
    return getattr(user, "role", None) == Role.FEDERATION_STAFF and any(
        party.organisation_id == user.organisation_id for party in parties
    )
