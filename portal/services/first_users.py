"""The first user of an organisation that has no account (a company a federation imported):
its federation invites them by e-mail, through the colleagues' invitation flow; the invitee
becomes the organisation's administrator. Read-models for the pages that show it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    INVITATION_DAYS,
    Invitation,
    Organisation,
    User,
)
from portal.models.base import utcnow
from portal.services import colleagues
from portal.services.onboarding import has_active_user


class FirstUserError(ValueError):
    """An invitation the rules refuse; the message is translated."""


def organisations_with_users(organisation_ids: Iterable[int]) -> set[int]:
    """Those of the organisations that have an active account (one query)."""
    ids = sorted(set(organisation_ids))
    if not ids:
        return set()
    return set(
        db.session.execute(
            select(User.organisation_id)
            .where(User.organisation_id.in_(ids), User.active.is_(True))
            .distinct()
        ).scalars()
    )


def pending_first_invitations(organisation_ids: Iterable[int]) -> dict[int, Invitation]:
    """The latest first-user invitation of each organisation still pending (one query)."""
    ids = sorted(set(organisation_ids))
    if not ids:
        return {}
    since = utcnow() - timedelta(days=INVITATION_DAYS)
    pending: dict[int, Invitation] = {}
    for invitation in db.session.execute(
        select(Invitation)
        .where(
            Invitation.organisation_id.in_(ids),
            Invitation.first_user.is_(True),
            Invitation.accepted_at.is_(None),
            Invitation.replaced_at.is_(None),
            Invitation.sent_at > since,
        )
        .order_by(Invitation.sent_at)
    ).scalars():
        pending[invitation.organisation_id] = invitation
    return pending


def last_first_invitation(organisation: Organisation) -> Invitation | None:
    """The latest first-user invitation sent to the organisation, pending or not."""
    return db.session.execute(
        select(Invitation)
        .where(Invitation.organisation_id == organisation.id, Invitation.first_user.is_(True))
        .order_by(Invitation.sent_at.desc(), Invitation.id.desc())
        .limit(1)
    ).scalar()


@dataclass
class Accounts:
    """What an organisation's page says about its accounts to those who may invite."""

    has_users: bool
    invitation: Invitation | None  # the latest first-user invitation
    pending: bool  # that invitation still works


def accounts_of(organisation: Organisation) -> Accounts:
    """Whether the organisation has accounts, and its latest first-user invitation."""
    invitation = last_first_invitation(organisation)
    return Accounts(
        has_users=has_active_user(organisation.id),
        invitation=invitation,
        pending=invitation is not None and invitation.is_pending(utcnow()),
    )


def invite_first_user(
    organisation: Organisation, inviter: User, email: str, full_name: str = ""
) -> Invitation:
    """Mail the first user's invitation (replacing a pending one); they will be the
    organisation's administrator."""
    if has_active_user(organisation.id):
        raise FirstUserError(
            _("This organisation already has an account: its users invite their colleagues.")
        )
    try:
        colleagues.invite(
            organisation, inviter, email, full_name or "", is_org_admin=True, first_user=True
        )
    except colleagues.ColleagueError as error:
        raise FirstUserError(str(error)) from error
    return last_first_invitation(organisation)
