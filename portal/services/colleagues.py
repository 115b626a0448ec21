"""Colleagues: invitations by e-mail (single-use, expiring) and deactivation, which ends
the colleague's sessions at once."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Organisation, User
from portal.services.accounts import NewUser, create_user, end_all_sessions, normalise_email
from portal.services.mail import send_mail
from portal.services.onboarding import ROLE_OF_KIND

INVITATION_MAX_AGE = 7 * 24 * 3600


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
    organisation: Organisation, inviter: User, email: str, full_name: str, is_org_admin: bool
) -> str:
    """Mail an invitation to join the organisation; returns the link."""
    if organisation.kind not in ROLE_OF_KIND:
        raise ColleagueError(_("Accounts of this organisation are created by the administrators."))
    if _email_taken(email):
        raise ColleagueError(_("An account with this e-mail address already exists."))
    token = _serializer().dumps(
        {
            "o": organisation.id,
            "e": normalise_email(email),
            "n": full_name.strip()[:200],
            "a": bool(is_org_admin),
            "i": inviter.id,
        }
    )
    link = url_for("auth.accept_invitation", token=token, _external=True)
    with force_locale(f"{inviter.preferred_locale or 'fr'}_MA"):
        send_mail(
            email,
            _("%(name)s invites you to the Quality Ecosystems Portal", name=inviter.full_name),
            _(
                "Hello %(guest)s,\n\n%(name)s invites you to join %(organisation)s on the Quality "
                "Ecosystems Portal. Choose your password with this link within seven days; it "
                "works once:\n%(link)s",
                guest=full_name,
                name=inviter.full_name,
                organisation=organisation.name_fr,
                link=link,
            ),
        )
    return link


def read_invitation(token: str) -> dict | None:
    """The invitation a token carries, or None when forged, expired or already accepted."""
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
    return {**data, "organisation": organisation}


def accept_invitation(invitation: dict, full_name: str, password: str, locale: str) -> User:
    """Create the invited colleague's account, confirmed (the link proved the address)."""
    organisation = invitation["organisation"]
    return create_user(
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
