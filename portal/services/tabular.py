"""Exporting tables to CSV and XLSX, and reading uploaded CSV or XLSX tables.

Exported text never starts with a character a spreadsheet would take for a formula
(``= + - @``, tab, carriage return): such text is prefixed with a single quote, and XLSX
text cells are always written as strings. Imported files are turned into one dict per row,
keyed by normalised header names, with the row's number in the file under ``"_row"``.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # openpyxl is imported when a workbook is made or read (6 MB a worker)
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_CHUNK_SIZE = 64 * 1024
# The rows an XLSX export holds at most (the CSV of the same list has no limit): a workbook is
# written whole before its first byte is sent, about 5,000 rows a second (half a minute for
# the national directory of organisations, over three for the million training needs), and a
# spreadsheet stops at 1,048,576 rows. The lists say so beside their export links.
XLSX_MAX_ROWS = 150_000
_WIDTH_SAMPLE_ROWS = 200
_MIN_WIDTH = 8
_MAX_WIDTH = 60
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class TooManyRows(ValueError):
    """A table longer than an XLSX export holds (``XLSX_MAX_ROWS``): nothing is written."""


class TableError(ValueError):
    """An uploaded table that cannot be read; ``code`` says why, for translation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# --- export ---------------------------------------------------------------------------


def neutralise(value: Any) -> str | int | float:
    """A cell value safe for spreadsheets: formula-like text gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date | datetime.time):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value
    else:  # Decimal, enums, UUIDs...: their text, checked like any other text
        text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_stream(headers: list[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """A UTF-8 CSV with a BOM (so Excel reads the accents and Arabic), CRLF line ends, in
    chunks of about 64 KB: the rows are read as they are written, so memory stays constant
    however many there are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([neutralise(cell) for cell in headers])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        if buffer.tell() >= _CHUNK_SIZE:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_bytes(headers: list[str], rows: Iterable[Sequence]) -> bytes:
    """The whole of ``csv_stream`` at once (small tables: templates, tests)."""
    return b"".join(csv_stream(headers, rows))


def _sheet_title(title: str) -> str:
    cleaned = _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip().strip("'")[:31].strip()
    return cleaned or "Export"


def _display_width(value: str | int | float) -> int:
    text = value if isinstance(value, str) else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _xlsx_cell(ws: Any, value: Any, font: Font | None = None) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = neutralise(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if font is not None:
        cell.font = font
    return cell


def xlsx_stream(
    headers: list[str],
    rows: Iterable[Sequence],
    sheet_title: str = "Export",
    right_to_left: bool = False,
    max_rows: int = XLSX_MAX_ROWS,
) -> Iterator[bytes]:
    """An XLSX workbook of one sheet (a bold header row, text always stored as text), in
    chunks: ``xlsx_workbook_stream`` of that sheet. More than ``max_rows`` rows raise
    ``TooManyRows`` before the first chunk."""
    return xlsx_workbook_stream(
        [WorkbookSheet(sheet_title, headers, rows)], right_to_left=right_to_left, max_rows=max_rows
    )


def xlsx_bytes(
    headers: list[str],
    rows: Iterable[Sequence],
    sheet_title: str = "Export",
    right_to_left: bool = False,
) -> bytes:
    """The whole of ``xlsx_stream`` at once (small tables: templates, tests)."""
    return b"".join(xlsx_stream(headers, rows, sheet_title, right_to_left))


class Percent(float):
    """A share between 0 and 1 that a workbook shows as a percentage (``xlsx_workbook_stream``)."""


class WorkbookSheet(NamedTuple):
    """One sheet of ``xlsx_workbook_stream``: its tab's title, a header row and the rows (any
    iterable, read as the sheet is written)."""

    title: str
    headers: list[str]
    rows: Iterable[Sequence]


def _xlsx_value_cell(ws: Any, value: Any) -> WriteOnlyCell:
    """A data cell: ``_xlsx_cell``, with numbers (not their text) for decimals and a percentage
    format for a ``Percent``."""
    cell = _xlsx_cell(ws, float(value) if isinstance(value, Decimal) else value)
    if isinstance(value, Percent):
        cell.number_format = "0%"
    return cell


def xlsx_workbook_stream(
    sheets: Iterable[WorkbookSheet | tuple[str, list[str], Iterable[Sequence]]],
    right_to_left: bool = False,
    max_rows: int = XLSX_MAX_ROWS,
) -> Iterator[bytes]:
    """An XLSX workbook of several sheets (each with a bold header row, text always stored as
    text, widths sized on the first rows), in chunks. The rows are read as they are written
    (openpyxl's write-only mode keeps them in a temporary file, not in memory; the finished
    file is then read back in chunks); a sheet of more than ``max_rows`` rows raises
    ``TooManyRows`` before the first chunk. Sheet titles are made valid and unique (a
    spreadsheet refuses two tabs of the same name)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    titles: set[str] = set()
    try:
        for title, headers, rows in sheets:
            unique, number = _sheet_title(title), 2
            while unique.lower() in titles:
                suffix = f" ({number})"
                unique, number = _sheet_title(title)[: 31 - len(suffix)] + suffix, number + 1
            titles.add(unique.lower())
            ws = wb.create_sheet(title=unique)
            ws.sheet_view.rightToLeft = right_to_left
            row_iter = iter(rows)
            sample = [list(row) for row in itertools.islice(row_iter, _WIDTH_SAMPLE_ROWS)]
            widths = [_display_width(neutralise(header)) for header in headers]
            for row in sample:
                for index, value in enumerate(row):
                    width = _display_width(neutralise(value))
                    if index < len(widths):
                        widths[index] = max(widths[index], width)
                    else:
                        widths.append(width)
            for index, width in enumerate(widths, start=1):
                letter = get_column_letter(index)
                ws.column_dimensions[letter].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
            ws.append([_xlsx_cell(ws, header, bold) for header in headers])
            for number, row in enumerate(itertools.chain(sample, row_iter), start=1):
                if number > max_rows:
                    raise TooManyRows(f"more than {max_rows} rows in {unique!r}")
                ws.append([_xlsx_value_cell(ws, value) for value in row])
    except TooManyRows:
        # The rows written so far are in openpyxl's temporary files: close and remove them.
        for ws in wb.worksheets:
            ws.close()
            ws._writer.cleanup()
        raise

    with tempfile.TemporaryFile() as file:
        wb.save(file)
        file.seek(0)
        while chunk := file.read(_CHUNK_SIZE):
            yield chunk


# --- import ---------------------------------------------------------------------------


def normalise_header(name: str) -> str:
    """A header as a key: stripped, lowercased, unaccented, spaces and hyphens as ``_``."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\ufeff", "").strip().lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\s\-]+", "_", plain)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TableError("unreadable", "The file is not valid UTF-16 text.") from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("unreadable", "The file is neither UTF-8 nor Windows-1252 text.")


def _csv_records(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise TableError("unreadable", "The file is not a text file.")
    yield from text_records(text)


def text_records(text: str, *, whole: bool = False) -> Iterator[list[str]]:
    """The rows of a CSV text, cut by the separator its first line (or, ``whole``, the whole
    text: lines typed in a form) uses most: comma, semicolon or tab."""
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=(text if whole else header_line).count)  # ties: comma
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise TableError("unreadable", f"The CSV file is malformed: {exc}") from exc


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _xlsx_records(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip, XML or openpyxl errors: all mean "not a workbook"
        raise TableError("unreadable", "The file is not a readable XLSX workbook.") from exc
    try:
        if not wb.worksheets:
            return
        try:
            for row in wb.worksheets[0].iter_rows(values_only=True):
                yield [_xlsx_text(value) for value in row]
        except Exception as exc:
            raise TableError("unreadable", "The XLSX workbook is damaged.") from exc
    finally:
        wb.close()


def read_records(filename: str, data: bytes, max_rows: int = 5000) -> list[list[str]]:
    """The rows of an uploaded CSV or XLSX file as lists of cells, in order (no header
    taken): for files read by position."""
    extension = PurePath(filename or "").suffix.lower()
    if extension not in (".csv", ".xlsx"):
        raise TableError("unsupported", "Only .csv and .xlsx files can be imported.")
    if not data or not data.strip():
        raise TableError("empty", "The file is empty.")
    records = _csv_records if extension == ".csv" else _xlsx_records
    rows = []
    for record in records(data):
        if len(rows) >= max_rows:
            raise TableError("too_many_rows", f"The file has more than {max_rows} rows.")
        rows.append([cell if isinstance(cell, str) else "" for cell in record])
    return rows


def read_table(filename: str, data: bytes, max_rows: int = 5000) -> list[dict[str, Any]]:
    """The data rows of an uploaded CSV or XLSX file, keyed by normalised header names."""
    extension = PurePath(filename or "").suffix.lower()
    if extension == ".csv":
        records = _csv_records
    elif extension == ".xlsx":
        records = _xlsx_records
    else:
        raise TableError("unsupported", "Only .csv and .xlsx files can be imported.")
    if not data or not data.strip():
        raise TableError("empty", "The file is empty.")

    keys: list[str | None] | None = None
    result: list[dict[str, Any]] = []
    for number, record in enumerate(records(data), start=1):
        cells = [cell.strip() if isinstance(cell, str) else "" for cell in record]
        if not any(cells):
            continue
        if keys is None:
            keys = _header_keys(cells)
            continue
        row: dict[str, Any] = {key: "" for key in keys if key is not None}
        for key, cell in zip(keys, cells, strict=False):
            if key is not None:
                row[key] = cell
        if not any(row.values()):
            continue
        if len(result) >= max_rows:
            raise TableError("too_many_rows", f"The file has more than {max_rows} data rows.")
        row["_row"] = number
        result.append(row)
    if keys is None or not result:
        raise TableError("empty", "The file has no data rows.")
    return result


def _header_keys(cells: list[str]) -> list[str | None]:
    """Normalised header names; blank headers are ignored, repeated ones numbered."""
    keys: list[str | None] = []
    seen: set[str] = set()
    for cell in cells:
        key = normalise_header(cell)
        if not key or key == "_row":
            keys.append(None)
            continue
        unique, suffix = key, 2
        while unique in seen:
            unique, suffix = f"{key}_{suffix}", suffix + 1
        seen.add(unique)
        keys.append(unique)
    return keys
