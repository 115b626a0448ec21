"""Accounts: sign-in and sign-out with server-side sessions, password reset and changes."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, has_request_context, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import bindparam, func, select, update

from portal.extensions import db
from portal.i18n import locale_of
from portal.models import LoginSession, Organisation, Role, User
from portal.models.base import utcnow
from portal.models.user import role_fits_kind
from portal.services.editing import apply_edit
from portal.services.mail import send_mail
from portal.services.passwords import (
    burn_verification_time,
    hash_password,
    needs_rehash,
    verify_password,
)
from portal.services.throttle import login_budgets

SESSION_KEY = "sid"
LAST_SEEN_PRECISION = timedelta(minutes=1)


class LoginThrottled(Exception):
    """Too many failed logins for this account or address."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class EmailNotConfirmed(Exception):
    """The password is right but the address was never confirmed."""

    def __init__(self, user: User) -> None:
        super().__init__(user.email)
        self.user = user


class AccountError(ValueError):
    """A change to an account that the rules refuse; the message is translated."""


def normalise_email(email: str) -> str:
    """E-mail addresses compare regardless of case and surrounding spaces."""
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The live user with this e-mail address, whatever its case."""
    return db.session.execute(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).scalar_one_or_none()


def authenticate(email: str, password: str, address: str) -> User | None:
    """The user these credentials name, or None; failures are counted and throttled.

    An unknown e-mail and a wrong password take the same time and give the same answer.
    """
    per_account, per_address = login_budgets()
    account_key = normalise_email(email)
    for budget, key in ((per_account, account_key), (per_address, address)):
        if budget.exhausted(key):
            raise LoginThrottled(budget.retry_after(key))

    user = find_user_by_email(email)
    if user is None:
        burn_verification_time(password)
        ok = False
    else:
        ok = verify_password(user.password_hash, password)
        if ok and user.active and user.email_confirmed_at is None:
            raise EmailNotConfirmed(user)
        ok = ok and user.is_active
    if not ok:
        per_account.spend(account_key)
        per_address.spend(address)
        return None
    per_account.clear(account_key)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_session(user: User, *, ip_address: str | None, user_agent: str | None) -> None:
    """Sign the user in: a fresh cookie session pointing at a new server-side session row."""
    locale = session.get("locale")
    session.clear()  # renew: nothing from before the login survives, CSRF token included
    if locale:
        session["locale"] = locale
    token = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            token_hash=LoginSession.hash_token(token),
            user_id=user.id,
            ip_address=ip_address,
            user_agent=(user_agent or "")[:300],
        )
    )
    user.last_login_at = utcnow()
    session[SESSION_KEY] = token
    session.permanent = True


# Every signed-in page runs it: the statement is built once, its token a parameter.
_LIVE_SESSION = select(LoginSession).where(
    LoginSession.token_hash == bindparam("token_hash"), LoginSession.ended_at.is_(None)
)


def current_login_session() -> LoginSession | None:
    """The live server-side session behind this request's cookie, if any."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    row = db.session.execute(
        _LIVE_SESSION, {"token_hash": LoginSession.hash_token(token)}
    ).scalar_one_or_none()
    if row is None or not row.user.is_active:
        return None
    now = utcnow()
    idle_limit = timedelta(seconds=current_app.config["SESSION_IDLE_TIMEOUT_SECONDS"])
    if now - row.last_seen_at > idle_limit:
        _record_on_session(row, ended_at=now)
        return None
    if now - row.last_seen_at > LAST_SEEN_PRECISION:
        _record_on_session(row, last_seen_at=now)
    return row


def _record_on_session(row: LoginSession, **values) -> None:
    """Write the session's last activity (at most once a minute) or its end.

    In a request that only reads, the write is a transaction of its own, begun by the write
    and committed at once: the request neither holds SQLite's write lock while it renders
    (blocking every other writer) nor fails to take it after having read (SQLite refuses a
    reading transaction the write lock when another one wrote meanwhile: "database is
    locked"). A request that writes holds the lock from its start and writes it with the rest.
    """
    if has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS"):
        for name, value in values.items():
            setattr(row, name, value)
        return
    session_id = row.id
    db.session.commit()  # ends the transaction of the lookup, which only read
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.id == session_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def end_session() -> None:
    """Sign out: the server-side session ends, so a copy of the cookie stops working."""
    token = session.get(SESSION_KEY)
    if token:
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == LoginSession.hash_token(token))
            .values(ended_at=utcnow())
        )
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def end_all_sessions(user: User, *, except_current: bool = False) -> None:
    """End every session of a user (password change, deactivation)."""
    statement = update(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)
    )
    # Only a request has a current session (the CLI ends them all): outside one, Flask's
    # session cannot even be read.
    token = session.get(SESSION_KEY) if except_current and has_request_context() else None
    if token:
        statement = statement.where(LoginSession.token_hash != LoginSession.hash_token(token))
    db.session.execute(statement.values(ended_at=utcnow()))


def set_password(user: User, password: str) -> None:
    """Replace the user's password (the caller has checked the policy)."""
    user.password_hash = hash_password(password)


def mailed_groups(user: User) -> list[str]:
    """The groups of notifications the user also receives by e-mail."""
    from portal.services.notifications import MAIL_GROUPS

    return [group for group in MAIL_GROUPS if group not in (user.muted_mail_groups or ())]


def update_settings(
    user: User,
    version: object,
    *,
    full_name: str,
    preferred_locale: str,
    mailed_groups: list[str],
) -> None:
    """Change one's own name, language and the notifications also sent by e-mail (the
    others are kept as not mailed, so that a group added later is mailed by default);
    ``StaleEdit`` when ``version`` is outdated."""
    from portal.services.notifications import MAIL_GROUPS

    apply_edit(
        user,
        version,
        {
            "full_name": full_name.strip(),
            "preferred_locale": preferred_locale,
            "muted_mail_groups": [group for group in MAIL_GROUPS if group not in mailed_groups],
        },
    )


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password; other sessions of the user end."""
    from flask_babel import gettext as _

    if not verify_password(user.password_hash, current):
        raise AccountError(_("The current password is not correct."))
    set_password(user, new)
    end_all_sessions(user, except_current=True)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def password_fingerprint(user: User) -> str:
    """A short digest of the password hash: a token bound to it stops working once the
    password changes."""
    return hashlib.sha256((user.password_hash or "none").encode()).hexdigest()[:20]


def reset_link_minutes() -> int:
    """How long a reset link works, in minutes."""
    return current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] // 60


def password_reset_token(user: User) -> str:
    """A signed, expiring, single-use token for resetting this user's password."""
    return _reset_serializer().dumps({"u": user.id, "f": password_fingerprint(user)})


def send_password_reset(email: str) -> None:
    """Mail a reset link, in the owner's language, to the active account using ``email``;
    nothing for an unknown or inactive address (the caller answers the same either way)."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    link = url_for("auth.reset_password", token=password_reset_token(user), _external=True)
    with force_locale(locale_of(user)):
        send_mail(
            user.email,
            _("Reset your password on the Quality Ecosystems Portal"),
            _(
                "Hello %(name)s,\n\nTo choose a new password, open this link within "
                "%(minutes)d minutes:\n%(link)s\n\nThe link works once. If you did not "
                "ask for it, ignore this message; your password stays the same.",
                name=user.full_name,
                minutes=reset_link_minutes(),
                link=link,
            ),
        )


def set_preferred_locale(user: User, locale: str) -> None:
    """Remember the language the user chose (the pages speak it at the next sign-in too)."""
    user.preferred_locale = locale


def user_for_reset_token(token: str) -> User | None:
    """The user a reset token is for, or None when it is forged, expired or already used."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict):
        return None
    user = db.session.get(User, data.get("u")) if isinstance(data.get("u"), int) else None
    if user is None or not user.is_active or user.deleted_at is not None:
        return None
    if not secrets.compare_digest(str(data.get("f", "")), password_fingerprint(user)):
        return None
    return user


def reset_password(user: User, password: str) -> None:
    """Set a new password from a reset link; every session of the user ends."""
    set_password(user, password)
    end_all_sessions(user)


@dataclass
class NewUser:
    """What is needed to create an account."""

    email: str
    full_name: str
    role: Role
    organisation: Organisation
    password: str | None = None
    preferred_locale: str | None = None
    # Accounts made by an administrator or an accepted invitation need no confirmation mail.
    email_confirmed: bool = True
    is_org_admin: bool = False


def create_user(data: NewUser) -> User:
    """Create an account, checking that the role fits the organisation's kind."""
    from flask_babel import gettext as _

    if not role_fits_kind(data.role, data.organisation.kind):
        raise AccountError(_("This role does not fit the kind of organisation."))
    taken = db.session.execute(
        select(User.id)
        .where(func.lower(User.email) == normalise_email(data.email))
        .execution_options(include_deleted=True)
    ).first()
    if taken is not None:
        raise AccountError(_("An account with this e-mail address already exists."))
    user = User(
        email=data.email.strip(),
        full_name=data.full_name.strip(),
        role=data.role,
        organisation=data.organisation,
        preferred_locale=data.preferred_locale,
        password_hash=hash_password(data.password) if data.password else None,
        active=True,
        is_org_admin=data.is_org_admin,
        email_confirmed_at=utcnow() if data.email_confirmed else None,
    )
    db.session.add(user)
    db.session.flush()
    return user
