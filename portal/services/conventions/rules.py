"""The rules every change to a convention obeys: its status workflow, when something of it
can have been done, and the error that says why a change is refused."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from portal.i18n import format_day
from portal.models import Convention, ConventionStatus

S = ConventionStatus
TRANSITIONS: dict[ConventionStatus, tuple[ConventionStatus, ...]] = {
    S.DRAFT: (S.SIGNED, S.TERMINATED),
    S.SIGNED: (S.IN_PROGRESS, S.SUSPENDED, S.TERMINATED),
    S.IN_PROGRESS: (S.COMPLETED, S.SUSPENDED, S.TERMINATED),
    S.SUSPENDED: (S.IN_PROGRESS, S.TERMINATED),
    S.COMPLETED: (),
    S.TERMINATED: (),
}
# Only a convention that is running can fall behind.
RUNNING = (S.SIGNED, S.IN_PROGRESS)
# How long the note of a milestone's evidence may be.
EVIDENCE_NOTE_LENGTH = 500


class ConventionError(ValueError):
    """A change the rules refuse; the message is translated."""


def convention_start(convention: Convention) -> date | None:
    """The day the convention began: signed or in force, whichever came first."""
    days = [day for day in (convention.signed_on, convention.effective_from) if day is not None]
    return min(days) if days else None


def completion_date_problem(convention: Convention, day: date, today: date) -> str | None:
    """Why ``day`` cannot be the day something of the convention was done (None if it can):
    not in the future, not before the convention began."""
    if day > today:
        return _("The completion date cannot be in the future.")
    start = convention_start(convention)
    if start is not None and day < start:
        return _(
            "The completion date cannot come before the convention was signed or took effect "
            "(%(date)s).",
            date=format_day(start),
        )
    return None
