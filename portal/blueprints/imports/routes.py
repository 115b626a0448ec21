"""Upload a table of member companies, see the per-row report, confirm the import."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.authz import Permission, get_or_404, has_permission, led_ecosystem_ids
from portal.blueprints.imports import bp
from portal.blueprints.imports.forms import ConfirmImportForm, MemberImportForm
from portal.extensions import db
from portal.models import Ecosystem, Role
from portal.services import import_columns, import_invitations, import_store, member_import
from portal.services.tabular import TableError, csv_bytes, read_table

MAX_ROWS = 5000
# Why an uploaded table cannot be read, by TableError code (translated when shown).
TABLE_ERRORS = {
    "unsupported": lambda: _("Only .csv and .xlsx files can be imported."),
    "empty": lambda: _("The file has no data rows."),
    "too_many_rows": lambda: _(
        "The file has too many rows; split it into files of at most %(count)s rows.",
        count=MAX_ROWS,
    ),
    "unreadable": lambda: _(
        "The file could not be read. Save it as CSV (UTF-8) or XLSX and try again."
    ),
}


def members_manager_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed in (else the login page), federation staff or administrator (else 403)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not (
            has_permission(current_user, Permission.MANAGE_MEMBERS)
            or current_user.role == Role.ADMIN
        ):
            abort(403)
        return view(*args, **kwargs)

    return login_required(wrapped)


def managed_ecosystem_or_404(slug: str) -> Ecosystem:
    """The ecosystem, if the user's federation leads it (administrators: any), else 404."""
    statement = select(Ecosystem).where(Ecosystem.slug == slug)
    if current_user.role != Role.ADMIN:
        statement = statement.where(Ecosystem.id.in_(led_ecosystem_ids(current_user)))
    return get_or_404(statement)


@bp.route("/<slug>/import", methods=["GET", "POST"])
@members_manager_required
def upload(slug: str):
    """The upload form; a valid upload shows the per-row report, nothing written yet."""
    ecosystem = managed_ecosystem_or_404(slug)
    form = MemberImportForm()
    if form.validate_on_submit():
        upload_file = form.file.data
        data = upload_file.read()
        try:
            rows = read_table(upload_file.filename, data, max_rows=MAX_ROWS)
            report = member_import.validate(ecosystem, rows)
        except TableError as error:
            form.file.errors.append(TABLE_ERRORS.get(error.code, TABLE_ERRORS["unreadable"])())
        except member_import.ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            confirm_form = None
            if report.to_write or report.to_invite:
                confirm_form = ConfirmImportForm(formdata=None)
                confirm_form.token.data = import_store.store_upload(
                    upload_file.filename, data, current_user.id, ecosystem.id
                )
            return render_template(
                "imports/report.html",
                ecosystem=ecosystem,
                report=report,
                confirm_form=confirm_form,
                filename=upload_file.filename,
            )
    status = 422 if form.is_submitted() else 200
    return render_template("imports/upload.html", ecosystem=ecosystem, form=form), status


@bp.route("/<slug>/import/confirm", methods=["POST"])
@members_manager_required
def confirm(slug: str):
    """Re-read and re-check the kept file, write its valid rows, then forget the file."""
    ecosystem = managed_ecosystem_or_404(slug)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(404)
    token = form.token.data
    try:
        stored = import_store.load_upload(token, current_user.id, ecosystem.id)
    except import_store.StoredImportRefused:
        abort(404)
    except import_store.StoredImportNotFound:
        flash(
            _("This import was already confirmed or has expired; upload the file again."),
            "warning",
        )
        return redirect(url_for("imports.upload", slug=slug))
    try:
        report = member_import.validate(
            ecosystem, read_table(stored.filename, stored.data, max_rows=MAX_ROWS)
        )
    except (TableError, member_import.ImportFileError):
        import_store.discard_upload(token)
        flash(_("The file could not be read any more; upload it again."), "danger")
        return redirect(url_for("imports.upload", slug=slug))
    try:
        written = member_import.apply(ecosystem, report, current_user._get_current_object())
    except IntegrityError:
        # Another request wrote one of these companies between the check and the write.
        db.session.rollback()
        abort(409)
    # Only now, the import confirmed and written: the first users' invitations.
    invited = import_invitations.send(report.rows, current_user._get_current_object())
    import_store.discard_upload(token)
    if written or not invited:
        flash(
            ngettext("%(num)d company imported.", "%(num)d companies imported.", written),
            "success",
        )
    if invited:
        flash(
            ngettext(
                "%(num)d invitation sent to open a company's account.",
                "%(num)d invitations sent to open the companies' accounts.",
                invited,
            ),
            "success",
        )
    skipped = report.count(member_import.RowStatus.ERROR)
    if skipped:
        flash(
            ngettext(
                "%(num)d row was not imported because of errors.",
                "%(num)d rows were not imported because of errors.",
                skipped,
            ),
            "warning",
        )
    return redirect(url_for("imports.upload", slug=slug))


@bp.route("/<slug>/import/template.csv")
@members_manager_required
def template_csv(slug: str):
    """A CSV with the expected headers and one example row."""
    managed_ecosystem_or_404(slug)
    headers, example = zip(*import_columns.TEMPLATE_COLUMNS, strict=True)
    body = csv_bytes(list(headers), [example])
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="member-companies-template.csv"'},
    )
