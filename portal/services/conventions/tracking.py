"""How a convention's progress is tracked: its milestones (added, marked done on a given day
with their evidence, reopened when marked done by mistake), its indicators and their
measurements. The audit trail keeps every value before and after (the models are audited)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import IO, Any

from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Convention,
    DocumentKind,
    Indicator,
    Measurement,
    Milestone,
    PortalMetric,
    User,
)
from portal.services.conventions.documents import is_attached, store_document
from portal.services.conventions.rules import (
    EVIDENCE_NOTE_LENGTH,
    ConventionError,
    completion_date_problem,
)
from portal.services.editing import apply_edit, check_version

INDICATOR_FIELDS = (
    "name_fr",
    "name_ar",
    "unit_fr",
    "unit_ar",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "metric",
)

# --- milestones --------------------------------------------------------------------------------


def add_milestone(
    convention: Convention, *, title_fr: str, title_ar: str, due_date: date
) -> Milestone:
    """Add a dated step to the convention's timeline."""
    milestone = Milestone(
        convention_id=convention.id, title_fr=title_fr, title_ar=title_ar, due_date=due_date
    )
    db.session.add(milestone)
    db.session.flush()
    return milestone


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
    if evidence_document_id is not None and not is_attached(convention, evidence_document_id):
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


# --- indicators and measurements ---------------------------------------------------------------


def add_indicator(convention: Convention, fields: Mapping[str, Any]) -> Indicator:
    """Add an indicator with its baseline and its target (``fields``: INDICATOR_FIELDS; the
    units may be empty)."""
    indicator = Indicator(convention_id=convention.id)
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, fields.get(name))
    indicator.unit_fr = indicator.unit_fr or ""
    indicator.unit_ar = indicator.unit_ar or ""
    # Bound to a figure of the portal, or typed by hand (services/conventions/metrics.py).
    indicator.metric = PortalMetric(indicator.metric) if indicator.metric else None
    db.session.add(indicator)
    db.session.flush()
    return indicator


def add_measurement(
    indicator: Indicator, *, measured_on: date, value: Decimal, source: str, recorder: User
) -> Measurement:
    """Record a dated value of an indicator, its source and who recorded it."""
    measurement = Measurement(
        indicator_id=indicator.id,
        measured_on=measured_on,
        value=value,
        source=source.strip(),
        recorded_by_id=recorder.id,
    )
    db.session.add(measurement)
    db.session.flush()
    return measurement
