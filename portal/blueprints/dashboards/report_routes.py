"""The programme report of the dashboard's filters: a PDF drawn on the server and a workbook
of every table, in the request's language or the one asked for (``?lang=fr|ar``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.authz import P, permission_required
from portal.blueprints.dashboards import bp
from portal.downloads import XLSX_MIMETYPE
from portal.i18n import current_language
from portal.services import cockpit, pdf, tabular
from portal.services.cockpit import report as programme_report


def _language() -> str:
    """The language asked for (``lang``) when the portal speaks it, else the request's."""
    asked = request.args.get("lang", "")
    return asked if asked in current_app.config["LANGUAGES"] else current_language()


def _filters(today: date) -> cockpit.Filters:
    """The dashboard's filters; without a period, the last complete quarter."""
    args = request.args.to_dict()
    args.setdefault("period", cockpit.last_complete_quarter(today).key)
    return cockpit.filters_for(current_user, args, today)


def _attachment(period: cockpit.Period, language: str, extension: str) -> dict[str, str]:
    name = f"programme-report-{period.key}-{language}.{extension}"
    return {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}


@bp.route("/report.pdf")
@permission_required(P.VIEW_DASHBOARD)
def report_pdf():
    """The report as a PDF (A4, numbered pages; Arabic right to left)."""
    today, language = clock.today(), _language()
    filters = _filters(today)
    static = Path(current_app.static_folder or "")
    with force_locale(f"{language}_MA"):
        report = programme_report.quarterly_report(filters, today)
        html = render_template(
            "dashboards/report.html",
            report=report,
            tables=programme_report.tables(report),
            scope=programme_report.scope(report),
            cell=programme_report.cell_text,
        )
    try:
        body = pdf.html_to_pdf(html, static, [static / "css" / "report.css"])
    except pdf.PdfError:
        current_app.logger.exception("The programme report's PDF could not be drawn")
        flash(_("The PDF could not be drawn; try again later, or take the spreadsheet."), "danger")
        return redirect(url_for("dashboards.index", **filters.args()))
    return Response(
        body, mimetype="application/pdf", headers=_attachment(filters.period, language, "pdf")
    )


@bp.route("/report.xlsx")
@permission_required(P.VIEW_DASHBOARD)
def report_xlsx():
    """The report as a workbook: the filters, then a sheet per table, every running
    convention in its sheet (read as the workbook is written)."""
    today, language = clock.today(), _language()
    filters = _filters(today)
    with force_locale(f"{language}_MA"):
        report = programme_report.quarterly_report(filters, today, conventions=0)
        every = programme_report.running_conventions(filters, today)
        tables = [
            programme_report.scope_table(report),
            *programme_report.tables(report, conventions=every),
        ]
    sheets = [tabular.WorkbookSheet(t.sheet, t.headers, t.rows) for t in tables]

    def chunks() -> Iterator[bytes]:
        # The conventions are read as their sheet is written, when the body is sent.
        with force_locale(f"{language}_MA"):
            yield from tabular.xlsx_workbook_stream(sheets, right_to_left=language == "ar")

    return Response(
        stream_with_context(chunks()),
        mimetype=XLSX_MIMETYPE,
        headers=_attachment(filters.period, language, "xlsx"),
    )
