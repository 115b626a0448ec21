"""First-user invitations from a member import.

The optional ``invite_email`` column (with ``invite_name``) names the person invited to open
the company's account; the ``email`` column stays the company's contact address, and nobody
is invited at it. Checking the file only plans the invitations; they are sent once the
federation confirms, and only to companies that have no account and no invitation pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import INVITATION_DAYS, Invitation, Organisation, User
from portal.models.base import utcnow
from portal.services.first_users import FirstUserError, invite_first_user

# The import's columns for the invitee, and the headers accepted for them.
INVITEE_ALIASES: dict[str, tuple[str, ...]] = {
    "invite_email": ("invite_email", "user_email", "email_invitation", "courriel_invitation"),
    "invite_name": ("invite_name", "user_name", "nom_invitation", "nom_utilisateur"),
}
PROBLEMS = {
    "invalid_invite_email": _l("The e-mail address to invite “%(value)s” is not valid."),
    "duplicate_invite_email": _l(
        "The e-mail address to invite %(value)s already appears on line %(line)s of this file."
    ),
    "invite_email_taken": _l(
        "An account already uses the e-mail address %(value)s: it cannot be invited."
    ),
}


def read_invitee(email: str, name: str) -> tuple[str | None, str, tuple | None]:
    """The invitee's normalised address and name, and the problem with the address if any
    (a code and its values)."""
    if not email:
        return None, name[:200], None
    try:
        normalised = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError:
        return None, name[:200], ("invalid_invite_email", {"value": email})
    if len(normalised) > 254:
        return None, name[:200], ("invalid_invite_email", {"value": email})
    return normalised, name[:200], None


@dataclass
class Invitees:
    """What decides whether a row's invitation is sent: addresses that already have an
    account, and the existing companies that have an account or a pending invitation."""

    taken: set[str]
    with_users: set[int]
    invited: set[int]

    @classmethod
    def look_up(cls, emails: set[str], organisation_ids: set[int]) -> Invitees:
        """Three queries, whatever the size of the file."""
        lowered = sorted({email.lower() for email in emails})
        ids = sorted(organisation_ids)
        taken: set[str] = set()
        with_users: set[int] = set()
        invited: set[int] = set()
        if lowered:
            taken = set(
                db.session.execute(
                    select(func.lower(User.email))
                    .where(func.lower(User.email).in_(lowered))
                    .execution_options(include_deleted=True)
                ).scalars()
            )
        if ids:
            with_users = set(
                db.session.execute(
                    select(User.organisation_id)
                    .where(User.organisation_id.in_(ids), User.active.is_(True))
                    .distinct()
                ).scalars()
            )
            since = utcnow() - timedelta(days=INVITATION_DAYS)
            invited = set(
                db.session.execute(
                    select(Invitation.organisation_id)
                    .where(
                        Invitation.organisation_id.in_(ids),
                        Invitation.first_user.is_(True),
                        Invitation.accepted_at.is_(None),
                        Invitation.replaced_at.is_(None),
                        Invitation.sent_at > since,
                    )
                    .distinct()
                ).scalars()
            )
        return cls(taken, with_users, invited)

    def needs_account(self, organisation: Organisation | None) -> bool:
        """Whether the row's company (None: a new one) has no account nor pending invitation."""
        if organisation is None:
            return True
        return organisation.id not in self.with_users and organisation.id not in self.invited

    def problem(self, email: str, line: int, first_line: dict[str, int]) -> tuple | None:
        """Why the address cannot be invited (a code and its values), else None; remembers
        the line of each address for the duplicates that follow."""
        key = email.lower()
        if key in first_line:
            return "duplicate_invite_email", {"value": email, "line": first_line[key]}
        first_line[key] = line
        if key in self.taken:
            return "invite_email_taken", {"value": email}
        return None


def send(rows: list[Any], actor: User) -> int:
    """Mail the planned invitations of confirmed rows (``row.invite`` is the address and the
    name, ``row.organisation`` the company, written by then); returns how many were sent."""
    sent = 0
    for row in rows:
        if row.invite is None or row.organisation is None:
            continue
        email, name = row.invite
        try:
            invite_first_user(row.organisation, actor, email, name)
        except FirstUserError:
            continue  # an account appeared meanwhile: nothing to invite
        sent += 1
    return sent
