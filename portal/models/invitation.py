"""Invitations to open an account in an organisation, sent by e-mail."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import Audited, TimestampMixin, UTCDateTime, utcnow
from portal.models.organisation import Organisation
from portal.models.user import User

# How long an invitation link works.
INVITATION_DAYS = 7


class Invitation(Audited, TimestampMixin, db.Model):
    """An e-mailed link to create an account: a colleague invited by the organisation's
    administrators, or the first user of an organisation without accounts invited by its
    federation. The link carries the invitation's id; it works once, for seven days, while
    the invitation is neither accepted nor replaced by a newer one."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    is_org_admin: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # Sent by the federation to an organisation that had no active account.
    first_user: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when a newer invitation replaces this one: its link stops working.
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation: Mapped[Organisation] = relationship(lazy="raise")
    invited_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def expires_at(self) -> datetime:
        """When the link stops working (derived from the sending date)."""
        return self.sent_at + timedelta(days=INVITATION_DAYS)

    def is_pending(self, now: datetime) -> bool:
        """Neither accepted, replaced nor expired."""
        return self.accepted_at is None and self.replaced_at is None and now < self.expires_at
