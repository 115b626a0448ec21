"""Changes to a convention: its status workflow, amendments, and its progress — a milestone
done on a given day with its evidence, or reopened when it was marked done by mistake. The
audit trail keeps every value before and after (the models are audited)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import IO

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.extensions import db
from portal.i18n import format_day, localized
from portal.models import (
    Amendment,
    Convention,
    ConventionDocument,
    ConventionParty,
    ConventionStatus,
    ConventionStatusChange,
    DocumentKind,
    Milestone,
    User,
)
from portal.services.convention_files import store_document
from portal.services.conventions import (
    TRANSITIONS,
    ConventionError,
    S,
)
from portal.services.editing import apply_edit, check_version

EVIDENCE_NOTE_LENGTH = 500

# --- status and amendments ---------------------------------------------------------------------


def change_status(
    convention: Convention, new_status: ConventionStatus, actor: User, comment: str = ""
) -> None:
    """Move a convention along its workflow; the change is kept with date, actor, comment."""
    old = convention.status
    if new_status not in TRANSITIONS[old]:
        raise ConventionError(
            _(
                "A convention cannot go from %(old)s to %(new)s.",
                old=old.label,
                new=new_status.label,
            )
        )
    if new_status == S.SIGNED:
        parties = db.session.execute(
            select(func.count(ConventionParty.id)).where(
                ConventionParty.convention_id == convention.id
            )
        ).scalar_one()
        if parties < 2:
            raise ConventionError(_("A convention needs at least two parties to be signed."))
        if convention.signed_on is None:
            raise ConventionError(_("Give the signature date before marking it signed."))
    if new_status in (S.SUSPENDED, S.TERMINATED) and not comment.strip():
        raise ConventionError(_("Say why the convention is suspended or terminated."))
    convention.status = new_status
    db.session.add(
        ConventionStatusChange(
            convention_id=convention.id,
            from_status=old,
            to_status=new_status,
            actor_id=actor.id,
            comment=comment.strip(),
        )
    )
    db.session.flush()


def record_creation(convention: Convention, actor: User) -> None:
    """The first line of a convention's history."""
    db.session.add(
        ConventionStatusChange(
            convention_id=convention.id,
            from_status=None,
            to_status=convention.status,
            actor_id=actor.id,
            comment="",
        )
    )


def add_amendment(
    convention: Convention,
    *,
    signed_on: date,
    summary_fr: str,
    summary_ar: str,
    new_ends_on: date | None,
    new_budget_mad: Decimal | None,
    commitments_change_fr: str = "",
    commitments_change_ar: str = "",
) -> Amendment:
    """Record an amendment and apply what it changes; the values before are kept on it."""
    number = (
        db.session.execute(
            select(func.max(Amendment.number))
            .where(Amendment.convention_id == convention.id)
            .execution_options(include_deleted=True)
        ).scalar()
        or 0
    ) + 1
    amendment = Amendment(
        convention_id=convention.id,
        number=number,
        signed_on=signed_on,
        summary_fr=summary_fr,
        summary_ar=summary_ar,
        previous_ends_on=convention.ends_on,
        new_ends_on=new_ends_on,
        previous_budget_mad=convention.budget_mad,
        new_budget_mad=new_budget_mad,
        commitments_change_fr=commitments_change_fr,
        commitments_change_ar=commitments_change_ar,
    )
    db.session.add(amendment)
    if new_ends_on is not None:
        convention.ends_on = new_ends_on
    if new_budget_mad is not None:
        convention.budget_mad = new_budget_mad
    db.session.flush()
    return amendment


# --- progress ----------------------------------------------------------------------------------


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


def evidence_documents(convention: Convention) -> list[ConventionDocument]:
    """The live documents of the convention a milestone's evidence may point at."""
    return list(
        db.session.execute(
            select(ConventionDocument)
            .where(ConventionDocument.convention_id == convention.id)
            .order_by(ConventionDocument.created_at.desc(), ConventionDocument.id.desc())
        ).scalars()
    )


def _attached(convention: Convention, document_id: int) -> bool:
    return (
        db.session.execute(
            select(ConventionDocument.id).where(
                ConventionDocument.id == document_id,
                ConventionDocument.convention_id == convention.id,
            )
        ).first()
        is not None
    )


def complete_milestone(
    convention: Convention,
    milestone: Milestone,
    actor: User,
    *,
    version: object,
    completed_on: date,
    today: date,
    evidence_note: str = "",
    evidence_document_id: int | None = None,
    evidence_file: tuple[str, IO[bytes]] | None = None,
) -> None:
    """Record a milestone as done on the day given, with its evidence: a short note and/or a
    document of the convention, either one already attached or a PDF (file name, stream) kept
    now in the convention's document store. Raises ConventionError (translated), StaleEdit
    when the milestone changed since the form was opened, DocumentRefused for a bad file."""
    if milestone.completed_on is not None:
        raise ConventionError(_("This milestone was already done."))
    problem = completion_date_problem(convention, completed_on, today)
    if problem:
        raise ConventionError(problem)
    note = evidence_note.strip()
    if len(note) > EVIDENCE_NOTE_LENGTH:
        raise ConventionError(
            _("Keep the note under %(count)s characters.", count=EVIDENCE_NOTE_LENGTH)
        )
    if evidence_document_id is not None and evidence_file is not None:
        raise ConventionError(_("Choose an attached document or send a new one, not both."))
    if evidence_document_id is not None and not _attached(convention, evidence_document_id):
        raise ConventionError(_("This document is not attached to the convention."))
    check_version(milestone, version)  # before a file is written for nothing
    if evidence_file is not None:
        filename, stream = evidence_file
        evidence_document_id = store_document(
            convention,
            kind=DocumentKind.EVIDENCE,
            title=localized(milestone, "title")[:200],
            filename=filename,
            stream=stream,
            uploader=actor,
        ).id
    apply_edit(
        milestone,
        version,
        {
            "completed_on": completed_on,
            "completed_by_id": actor.id,
            "evidence_note": note,
            "evidence_document_id": evidence_document_id,
        },
    )


def reopen_milestone(milestone: Milestone, *, version: object) -> None:
    """Undo a milestone marked done by mistake: it is open again (and late if its date has
    passed); its completion stays in the audit trail. Raises ConventionError or StaleEdit."""
    if milestone.completed_on is None:
        raise ConventionError(_("This milestone is not done."))
    apply_edit(
        milestone,
        version,
        {
            "completed_on": None,
            "completed_by_id": None,
            "evidence_note": "",
            "evidence_document_id": None,
        },
    )
