"""A convention's files: attaching, downloading and removing its PDF documents, its printable
progress report and its XLSX export.

Everything is loaded through the user's scope of conventions: a convention the user may not
open answers 404, to anonymous users too (hence ``public`` on the reading routes), so that its
existence does not leak.
"""

from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import format_currency, format_percent
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.authz import P, permission_required, public
from portal.authz.conventions import convention_or_404, document_or_404
from portal.blueprints import signed_in_user
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.forms import DocumentForm, PeriodForm
from portal.downloads import XLSX_MIMETYPE, stored_file_download
from portal.i18n import current_language
from portal.models import Convention, DocumentKind
from portal.services import conventions as service
from portal.services.file_store import CONVENTION_DOCUMENTS


def _documents_url(convention_id: int) -> str:
    return url_for("conventions.show", convention_id=convention_id, _anchor="documents")


def _refused_upload(convention: Convention, form: DocumentForm) -> str:
    """The documents of the convention as a page of their own, the refused form with its
    errors beside them."""
    return render_template(
        "conventions/_documents.html",
        documents_page=True,
        convention=convention,
        view=service.load_view(convention, clock.today()),
        can_edit=True,
        document_form=form,
        back_url=_documents_url(convention.id),
    )


@bp.route("/<int:convention_id>/documents", methods=["POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def upload_document(convention_id: int):
    """Attach a PDF; a refused file is shown as an error on the form and nothing is kept."""
    convention = convention_or_404(current_user, convention_id)
    form = DocumentForm()
    if form.validate_on_submit():
        try:
            service.store_document(
                convention,
                kind=DocumentKind(form.kind.data),
                title=form.title.data,
                filename=form.file.data.filename,
                stream=form.file.data.stream,
                uploader=signed_in_user(),
                amendment_number=form.amendment_number.data,
            )
        except service.DocumentRefused as error:
            form.file.errors.append(str(error))
        else:
            flash(_("The document is attached."), "success")
            return redirect(_documents_url(convention.id))
    return _refused_upload(convention, form), 422


@bp.route("/<int:convention_id>/documents/<int:document_id>")
@public
def download_document(convention_id: int, document_id: int):
    """The PDF, as an attachment, to those who may open the convention."""
    convention = convention_or_404(current_user, convention_id)
    document = document_or_404(convention, document_id)
    return stored_file_download(
        CONVENTION_DOCUMENTS,
        document.stored_name,
        mimetype="application/pdf",
        download_name=service.download_name(document),
    )


@bp.route("/<int:convention_id>/documents/<int:document_id>/delete", methods=["POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def delete_document(convention_id: int, document_id: int):
    """Remove a document from the convention (the row is marked deleted, the file kept)."""
    convention = convention_or_404(current_user, convention_id)
    document = document_or_404(convention, document_id)
    service.delete_document(document)
    flash(_("The document %(title)s is removed.", title=document.title), "success")
    return redirect(_documents_url(convention.id))


@bp.route("/<int:convention_id>/report")
@public
def report(convention_id: int):
    """The printable progress report, in the user's language: the convention as it stands,
    and what happened in a chosen period (by default since it took effect)."""
    convention = convention_or_404(current_user, convention_id)
    today = clock.today()
    view = service.load_view(convention, today)
    default_start = convention.effective_from or convention.signed_on or today
    start = _day(request.args.get("start"))
    end = _day(request.args.get("end"))
    refused = bool(
        (request.args.get("start") and start is None)
        or (request.args.get("end") and end is None)
        or (start and end and start > end)
    )
    if refused:
        start = end = None
    start, end = start or min(default_start, end or today), end or today
    return render_template(
        "conventions/report.html",
        convention=convention,
        view=view,
        period=service.period_summary(view, start, end),
        period_form=PeriodForm(formdata=None, data={"start": start, "end": end}),
        period_refused=refused,
        today=today,
        format_currency=format_currency,
        format_percent=format_percent,
    )


def _day(value: str | None) -> date | None:
    """A day written YYYY-MM-DD (the date inputs' format), or None."""
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


@bp.route("/<int:convention_id>/export.xlsx")
@public
def export_xlsx(convention_id: int):
    """One workbook: a sheet of milestones, one of commitments and one of indicators."""
    convention = convention_or_404(current_user, convention_id)
    body = service.progress_workbook(
        convention, clock.today(), right_to_left=current_language() == "ar"
    )
    disposition = f'attachment; filename="{service.export_name(convention)}"'
    return Response(body, mimetype=XLSX_MIMETYPE, headers={"Content-Disposition": disposition})
