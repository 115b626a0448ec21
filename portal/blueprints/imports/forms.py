"""Forms of the member import: the upload, then the confirmation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, SubmitField
from wtforms.validators import Regexp

from portal.forms import REQUIRED, required
from portal.services.import_store import TOKEN_PATTERN


class MemberImportForm(FlaskForm):
    """A CSV or XLSX table of member companies."""

    file = FileField(
        _l("File of member companies"),
        validators=[
            FileRequired(message=REQUIRED),
            FileAllowed(["csv", "xlsx"], message=_l("Only .csv and .xlsx files can be imported.")),
        ],
        description=_l(
            "A CSV (UTF-8) or XLSX file with one company per row and the columns of the "
            "template: name_fr, ice and region are required."
        ),
        render_kw={"accept": ".csv,.xlsx"},
    )
    submit = SubmitField(_l("Check the file"))


class ConfirmImportForm(FlaskForm):
    """Confirms the import of a file already checked and kept on the server."""

    token = HiddenField(validators=[required(), Regexp(TOKEN_PATTERN)])
    submit = SubmitField(_l("Confirm the import"))
