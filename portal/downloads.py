"""File downloads: staff exports (the same table as CSV, UTF-8 with BOM, or XLSX) and
stored files (documents, evidence, attachments) served to those a route let through."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)

from portal.i18n import current_language
from portal.services import tabular
from portal.services.attachments import download_name, mimetype_of
from portal.services.file_store import FileStore
from portal.services.tabular import TooManyRows, csv_stream, xlsx_stream

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(
    fmt: str, name: str, headers: list[str], rows: Iterable[Sequence], sheet_title: str = ""
) -> Response:
    """A table as ``name.csv`` or ``name.xlsx`` (right-to-left sheet for Arabic readers),
    streamed: ``rows`` may be a lazy iterator over a query (``yield_per``), read while the
    file is sent, so memory stays constant whatever the number of rows. Any other format
    answers 404. An XLSX is written whole (in a temporary file) before it is sent: a table of
    more than ``tabular.XLSX_MAX_ROWS`` rows answers a page that says so and offers the CSV."""
    if fmt == "csv":
        body, mimetype = csv_stream(headers, rows), "text/csv"
    elif fmt == "xlsx":
        body = xlsx_stream(
            headers,
            rows,
            sheet_title=sheet_title or name,
            right_to_left=current_language() == "ar",
            max_rows=tabular.XLSX_MAX_ROWS,
        )
        try:
            first = next(body)
        except TooManyRows:
            return _too_many_rows()
        body = itertools.chain([first], body)
        mimetype = XLSX_MIMETYPE
    else:
        abort(404)
    return Response(
        stream_with_context(body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _too_many_rows() -> tuple[str, int]:
    """The page of an XLSX export refused for its size: the same list as CSV, or fewer rows."""
    args = {**request.args.to_dict(), **(request.view_args or {}), "fmt": "csv"}
    page = render_template(
        "errors/too_many_rows.html",
        limit=tabular.XLSX_MAX_ROWS,
        csv_url=url_for(request.endpoint, **args),
    )
    return page, 422


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


def attachment_download(store: FileStore, attachment: Any) -> Response:
    """An attached file (a request's, a complaint's) under its original name, cleaned, with
    the type its checked extension says (services/attachments.py)."""
    return stored_file_download(
        store,
        attachment.stored_name,
        mimetype=mimetype_of(attachment),
        download_name=download_name(attachment),
    )
