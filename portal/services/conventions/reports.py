"""The printable report and the XLSX export of a convention: its milestones, commitments
and indicators as sheets, in the current language (an API or a dashboard asks the same
functions; the report page reads ``progress.load_view``)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from portal.i18n import localized
from portal.models import Convention, Milestone
from portal.services.conventions.progress import ConventionView, load_view
from portal.services.tabular import neutralise

if TYPE_CHECKING:  # openpyxl is imported when a workbook is made (6 MB a worker)
    from openpyxl.cell import WriteOnlyCell


@dataclass
class Sheet:
    """One sheet of an exported workbook."""

    title: str
    headers: list[str]
    rows: list[Sequence[Any]]
    percent_columns: tuple[int, ...] = ()


def _cell(ws: Any, value: Any, *, bold: bool = False, percent: bool = False) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

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
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

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


def export_name(convention: Convention) -> str:
    """The file name of the convention's export, from its reference (safe in a header)."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", convention.reference).strip("-") or str(convention.id)
    return f"convention-{name}.xlsx"


def progress_workbook(convention: Convention, today: date, *, right_to_left: bool = False) -> bytes:
    """The XLSX export of a convention as it stands on ``today``: milestones, commitments and
    indicators, one sheet each."""
    return workbook_bytes(progress_sheets(load_view(convention, today)), right_to_left)
