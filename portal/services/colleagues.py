"""Colleagues: invitations by e-mail (single-use, expiring) and deactivation, which ends
the colleague's sessions at once."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import INVITATION_DAYS, Invitation, Organisation, User
from portal.models.base import utcnow
from portal.models.user import ROLE_OF_KIND
from portal.services.accounts import NewUser, create_user, end_all_sessions, normalise_email
from portal.services.mail import send_mail
from portal.services.onboarding import has_active_user

INVITATION_MAX_AGE = INVITATION_DAYS * 24 * 3600


class ColleagueError(ValueError):
    """A change to colleagues that the rules refuse; the message is translated."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="invitation")


def _email_taken(email: str) -> bool:
    return (
        db.session.execute(
            select(User.id)
            .where(func.lower(User.email) == normalise_email(email))
            .execution_options(include_deleted=True)
        ).first()
        is not None
    )


def invite(
    organisation: Organisation,
    inviter: User,
    email: str,
    full_name: str,
    is_org_admin: bool,
    *,
    first_user: bool = False,
) -> str:
    """Mail an invitation to join the organisation (recorded, so it shows as pending);
    returns the link. A first user's invitation, from the organisation's federation, replaces
    the earlier ones still pending: only the latest link works."""
    if organisation.kind not in ROLE_OF_KIND:
        raise ColleagueError(_("Accounts of this organisation are created by the administrators."))
    if _email_taken(email):
        raise ColleagueError(_("An account with this e-mail address already exists."))
    now = utcnow()
    if first_user:  # the earlier links stop working (audited, row by row)
        for earlier in db.session.execute(
            select(Invitation).where(
                Invitation.organisation_id == organisation.id,
                Invitation.first_user.is_(True),
                Invitation.accepted_at.is_(None),
                Invitation.replaced_at.is_(None),
            )
        ).scalars():
            earlier.replaced_at = now
    invitation = Invitation(
        organisation_id=organisation.id,
        email=normalise_email(email),
        full_name=full_name.strip()[:200],
        is_org_admin=bool(is_org_admin),
        first_user=first_user,
        invited_by_id=inviter.id,
        sent_at=now,
    )
    db.session.add(invitation)
    db.session.flush()
    token = _serializer().dumps(
        {
            "o": organisation.id,
            "e": invitation.email,
            "n": invitation.full_name,
            "a": invitation.is_org_admin,
            "i": inviter.id,
            "v": invitation.id,
        }
    )
    link = url_for("auth.accept_invitation", token=token, _external=True)
    with force_locale(f"{inviter.preferred_locale or 'fr'}_MA"):
        if first_user:
            subject = _(
                "%(federation)s invites you to open the account of %(organisation)s",
                federation=inviter.organisation.acronym or inviter.organisation.name_fr,
                organisation=organisation.name_fr,
            )
            body = _(
                "Hello %(guest)s,\n\n%(name)s, of %(federation)s, invites you to open the "
                "account of %(organisation)s on the Quality Ecosystems Portal; you will be its "
                "administrator and can then invite your colleagues. Choose your password with "
                "this link within seven days; it works once:\n%(link)s",
                guest=full_name.strip(),
                name=inviter.full_name,
                federation=inviter.organisation.name_fr,
                organisation=organisation.name_fr,
                link=link,
            )
        else:
            subject = _(
                "%(name)s invites you to the Quality Ecosystems Portal", name=inviter.full_name
            )
            body = _(
                "Hello %(guest)s,\n\n%(name)s invites you to join %(organisation)s on the Quality "
                "Ecosystems Portal. Choose your password with this link within seven days; it "
                "works once:\n%(link)s",
                guest=full_name,
                name=inviter.full_name,
                organisation=organisation.name_fr,
                link=link,
            )
        send_mail(email, subject, body)
    return link


def read_invitation(token: str) -> dict | None:
    """The invitation a token carries, or None when forged, expired, already accepted or
    replaced; a first user's invitation also stops working once the organisation has an
    active account."""
    try:
        data = _serializer().loads(token, max_age=INVITATION_MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("o"), int):
        return None
    if _email_taken(data.get("e", "")):
        return None  # accepted already: the account exists
    organisation = db.session.get(Organisation, data["o"])
    if organisation is None or organisation.deleted_at is not None:
        return None
    invitation = None
    if "v" in data:  # links sent before invitations were recorded carry no id
        invitation = db.session.get(Invitation, data["v"]) if isinstance(data["v"], int) else None
        if (
            invitation is None
            or invitation.organisation_id != organisation.id
            or invitation.accepted_at is not None
            or invitation.replaced_at is not None
        ):
            return None
        if invitation.first_user and has_active_user(organisation.id):
            return None
    return {**data, "organisation": organisation, "invitation": invitation}


def accept_invitation(invitation: dict, full_name: str, password: str, locale: str) -> User:
    """Create the invited person's account, confirmed (the link proved the address), with
    the role of the organisation's kind; the invitation is marked accepted."""
    organisation = invitation["organisation"]
    user = create_user(
        NewUser(
            email=invitation["e"],
            full_name=full_name,
            role=ROLE_OF_KIND[organisation.kind],
            organisation=organisation,
            password=password,
            preferred_locale=locale,
            email_confirmed=True,
            is_org_admin=invitation.get("a", False),
        )
    )
    record = invitation.get("invitation")
    if record is not None:
        record.accepted_at = utcnow()
        db.session.flush()
    return user


def colleagues(organisation: Organisation) -> list[User]:
    """The organisation's accounts, active first."""
    return list(
        db.session.execute(
            select(User)
            .where(User.organisation_id == organisation.id)
            .order_by(User.active.desc(), User.full_name)
        ).scalars()
    )


def _other_active_admins(user: User) -> int:
    return db.session.execute(
        select(func.count(User.id)).where(
            User.organisation_id == user.organisation_id,
            User.is_org_admin.is_(True),
            User.active.is_(True),
            User.id != user.id,
        )
    ).scalar_one()


def set_active(colleague: User, actor: User, active: bool) -> None:
    """Deactivate (ending every session at once) or reactivate a colleague."""
    if colleague.id == actor.id:
        raise ColleagueError(_("You cannot deactivate your own account."))
    if not active and colleague.is_org_admin and _other_active_admins(colleague) == 0:
        raise ColleagueError(_("The organisation needs at least one active administrator."))
    colleague.active = active
    if not active:
        end_all_sessions(colleague)
    db.session.flush()
