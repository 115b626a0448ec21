"""People who sign in, their roles, and their server-side login sessions."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import (
    Audited,
    LabelledEnum,
    SoftDeleteMixin,
    TimestampMixin,
    UTCDateTime,
    VersionedMixin,
    enum_column,
    set_labels,
    utcnow,
)
from portal.models.organisation import (
    BENEFICIARY_KINDS,
    SERVICE_PROVIDER_KINDS,
    Organisation,
    OrganisationKind,
)


class Role(LabelledEnum):
    """What a user does on the portal (see DESIGN: who uses it)."""

    ADMIN = "admin"
    MINISTRY_OFFICER = "ministry_officer"
    FEDERATION_STAFF = "federation_staff"
    SME_USER = "sme_user"
    INSTITUTE_USER = "institute_user"
    INFRASTRUCTURE_USER = "infrastructure_user"
    CONSULTANT = "consultant"


set_labels(
    {
        Role.ADMIN: _l("Platform administrator"),
        Role.MINISTRY_OFFICER: _l("Ministry officer"),
        Role.FEDERATION_STAFF: _l("Federation staff"),
        Role.SME_USER: _l("Company or public body user"),
        Role.INSTITUTE_USER: _l("Training institute user"),
        Role.INFRASTRUCTURE_USER: _l("Quality infrastructure user"),
        Role.CONSULTANT: _l("Consultant (consulting firm)"),
    }
)

# The organisation kinds each role belongs to (a company user's organisation is a company or
# a public body); an administrator may belong to any (None).
ROLE_ORGANISATION_KINDS: dict[Role, tuple[OrganisationKind, ...] | None] = {
    Role.ADMIN: None,
    Role.MINISTRY_OFFICER: (OrganisationKind.MINISTRY,),
    Role.FEDERATION_STAFF: (OrganisationKind.FEDERATION,),
    Role.SME_USER: BENEFICIARY_KINDS,
    Role.INSTITUTE_USER: (OrganisationKind.INSTITUTE,),
    Role.INFRASTRUCTURE_USER: SERVICE_PROVIDER_KINDS,
    Role.CONSULTANT: (OrganisationKind.CONSULTING_FIRM,),
}

# The role of the users of each kind of organisation (every kind has one).
ROLE_OF_KIND: dict[OrganisationKind, Role] = {
    kind: role for role, kinds in ROLE_ORGANISATION_KINDS.items() for kind in kinds or ()
}


def role_fits_kind(role: Role, kind: OrganisationKind) -> bool:
    """Whether a user of that role may belong to an organisation of that kind."""
    kinds = ROLE_ORGANISATION_KINDS[role]
    return kinds is None or kind in kinds


class User(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A person with an account; belongs to one organisation and holds one role."""

    __tablename__ = "users"
    __audit_redacted__ = ("password_hash",)
    # A sign-in changes no business record: login sessions keep when and from where.
    __audit_ignored__ = ("updated_at", "version", "last_login_at")
    __table_args__ = (Index("uq_users_email_lower", func.lower("email"), unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    preferred_locale: Mapped[str | None] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # May invite and deactivate colleagues and edit the organisation's profile settings.
    is_org_admin: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # Set when the person opened the confirmation link; unconfirmed accounts cannot sign in.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Groups of notifications (services.notifications.MAIL_GROUPS) the user reads in the
    # portal only, not by e-mail.
    muted_mail_groups: Mapped[list[str]] = mapped_column(JSON, default=list)

    organisation: Mapped[Organisation] = relationship(back_populates="users", lazy="joined")

    # Flask-Login protocol. get_id() is not used: the login session row stands for the user.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active and self.deleted_at is None and self.email_confirmed_at is not None

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class LoginSession(db.Model):
    """One signed-in browser. The cookie holds a random token; only its hash is stored,
    so that logout, deactivation or a password change end the session on the server."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ip_address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))

    user: Mapped[User] = relationship(lazy="joined")

    @staticmethod
    def hash_token(token: str) -> str:
        """The stored form of a session token."""
        return hashlib.sha256(token.encode()).hexdigest()
