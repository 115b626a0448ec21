"""Joining the portal: sign-up with e-mail confirmation, and who acts for an organisation
(its users, a federation's staff). Joining an ecosystem is ``services/ecosystems/memberships``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from portal.authz import federation_staff_query
from portal.extensions import db
from portal.i18n import current_language
from portal.models import (
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    User,
)
from portal.models.base import utcnow
from portal.models.organisation import normalise_ice
from portal.models.user import ROLE_OF_KIND
from portal.services.accounts import NewUser, create_user, normalise_email
from portal.services.mail import send_mail
from portal.services.passwords import hash_password

CONFIRMATION_MAX_AGE = 3 * 24 * 3600
SIGNUP_KINDS = (
    OrganisationKind.SME,
    OrganisationKind.PUBLIC_BODY,
    OrganisationKind.INSTITUTE,
    OrganisationKind.INFRASTRUCTURE,
    OrganisationKind.RESEARCH_CENTRE,
    OrganisationKind.CONSULTING_FIRM,
)


class OnboardingError(ValueError):
    """A step the rules refuse; the message is translated."""


class ExistingOrganisation(OnboardingError):
    """The ICE belongs to an organisation already on the portal. When it has no account
    (a company its federation imported), ``federations`` names those who may invite its
    first user; otherwise it is None and nothing more is said than before."""

    def __init__(
        self, organisation: Organisation, federations: list[Organisation] | None = None
    ) -> None:
        if federations is None:
            message = _(
                "%(name)s is already registered with this ICE. Ask one of its users to "
                "invite you, instead of creating it again.",
                name=organisation.name_fr,
            )
        elif federations:
            message = _(
                "%(name)s is already on the portal, but without an account yet. Its federation, "
                "%(federation)s, can invite you to open it: ask them for an invitation.",
                name=organisation.name_fr,
                federation=_federation_names(federations),
            )
        else:
            message = _(
                "%(name)s is already on the portal, but without an account yet. Ask the "
                "portal's administrators for an invitation to open it.",
                name=organisation.name_fr,
            )
        super().__init__(message)
        self.organisation = organisation
        self.federations = federations
        self.federation_names = _federation_names(federations) if federations else ""


def _federation_names(federations: list[Organisation]) -> str:
    """The federations' acronyms (else names), in the page's language, joined."""
    language = current_language()
    return ", ".join(f.acronym or f.display_name(language) for f in federations)


def existing_organisation(organisation: Organisation) -> ExistingOrganisation:
    """The error for a sign-up with the ICE of an organisation already on the portal."""
    if organisation.deleted_at is not None or has_active_user(organisation.id):
        return ExistingOrganisation(organisation)
    return ExistingOrganisation(organisation, inviting_federations(organisation))


def find_by_ice(ice: str) -> Organisation | None:
    """The organisation (deleted ones included) that holds an ICE."""
    return db.session.execute(
        select(Organisation)
        .where(Organisation.ice == normalise_ice(ice))
        .execution_options(include_deleted=True)
    ).scalar()


@dataclass
class SignUp:
    """An organisation and its first user, as typed in the sign-up form."""

    kind: OrganisationKind
    name_fr: str
    name_ar: str
    region: str
    city: str
    full_name: str
    email: str
    password: str
    preferred_locale: str
    ice: str | None = None
    acronym: str | None = None
    infrastructure_type: object | None = None


def sign_up(data: SignUp) -> User | None:
    """Create the organisation and its first user (its administrator), unconfirmed, and
    send the confirmation link.

    An address that already has an account gets no second one: its owner is told by e-mail
    that someone tried, and how to sign in or reset the password. The caller answers the
    visitor the same way in both cases (None here), so sign-up never tells whether an
    address has an account.
    """
    if data.kind not in SIGNUP_KINDS:
        raise OnboardingError(_("This kind of organisation cannot sign up by itself."))
    ice = normalise_ice(data.ice) if data.kind == OrganisationKind.SME else None
    if ice:
        existing = find_by_ice(ice)
        if existing is not None:
            raise existing_organisation(existing)
    holder = account_holding(data.email)
    if holder is not None:
        # The work a new account costs (hashing the password), so the time taken tells nothing.
        hash_password(data.password)
        if holder.active and holder.deleted_at is None:
            send_signup_attempt_notice(holder)
        return None
    organisation = Organisation(
        kind=data.kind,
        name_fr=data.name_fr.strip(),
        name_ar=data.name_ar.strip(),
        acronym=(data.acronym or "").strip() or None,
        region=data.region,
        city=data.city.strip(),
        ice=ice,
        infrastructure_type=data.infrastructure_type
        if data.kind == OrganisationKind.INFRASTRUCTURE
        else None,
    )
    db.session.add(organisation)
    user = create_user(
        NewUser(
            email=data.email,
            full_name=data.full_name,
            role=ROLE_OF_KIND[data.kind],
            organisation=organisation,
            password=data.password,
            preferred_locale=data.preferred_locale,
            email_confirmed=False,
            is_org_admin=True,
        )
    )
    send_confirmation(user)
    return user


def account_holding(email: str) -> User | None:
    """The account (deleted ones included, as they keep their address) using ``email``."""
    return db.session.execute(
        select(User)
        .where(func.lower(User.email) == normalise_email(email))
        .execution_options(include_deleted=True)
    ).scalar()


def send_signup_attempt_notice(user: User) -> None:
    """Tell an account's owner that someone tried to sign up with its address."""
    with force_locale(f"{user.preferred_locale or 'fr'}_MA"):
        send_mail(
            user.email,
            _("Someone tried to sign up with your address on the Quality Ecosystems Portal"),
            _(
                "Hello %(name)s,\n\nSomeone, perhaps you, tried to create an account on the "
                "Quality Ecosystems Portal with this e-mail address. It already has an "
                "account, so no other was created.\n\nIf it was you, sign in here:\n"
                "%(login)s\n\nIf you forgot your password, ask for a link to choose a new "
                "one here:\n%(reset)s\n\nIf it was not you, ignore this message; your "
                "account has not changed.",
                name=user.full_name,
                login=url_for("auth.login", _external=True),
                reset=url_for("auth.reset_request", _external=True),
            ),
        )


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-confirmation")


def _email_fingerprint(user: User) -> str:
    return hashlib.sha256(user.email.lower().encode()).hexdigest()[:16]


def confirmation_token(user: User) -> str:
    """A signed, expiring token confirming the user's current e-mail address."""
    return _serializer().dumps({"u": user.id, "e": _email_fingerprint(user)})


def send_confirmation(user: User) -> None:
    """Mail the confirmation link in the user's language."""
    link = url_for("auth.confirm_email", token=confirmation_token(user), _external=True)
    with force_locale(f"{user.preferred_locale or 'fr'}_MA"):
        send_mail(
            user.email,
            _("Confirm your e-mail address on the Quality Ecosystems Portal"),
            _(
                "Hello %(name)s,\n\nTo confirm your address and open your account, follow this "
                "link within three days:\n%(link)s\n\nIf you did not sign up, ignore this message.",
                name=user.full_name,
                link=link,
            ),
        )


def confirm_email(token: str) -> User | None:
    """Confirm the address a token was made for; None when forged, expired or already used."""
    try:
        data = _serializer().loads(token, max_age=CONFIRMATION_MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or user.deleted_at is not None or user.email_confirmed_at is not None:
        return None
    if data.get("e") != _email_fingerprint(user):
        return None
    user.email_confirmed_at = utcnow()
    return user


# --- the users of organisations -------------------------------------------------------------


def federation_staff(ecosystem: Ecosystem) -> list[User]:
    """The active staff of the federation leading an ecosystem."""
    return list(db.session.execute(federation_staff_query(ecosystem.lead_federation_id)).scalars())


def organisation_users(organisation_id: int) -> list[User]:
    """The active users of an organisation."""
    return list(
        db.session.execute(
            select(User).where(User.organisation_id == organisation_id, User.active.is_(True))
        ).scalars()
    )


def has_active_user(organisation_id: int) -> bool:
    """Whether someone of the organisation can sign in (or is confirming their address)."""
    return (
        db.session.execute(
            select(User.id).where(User.organisation_id == organisation_id, User.active.is_(True))
        ).first()
        is not None
    )


# A federation invites the first user of its members that are active or suspended.
INVITING_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)


def inviting_federations(organisation: Organisation) -> list[Organisation]:
    """The federations leading an ecosystem the organisation is an active or suspended
    member of: those who may invite its first user."""
    return list(
        db.session.execute(
            select(Organisation)
            .join(Ecosystem, Ecosystem.lead_federation_id == Organisation.id)
            .join(Membership, Membership.ecosystem_id == Ecosystem.id)
            .where(
                Membership.organisation_id == organisation.id,
                Membership.status.in_(INVITING_STATUSES),
                Membership.deleted_at.is_(None),
                Ecosystem.deleted_at.is_(None),
            )
            .distinct()
            .order_by(Organisation.name_fr)
        ).scalars()
    )
