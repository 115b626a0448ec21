"""Conventions: whose full page a user opens, who edits a convention, who records progress,
and the loaders of a convention and of what belongs to it (out of scope answers 404)."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import Select, exists, select, true

from portal.authz.core import Permission, get_or_404, has_permission, signed_in
from portal.extensions import db
from portal.models import (
    Commitment,
    Convention,
    ConventionDocument,
    ConventionParty,
    ConventionStatus,
    Indicator,
    Measurement,
    Milestone,
)

# --- scopes and predicates ---------------------------------------------------------------------


def sees_all_conventions(user: Any) -> bool:
    """Those who manage conventions (administrators, ministry officers) see every one."""
    return has_permission(user, Permission.MANAGE_CONVENTIONS)


def convention_scope(user: Any):
    """A WHERE clause on Convention: everything for the ministry, the conventions their
    organisation is party to for everyone else signed in, nothing for anonymous users."""
    if not signed_in(user):
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
    return has_permission(user, Permission.MANAGE_CONVENTIONS)


def lists_draft_conventions(user: Any) -> bool:
    """Drafts are listed to those who edit them only (a draft is not public)."""
    return can_edit_convention(user)


def records_convention_progress(user: Any) -> bool:
    """Whether the user's role records the progress of conventions: federation staff (on the
    conventions their federation is party to, see ``can_record_progress``), and those who
    edit conventions."""
    return can_edit_convention(user) or has_permission(user, Permission.RECORD_CONVENTION_PROGRESS)


def can_record_progress(user: Any, parties: list[ConventionParty]) -> bool:
    """Federation staff of a party record milestones and measurements; the ministry too."""
    if can_edit_convention(user):
        return True
    return has_permission(user, Permission.RECORD_CONVENTION_PROGRESS) and any(
        party.organisation_id == user.organisation_id for party in parties
    )


# --- loaders -----------------------------------------------------------------------------------


def visible_convention(user: Any, convention_id: int) -> Convention | None:
    """The convention if the user may open its full page, else None."""
    statement = scoped_conventions(user).where(Convention.id == convention_id)
    return db.session.execute(statement).scalars().first()


def convention_or_404(user: Any, convention_id: int) -> Convention:
    """A convention whose full page the user may open, else 404 (to anonymous users too, so
    that its existence does not leak)."""
    return get_or_404(scoped_conventions(user).where(Convention.id == convention_id))


def public_convention_or_404(convention_id: int) -> Convention:
    """A convention anyone may read the summary of (any but a draft), else 404."""
    return get_or_404(
        select(Convention).where(
            Convention.id == convention_id, Convention.status != ConventionStatus.DRAFT
        )
    )


def recording_convention_or_404(user: Any, convention_id: int) -> Convention:
    """A convention in the user's scope on which the user records progress (else 404/403)."""
    convention = convention_or_404(user, convention_id)
    parties = db.session.execute(
        select(ConventionParty).where(ConventionParty.convention_id == convention.id)
    ).scalars()
    if not can_record_progress(user, list(parties)):
        abort(403)
    return convention


def party_or_404(convention: Convention, party_id: int) -> ConventionParty:
    """A live party of this convention (loaded through it), else 404."""
    return get_or_404(
        select(ConventionParty).where(
            ConventionParty.id == party_id, ConventionParty.convention_id == convention.id
        )
    )


def commitment_or_404(convention: Convention, commitment_id: int) -> Commitment:
    """A commitment of this convention, else 404."""
    return get_or_404(
        select(Commitment).where(
            Commitment.id == commitment_id, Commitment.convention_id == convention.id
        )
    )


def milestone_or_404(convention: Convention, milestone_id: int) -> Milestone:
    """A milestone of this convention, else 404."""
    return get_or_404(
        select(Milestone).where(
            Milestone.id == milestone_id, Milestone.convention_id == convention.id
        )
    )


def indicator_or_404(convention: Convention, indicator_id: int) -> Indicator:
    """An indicator of this convention, else 404."""
    return get_or_404(
        select(Indicator).where(
            Indicator.id == indicator_id, Indicator.convention_id == convention.id
        )
    )


def measurement_or_404(indicator: Indicator, measurement_id: int) -> Measurement:
    """A live measurement of this indicator, else 404."""
    return get_or_404(
        select(Measurement).where(
            Measurement.id == measurement_id, Measurement.indicator_id == indicator.id
        )
    )


def document_or_404(convention: Convention, document_id: int) -> ConventionDocument:
    """A live document of this convention, else 404 (another convention's too)."""
    return get_or_404(
        select(ConventionDocument).where(
            ConventionDocument.id == document_id,
            ConventionDocument.convention_id == convention.id,
        )
    )
