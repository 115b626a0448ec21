"""Attach, download and remove a convention's PDF documents; print its progress report;
export its milestones and indicators as XLSX.

Everything is loaded through ``scoped_conventions``: a convention the user may not open
answers 404, to anonymous users too, so that its existence does not leak.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import format_currency, format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.routing import BuildError

from portal import clock
from portal.authz import can_edit_convention, get_or_404, scoped_conventions
from portal.blueprints.convention_files import bp
from portal.blueprints.convention_files.forms import DocumentForm
from portal.downloads import stored_file_download
from portal.i18n import current_language
from portal.models import Convention, ConventionDocument, DocumentKind
from portal.services import convention_files
from portal.services.conventions import load_view
from portal.services.file_store import CONVENTION_DOCUMENTS

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def editor_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed in (else the login page) and allowed to edit conventions (else 403)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not can_edit_convention(current_user):
            abort(403)
        return view(*args, **kwargs)

    return login_required(wrapped)


def convention_or_404(convention_id: int) -> Convention:
    """A convention whose full page the current user may open, else 404."""
    return get_or_404(scoped_conventions(current_user).where(Convention.id == convention_id))


def document_or_404(convention: Convention, document_id: int) -> ConventionDocument:
    """A live document of this convention, else 404 (another convention's too)."""
    return get_or_404(
        select(ConventionDocument).where(
            ConventionDocument.id == document_id,
            ConventionDocument.convention_id == convention.id,
        )
    )


def documents_anchor(convention_id: int) -> str:
    """The documents section of the convention page."""
    try:
        return url_for("conventions.show", convention_id=convention_id, _anchor="documents")
    except BuildError:  # the convention pages are another blueprint; this one works alone too
        return url_for("convention_files.report", convention_id=convention_id)


@bp.app_context_processor
def document_form_factory() -> dict[str, Any]:
    """Lets the documents partial draw an empty upload form on any page that includes it."""
    return {"new_document_form": lambda: DocumentForm(formdata=None)}


@bp.route("/<int:convention_id>/documents", methods=["POST"])
@editor_required
def upload(convention_id: int):
    """Attach a PDF; a refused file is shown as an error on the form and nothing is kept."""
    convention = convention_or_404(convention_id)
    form = DocumentForm()
    if form.validate_on_submit():
        try:
            convention_files.store_document(
                convention,
                kind=DocumentKind(form.kind.data),
                title=form.title.data,
                filename=form.file.data.filename,
                stream=form.file.data.stream,
                uploader=current_user._get_current_object(),
                amendment_number=form.amendment_number.data,
            )
        except convention_files.DocumentRefused as error:
            form.file.errors.append(str(error))
        else:
            flash(_("The document is attached."), "success")
            return redirect(documents_anchor(convention.id))
    view = load_view(convention, clock.today())
    page = render_template(
        "conventions/_documents.html",
        documents_page=True,
        convention=convention,
        view=view,
        can_edit=True,
        document_form=form,
        back_url=documents_anchor(convention.id),
    )
    return page, 422


@bp.route("/<int:convention_id>/documents/<int:document_id>")
def download(convention_id: int, document_id: int):
    """The PDF, as an attachment, to those who may open the convention."""
    convention = convention_or_404(convention_id)
    document = document_or_404(convention, document_id)
    return stored_file_download(
        CONVENTION_DOCUMENTS,
        document.stored_name,
        mimetype="application/pdf",
        download_name=convention_files.download_name(document),
    )


@bp.route("/<int:convention_id>/documents/<int:document_id>/delete", methods=["POST"])
@editor_required
def delete(convention_id: int, document_id: int):
    """Remove a document from the convention (the row is marked deleted, the file kept)."""
    convention = convention_or_404(convention_id)
    document = document_or_404(convention, document_id)
    convention_files.delete_document(document)
    flash(_("The document %(title)s is removed.", title=document.title), "success")
    return redirect(documents_anchor(convention.id))


@bp.route("/<int:convention_id>/report")
def report(convention_id: int):
    """The printable progress report, in the user's language."""
    convention = convention_or_404(convention_id)
    today = clock.today()
    return render_template(
        "conventions/report.html",
        convention=convention,
        view=load_view(convention, today),
        today=today,
        format_currency=format_currency,
        format_percent=format_percent,
    )


@bp.route("/<int:convention_id>/export.xlsx")
def export_xlsx(convention_id: int):
    """One workbook: a sheet of milestones, one of commitments and one of indicators."""
    convention = convention_or_404(convention_id)
    view = load_view(convention, clock.today())
    body = convention_files.workbook_bytes(
        convention_files.progress_sheets(view), right_to_left=current_language() == "ar"
    )
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", convention.reference).strip("-") or str(convention.id)
    return Response(
        body,
        mimetype=XLSX_MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="convention-{name}.xlsx"'},
    )
