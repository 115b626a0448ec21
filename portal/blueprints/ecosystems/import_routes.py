"""Import member companies into an ecosystem: upload a table, see the per-row report, confirm."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.authz import P, members_ecosystem_or_404, permission_required
from portal.blueprints import signed_in_user
from portal.blueprints.ecosystems import bp
from portal.blueprints.ecosystems.forms import ConfirmImportForm, MemberImportForm
from portal.downloads import table_download
from portal.services.ecosystems import import_columns, import_store, member_import
from portal.services.tabular import TableError

# Why an uploaded table cannot be read, by TableError code (translated when shown).
TABLE_ERRORS = {
    "unsupported": lambda: _("Only .csv and .xlsx files can be imported."),
    "empty": lambda: _("The file has no data rows."),
    "too_many_rows": lambda: _(
        "The file has too many rows; split it into files of at most %(count)s rows.",
        count=member_import.MAX_ROWS,
    ),
    "unreadable": lambda: _(
        "The file could not be read. Save it as CSV (UTF-8) or XLSX and try again."
    ),
}


@bp.route("/<slug>/import", methods=["GET", "POST"])
@permission_required(P.MANAGE_MEMBERS)
def import_members(slug: str):
    """The upload form; a valid upload shows the per-row report, nothing written yet."""
    user = signed_in_user()
    ecosystem = members_ecosystem_or_404(user, slug, manage=True)
    form = MemberImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            checked = member_import.check_upload(ecosystem, upload.filename, upload.read(), user.id)
        except TableError as error:
            form.file.errors.append(TABLE_ERRORS.get(error.code, TABLE_ERRORS["unreadable"])())
        except member_import.ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            confirm_form = None
            if checked.token is not None:
                confirm_form = ConfirmImportForm(formdata=None)
                confirm_form.token.data = checked.token
            return render_template(
                "ecosystems/import_report.html",
                ecosystem=ecosystem,
                report=checked.report,
                confirm_form=confirm_form,
                filename=upload.filename,
            )
    status = 422 if form.is_submitted() else 200
    return render_template("ecosystems/import_upload.html", ecosystem=ecosystem, form=form), status


@bp.route("/<slug>/import/confirm", methods=["POST"])
@permission_required(P.MANAGE_MEMBERS)
def confirm_import(slug: str):
    """Write the valid rows of the file checked before, and send the planned invitations."""
    user = signed_in_user()
    ecosystem = members_ecosystem_or_404(user, slug, manage=True)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(404)
    try:
        result = member_import.confirm_import(ecosystem, form.token.data, user)
    except import_store.StoredImportRefused:
        abort(404)
    except import_store.StoredImportNotFound:
        flash(
            _("This import was already confirmed or has expired; upload the file again."),
            "warning",
        )
        return redirect(url_for("ecosystems.import_members", slug=slug))
    except member_import.UnreadableImport:
        flash(_("The file could not be read any more; upload it again."), "danger")
        return redirect(url_for("ecosystems.import_members", slug=slug))
    except member_import.ImportConflict:
        abort(409)
    _flash_result(result)
    return redirect(url_for("ecosystems.import_members", slug=slug))


def _flash_result(result: member_import.ImportResult) -> None:
    if result.written or not result.invited:
        flash(
            ngettext("%(num)d company imported.", "%(num)d companies imported.", result.written),
            "success",
        )
    if result.invited:
        flash(
            ngettext(
                "%(num)d invitation sent to open a company's account.",
                "%(num)d invitations sent to open the companies' accounts.",
                result.invited,
            ),
            "success",
        )
    if result.skipped:
        flash(
            ngettext(
                "%(num)d row was not imported because of errors.",
                "%(num)d rows were not imported because of errors.",
                result.skipped,
            ),
            "warning",
        )


@bp.route("/<slug>/import/template.csv")
@permission_required(P.MANAGE_MEMBERS)
def import_template(slug: str):
    """A CSV with the expected headers and one example row."""
    members_ecosystem_or_404(signed_in_user(), slug, manage=True)
    headers, example = zip(*import_columns.TEMPLATE_COLUMNS, strict=True)
    return table_download("csv", "member-companies-template", list(headers), [example])
