"""Files of a convention: signed PDF documents and evidence of milestones (checked, stored
under generated names outside the static folder, soft-deleted), and the XLSX export of its
milestones, commitments and indicators."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import IO, Any

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Amendment,
    Convention,
    ConventionDocument,
    DocumentKind,
    Milestone,
    User,
)
from portal.models.base import utcnow
from portal.services.conventions import ConventionView
from portal.services.file_store import CONVENTION_DOCUMENTS
from portal.services.tabular import neutralise

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
PDF_END = b"%%EOF"
# Writers may append a few bytes (newlines, padding) after the last %%EOF marker.
PDF_END_WINDOW = 1024


class DocumentRefused(ValueError):
    """An upload the rules refuse; the message is translated and says why."""


# --- documents ---------------------------------------------------------------------------------


def check_pdf(data: bytes) -> None:
    """Refuse anything that is not a PDF by its content, whatever its name or declared type."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(
            _(
                "The document is larger than %(size)s MB; send a lighter PDF.",
                size=MAX_DOCUMENT_BYTES // (1024 * 1024),
            )
        )
    if not data.startswith(PDF_MAGIC) or PDF_END not in data[-PDF_END_WINDOW:]:
        raise DocumentRefused(_("The file is not a PDF document. Only PDF files are accepted."))


def _read_limited(stream: IO[bytes]) -> bytes:
    """At most one byte more than the limit, so an oversized file is not read whole."""
    return stream.read(MAX_DOCUMENT_BYTES + 1)


def _amendment_of(convention: Convention, number: int | None) -> Amendment | None:
    if number is None:
        return None
    amendment = db.session.execute(
        select(Amendment).where(
            Amendment.convention_id == convention.id, Amendment.number == number
        )
    ).scalar_one_or_none()
    if amendment is None:
        raise DocumentRefused(
            _("This convention has no amendment number %(number)s.", number=number)
        )
    return amendment


def store_document(
    convention: Convention,
    *,
    kind: DocumentKind,
    title: str,
    filename: str,
    stream: IO[bytes],
    uploader: User | None,
    amendment_number: int | None = None,
) -> ConventionDocument:
    """Check an uploaded PDF, keep it under a generated name and record it (flushed only).

    Nothing is written to disk unless every check passes.
    """
    if kind == DocumentKind.AMENDMENT and amendment_number is None:
        raise DocumentRefused(_("Give the number of the amendment this document signs."))
    amendment = _amendment_of(convention, amendment_number)
    data = _read_limited(stream)
    check_pdf(data)
    stored_name = CONVENTION_DOCUMENTS.save(data)
    document = ConventionDocument(
        convention_id=convention.id,
        amendment_id=amendment.id if amendment else None,
        kind=kind,
        title=title.strip(),
        original_filename=PurePath(filename or "").name[:255] or "document.pdf",
        stored_name=stored_name,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=uploader.id if uploader else None,
    )
    db.session.add(document)
    db.session.flush()
    return document


def delete_document(document: ConventionDocument) -> None:
    """Mark a document deleted; its file stays on disk so the history keeps its evidence."""
    document.deleted_at = utcnow()
    db.session.flush()


def download_name(document: ConventionDocument) -> str:
    """A safe file name for the download: letters, digits, dots and hyphens, ending in .pdf."""
    stem = PurePath(document.original_filename).stem or document.title
    stem = unicodedata.normalize("NFKC", stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")[:80]
    return f"{stem or f'document-{document.id}'}.pdf"


# --- XLSX export -------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One sheet of an exported workbook."""

    title: str
    headers: list[str]
    rows: list[Sequence[Any]]
    percent_columns: tuple[int, ...] = ()


def _cell(ws: Any, value: Any, *, bold: bool = False, percent: bool = False) -> WriteOnlyCell:
    if isinstance(value, Decimal):
        value = float(value)  # a number in the sheet, not its text
    value = neutralise(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if bold:
        cell.font = Font(bold=True)
    if percent and isinstance(value, float):
        cell.number_format = "0%"
    return cell


def workbook_bytes(sheets: list[Sheet], right_to_left: bool = False) -> bytes:
    """An XLSX workbook with one sheet per ``Sheet``: bold headers, text always as text."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", sheet.title)[:31])
        ws.sheet_view.rightToLeft = right_to_left
        widths = [len(header) for header in sheet.headers]
        for row in sheet.rows:
            for index, value in enumerate(row[: len(widths)]):
                widths[index] = max(widths[index], len(str(neutralise(value))))
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        ws.append([_cell(ws, header, bold=True) for header in sheet.headers])
        for row in sheet.rows:
            ws.append(
                [
                    _cell(ws, value, percent=index in sheet.percent_columns)
                    for index, value in enumerate(row)
                ]
            )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _yes_no(flag: bool) -> str:
    return _("Yes") if flag else _("No")


def _evidence(view: ConventionView, milestone: Milestone) -> str:
    """The evidence of a milestone as one text: its note and the title of its document."""
    document = view.documents_by_id.get(milestone.evidence_document_id or 0)
    return " — ".join(
        part for part in (milestone.evidence_note, document and document.title) if part
    )


def progress_sheets(view: ConventionView) -> list[Sheet]:
    """The milestones, commitments and indicators of a convention, in the current language."""
    milestones = Sheet(
        # i18n: title of a spreadsheet tab (at most 31 characters)
        title=_("Milestones"),
        headers=[
            _("Milestone"),
            _("Due date"),
            _("Completed on"),
            _("Late"),
            _("Days late"),
            _("Lateness"),
            _("Evidence"),
        ],
        rows=[
            [
                localized(m, "title"),
                m.due_date,
                m.completed_on,
                _yes_no(m.is_late(view.today)),
                m.days_late(view.today),
                view.lateness(m),
                _evidence(view, m),
            ]
            for m in view.milestones
        ],
    )
    commitments = Sheet(
        # i18n: title of a spreadsheet tab (at most 31 characters)
        title=_("Commitments"),
        headers=[
            _("Party"),
            _("Commitment"),
            _("Status"),
            _("Due date"),
            _("Completed on"),
            _("Late"),
            _("Days late"),
            _("Lateness"),
        ],
        rows=[
            [
                localized(party.organisation, "name"),
                localized(c, "description"),
                c.status.label,
                c.due_date,
                c.completed_on,
                _yes_no(c.is_late(view.today)),
                c.days_late(view.today),
                view.lateness(c),
            ]
            for party in view.parties
            for c in view.commitments.get(party.id, [])
        ],
    )
    indicators = Sheet(
        # i18n: title of a spreadsheet tab (at most 31 characters)
        title=_("Indicators"),
        headers=[
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Baseline date"),
            _("Target"),
            _("Target date"),
            _("Current value"),
            _("Attainment"),
            _("Expected by now"),
            _("Below its trajectory"),
        ],
        rows=[
            [
                localized(i.indicator, "name"),
                localized(i.indicator, "unit"),
                i.indicator.baseline,
                i.indicator.baseline_date,
                i.indicator.target,
                i.indicator.target_date,
                i.current_value,
                i.attainment,
                i.expected,
                _yes_no(i.below_trajectory),
            ]
            for i in view.indicators
        ],
        percent_columns=(7, 8),
    )
    return [milestones, commitments, indicators]
