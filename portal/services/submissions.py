"""A form sent twice (a double click, a resent request) creates one record.

Each form that creates something carries a one-time token (rendered by portal.forms). The
first submission records it in ``form_submissions`` in the same transaction as the record it
creates; a second one hits the unique token and creates nothing. On PostgreSQL, the second
INSERT waits for the first transaction: it fails if that one committed, and goes ahead if it
rolled back (then nothing was created the first time either).
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import FormSubmission
from portal.models.base import utcnow

# Tokens are kept this long: a form resent later than that is a new submission.
KEEP_FOR = timedelta(days=1)
# At most this many expired tokens are removed by one submission (bounded work per request).
PURGE_BATCH = 200
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class DuplicateSubmission(Exception):
    """This form was already sent and what it created is saved; ``landing`` is where the
    first submission took the user (None when it did not redirect)."""

    def __init__(self, landing: str | None) -> None:
        super().__init__(landing)
        self.landing = landing


def new_token() -> str:
    """A fresh one-time token for a form being shown."""
    return secrets.token_urlsafe(24)


def claim(token: str | None) -> FormSubmission | None:
    """Record ``token`` in the current transaction, or raise DuplicateSubmission when it was
    already recorded. A missing or malformed token claims nothing (None)."""
    if not token or not TOKEN.match(token):
        return None
    submission = FormSubmission(token=token)
    try:
        with db.session.begin_nested():
            db.session.add(submission)
    except IntegrityError:
        raise DuplicateSubmission(landing_of(token)) from None
    purge_expired()
    return submission


def landing_of(token: str) -> str | None:
    """Where the submission with this token took the user."""
    return db.session.execute(
        select(FormSubmission.landing).where(FormSubmission.token == token)
    ).scalar()


def record_landing(submission: FormSubmission, location: str) -> None:
    """Remember where the first submission took the user, to take a second one there too."""
    if location.startswith("/") and len(location) <= 2000:
        submission.landing = location


def purge_expired() -> int:
    """Forget tokens older than KEEP_FOR, a bounded batch at a time; rows another request is
    removing are skipped rather than waited for."""
    expired = (
        select(FormSubmission.id)
        .where(FormSubmission.created_at < utcnow() - KEEP_FOR)
        .order_by(FormSubmission.id)
        .limit(PURGE_BATCH)
        .with_for_update(skip_locked=True)
    )
    ids = list(db.session.execute(expired).scalars())
    if ids:
        db.session.execute(delete(FormSubmission).where(FormSubmission.id.in_(ids)))
    return len(ids)
