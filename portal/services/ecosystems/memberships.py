"""Memberships of the ecosystems: an organisation asks to join, the federation leading the
ecosystem decides (approve, reject, suspend, reinstate, end), and each side is told."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    MEMBERSHIP_ROLE_OF_KIND,
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    User,
)
from portal.models.base import utcnow
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import federation_staff, organisation_users


class MembershipRefused(ValueError):
    """A request or a decision the rules refuse; the message is translated."""


def membership_of(organisation: Organisation, ecosystem: Ecosystem) -> Membership | None:
    """The organisation's membership row in the ecosystem, deleted ones included."""
    return db.session.execute(
        select(Membership)
        .where(
            Membership.organisation_id == organisation.id,
            Membership.ecosystem_id == ecosystem.id,
        )
        .execution_options(include_deleted=True)
    ).scalar()


@dataclass
class Standing:
    """Where an organisation stands in an ecosystem: its live membership (None when it has
    none, or it was deleted) and whether it may ask to join."""

    membership: Membership | None
    can_join: bool


# An organisation may ask again once its membership ended or was refused.
REJOINING_STATUSES = (MembershipStatus.LEFT, MembershipStatus.REJECTED)


def standing(organisation: Organisation, ecosystem: Ecosystem) -> Standing:
    """The organisation's membership of the ecosystem and whether it may ask to join."""
    membership = membership_of(organisation, ecosystem)
    if membership is not None and membership.deleted_at is not None:
        membership = None
    can_join = organisation.kind in MEMBERSHIP_ROLE_OF_KIND and (
        membership is None or membership.status in REJOINING_STATUSES
    )
    return Standing(membership, can_join)


def request_membership(organisation: Organisation, ecosystem: Ecosystem) -> Membership:
    """Ask to join an ecosystem, with the role the organisation's kind gives it."""
    role = MEMBERSHIP_ROLE_OF_KIND.get(organisation.kind)
    if role is None:
        raise MembershipRefused(_("This kind of organisation cannot join an ecosystem."))
    membership = membership_of(organisation, ecosystem)
    if membership is not None and membership.deleted_at is None:
        if membership.status in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
            raise MembershipRefused(
                _("Your organisation has already asked to join this ecosystem.")
            )
        if membership.status == MembershipStatus.SUSPENDED:
            raise MembershipRefused(
                _("Your membership is suspended; only the federation can reinstate it.")
            )
    if membership is None:
        membership = Membership(ecosystem=ecosystem, organisation=organisation, role=role)
        db.session.add(membership)
    membership.deleted_at = None
    membership.role = role
    membership.status = MembershipStatus.REQUESTED
    membership.requested_at = utcnow()
    membership.decided_at = None
    membership.decided_by_id = None
    membership.decision_reason = None
    db.session.flush()
    notify(
        federation_staff(ecosystem),
        "membership_requested",
        {"organisation": bilingual(organisation), "ecosystem": bilingual(ecosystem)},
        url_for("ecosystems.requests", slug=ecosystem.slug),
    )
    return membership


# decision -> (statuses it applies to, new status, reason required, notification kind)
DECISIONS = {
    "approve": (
        (MembershipStatus.REQUESTED,),
        MembershipStatus.ACTIVE,
        False,
        "membership_approved",
    ),
    "reject": (
        (MembershipStatus.REQUESTED,),
        MembershipStatus.REJECTED,
        True,
        "membership_rejected",
    ),
    "suspend": (
        (MembershipStatus.ACTIVE,),
        MembershipStatus.SUSPENDED,
        True,
        "membership_suspended",
    ),
    "reinstate": (
        (MembershipStatus.SUSPENDED,),
        MembershipStatus.ACTIVE,
        False,
        "membership_reinstated",
    ),
    "end": (
        (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED),
        MembershipStatus.LEFT,
        False,
        "membership_ended",
    ),
}


def decide_membership(membership: Membership, decision: str, reason: str, actor: User) -> None:
    """Apply a federation's decision; the organisation's users are told."""
    if decision not in DECISIONS:
        raise MembershipRefused(_("Unknown decision."))
    allowed, new_status, reason_required, kind = DECISIONS[decision]
    if membership.status not in allowed:
        raise MembershipRefused(
            _(
                "This decision does not apply to a membership that is %(status)s.",
                status=membership.status.label.lower(),
            )
        )
    reason = (reason or "").strip()
    if reason_required and not reason:
        raise MembershipRefused(_("Give the reason; the organisation will see it."))
    membership.status = new_status
    membership.decided_at = utcnow()
    membership.decided_by_id = actor.id
    membership.decision_reason = reason or None
    db.session.flush()
    notify(
        organisation_users(membership.organisation_id),
        kind,
        {"ecosystem": bilingual(membership.ecosystem), "reason": reason},
        url_for("home.index"),
    )
