"""Form submissions already taken into account: a double click creates one record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import UTCDateTime, utcnow


class FormSubmission(db.Model):
    """The one-time token of a form that created something, inserted in the same transaction
    as what it created: a second submission of the same form hits the unique token (on
    PostgreSQL it waits for the first one's commit) and creates nothing. Kept a day."""

    __tablename__ = "form_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # Where the first submission took the user, to take the second one there too.
    landing: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
