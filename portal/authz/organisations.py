"""Organisations: who sees which organisation, edits its profile, invites its users."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import Select, false, or_, select, true

from portal.authz.core import (
    HomeKind,
    Permission,
    get_or_404,
    has_permission,
    home_kind,
    home_kind_of_role,
)
from portal.extensions import db
from portal.models import (
    SERVICE_PROVIDER_KINDS,
    Accreditation,
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    Role,
    User,
)
from portal.models.user import ROLE_OF_KIND


def led_ecosystem_ids(user: User) -> Select:
    """The ecosystems whose lead federation is the user's organisation (as a subquery)."""
    return select(Ecosystem.id).where(Ecosystem.lead_federation_id == user.organisation_id)


# Whose home is about ecosystems receives their weekly digest (what changed, what is late).
DIGEST_HOMES = (HomeKind.MINISTRY, HomeKind.FEDERATION)


def digest_recipients() -> Select:
    """SELECT of the active users who receive a weekly digest: those whose home monitors
    every ecosystem (the ministry) or manages the members of some (federation staff)."""
    roles = [role for role in Role if home_kind_of_role(role) in DIGEST_HOMES]
    return select(User).where(User.active.is_(True), User.role.in_(roles)).order_by(User.id)


def digest_ecosystem_ids(user: User) -> Select | None:
    """The ecosystems of the user's weekly digest: every one for the ministry, those their
    federation leads for federation staff; None for the others, who receive none."""
    kind = home_kind(user)
    if kind == HomeKind.MINISTRY:
        return select(Ecosystem.id)
    if kind == HomeKind.FEDERATION:
        return led_ecosystem_ids(user)
    return None


def federation_staff_query(federation_id: int) -> Select:
    """SELECT of the active staff of a federation: those who act for it (they are told of
    what its ecosystems' members ask)."""
    return select(User).where(
        User.organisation_id == federation_id,
        User.role == Role.FEDERATION_STAFF,
        User.active.is_(True),
    )


def sees_all_organisations(user: User) -> bool:
    """Administrators and ministry officers see every organisation."""
    return user.role in (Role.ADMIN, Role.MINISTRY_OFFICER)


# The members of an ecosystem: their federation's staff edit their profile and follow their
# requests and certificates. A membership that ended (left) or was refused makes no member.
MEMBER_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)


# Whose profile federation staff may read: members, and those asking to join while the
# federation decides.
VISIBLE_MEMBER_STATUSES = (*MEMBER_STATUSES, MembershipStatus.REQUESTED)


def led_member_ids(user: User, statuses: tuple[MembershipStatus, ...] = MEMBER_STATUSES) -> Select:
    """The organisations whose membership of an ecosystem the user's federation leads has one
    of ``statuses`` (as a subquery); by default its members."""
    return select(Membership.organisation_id).where(
        Membership.ecosystem_id.in_(led_ecosystem_ids(user)),
        Membership.status.in_(statuses),
        Membership.deleted_at.is_(None),
    )


def organisation_scope(user: Any):
    """A WHERE clause on Organisation limiting it to what the user may see: all of them for
    the ministry and administrators; for federation staff, their own, the members of the
    ecosystems they lead and those asking to join (not those that left or were refused)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return false()
    if sees_all_organisations(user):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        # Correlated: each organisation listed is looked up in the memberships' index, where
        # "IN (the led ecosystems' members)" would first read tens of thousands of them.
        # (OFFSET 0 keeps PostgreSQL from turning it back into a hash of all those members.)
        member = (
            led_member_ids(user, VISIBLE_MEMBER_STATUSES)
            .where(Membership.organisation_id == Organisation.id)
            .offset(0)
        )
        return or_(Organisation.id == user.organisation_id, member.exists())
    return Organisation.id == user.organisation_id


def visible_organisation_ids(user: Any, ids: list[int]) -> set[int]:
    """Which of the organisations ``ids`` the user may open (one query, for lists' links)."""
    if not ids:
        return set()
    rows = db.session.execute(
        select(Organisation.id).where(Organisation.id.in_(ids), organisation_scope(user))
    )
    return set(rows.scalars())


def scoped_organisations(user: Any) -> Select:
    """SELECT of the organisations the user may see."""
    return select(Organisation).where(organisation_scope(user))


def get_organisation_or_404(user: Any, organisation_id: int) -> Organisation:
    """Load an organisation the user may see, else 404."""
    return get_or_404(scoped_organisations(user).where(Organisation.id == organisation_id))


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Own organisation's users, administrators, and federation staff for the active or
    suspended members of the ecosystems they lead (not a requester: they only read its
    profile while they decide)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    if organisation.id == user.organisation_id:
        return has_permission(user, Permission.EDIT_OWN_ORGANISATION)
    if user.role == Role.FEDERATION_STAFF:
        member = db.session.execute(
            led_member_ids(user).where(Membership.organisation_id == organisation.id).limit(1)
        ).first()
        return member is not None
    return False


def can_manage_colleagues(user: Any, organisation: Organisation) -> bool:
    """Platform administrators, and the organisation's own administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return user.organisation_id == organisation.id and bool(user.is_org_admin)


def can_invite_first_user(user: Any, organisation: Organisation) -> bool:
    """Administrators, and staff of a federation leading an ecosystem the organisation is an
    active or suspended member of, may invite its first user while it has no active account
    (a company the federation imported, say)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation.kind not in ROLE_OF_KIND:
        return False
    if user.role != Role.ADMIN:
        if user.role != Role.FEDERATION_STAFF:
            return False
        member = select(Membership.id).where(
            Membership.organisation_id == organisation.id,
            Membership.ecosystem_id.in_(led_ecosystem_ids(user)),
            Membership.status.in_((MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)),
            Membership.deleted_at.is_(None),
        )
        if db.session.execute(member).first() is None:
            return False
    account = select(User.id).where(User.organisation_id == organisation.id, User.active.is_(True))
    return db.session.execute(account).first() is None


def own_organisation_or_404(user: Any, organisation_id: int) -> Organisation:
    """The user's own organisation (any, for administrators), else 404."""
    if user.role != Role.ADMIN and organisation_id != user.organisation_id:
        abort(404)
    return get_or_404(select(Organisation).where(Organisation.id == organisation_id))


def organisation_to_edit(user: Any, organisation_id: int) -> Organisation:
    """An organisation whose profile the user may edit: out of the user's sight 404, in
    sight but not editable 403."""
    organisation = get_organisation_or_404(user, organisation_id)
    if not can_edit_organisation(user, organisation):
        abort(403)
    return organisation


def infrastructure_to_edit(user: Any, organisation_id: int) -> Organisation:
    """A quality infrastructure body whose accreditations the user may record (404 for any
    other organisation, 403 in sight but not editable)."""
    organisation = get_organisation_or_404(user, organisation_id)
    if organisation.kind not in SERVICE_PROVIDER_KINDS:
        abort(404)
    if not can_edit_organisation(user, organisation):
        abort(403)
    return organisation


def accreditation_or_404(organisation: Organisation, accreditation_id: int) -> Accreditation:
    """One of the organisation's accreditations, else 404."""
    return get_or_404(
        select(Accreditation).where(
            Accreditation.id == accreditation_id,
            Accreditation.organisation_id == organisation.id,
        )
    )


def organisation_to_invite_first_user(user: Any, organisation_id: int) -> Organisation:
    """An organisation whose first user the user may invite (404 out of sight, else 403)."""
    organisation = get_organisation_or_404(user, organisation_id)
    if not can_invite_first_user(user, organisation):
        abort(403)
    return organisation


def colleagues_to_manage(user: Any, organisation_id: int) -> Organisation:
    """The user's own organisation (any, for administrators) if the user manages its
    accounts: 404 for another organisation, 403 for a user who is not its administrator."""
    organisation = own_organisation_or_404(user, organisation_id)
    if not can_manage_colleagues(user, organisation):
        abort(403)
    return organisation


def colleague_or_404(organisation: Organisation, user_id: int) -> User:
    """An account of the organisation, else 404."""
    return get_or_404(
        select(User).where(User.id == user_id, User.organisation_id == organisation.id)
    )
