"""File downloads: staff exports (the same table as CSV, UTF-8 with BOM, or XLSX) and
stored files (documents, evidence, attachments) served to those a route let through."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import Response, abort, current_app, send_file, stream_with_context

from portal.i18n import current_language
from portal.services.file_store import FileStore
from portal.services.tabular import csv_stream, xlsx_stream

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(
    fmt: str, name: str, headers: list[str], rows: Iterable[Sequence], sheet_title: str = ""
) -> Response:
    """A table as ``name.csv`` or ``name.xlsx`` (right-to-left sheet for Arabic readers),
    streamed: ``rows`` may be a lazy iterator over a query (``yield_per``), read while the
    file is sent, so memory stays constant whatever the number of rows. Any other format
    answers 404."""
    if fmt == "csv":
        body, mimetype = csv_stream(headers, rows), "text/csv"
    elif fmt == "xlsx":
        body = xlsx_stream(
            headers,
            rows,
            sheet_title=sheet_title or name,
            right_to_left=current_language() == "ar",
        )
        mimetype = XLSX_MIMETYPE
    else:
        abort(404)
    return Response(
        stream_with_context(body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def stored_file_download(
    store: FileStore, name: str | None, *, mimetype: str, download_name: str
) -> Response:
    """A stored file as an attachment (never shown inline, never cached); 404 when its file is
    missing, which is logged: a record without its file is a fault of the store."""
    path = store.path(name)
    if path is None:
        current_app.logger.error("No file %r in the %s store", name, store.folder)
        abort(404)
    response = send_file(path, mimetype=mimetype, as_attachment=True, download_name=download_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
