"""Staff exports as file downloads: the same table as CSV (UTF-8 with BOM) or XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import Response, abort

from portal.i18n import current_language
from portal.services.tabular import csv_bytes, xlsx_bytes

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(
    fmt: str, name: str, headers: list[str], rows: Iterable[Sequence], sheet_title: str = ""
) -> Response:
    """A table as ``name.csv`` or ``name.xlsx`` (right-to-left sheet for Arabic readers);
    any other format answers 404."""
    if fmt == "csv":
        body, mimetype = csv_bytes(headers, rows), "text/csv"
    elif fmt == "xlsx":
        body = xlsx_bytes(
            headers,
            rows,
            sheet_title=sheet_title or name,
            right_to_left=current_language() == "ar",
        )
        mimetype = XLSX_MIMETYPE
    else:
        abort(404)
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
