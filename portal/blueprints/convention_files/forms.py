"""The form that attaches a PDF document to a convention."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length

from portal.forms import REQUIRED, OnceOnlyForm, WholeNumberField, required
from portal.models import DocumentKind
from portal.services.convention_files import MAX_DOCUMENT_BYTES


def _kind_choices() -> list[tuple[str, str]]:
    # Evidence is attached when a milestone is marked done, not from this form.
    return [(kind.value, kind.label) for kind in DocumentKind if kind != DocumentKind.EVIDENCE]


class DocumentForm(OnceOnlyForm, FlaskForm):
    """A signed convention, amendment or annex, as a PDF."""

    # Ids of their own: the convention page around this form has other forms with titles.
    kind = SelectField(
        _l("Kind of document"),
        choices=_kind_choices,
        validators=[required()],
        id="document-kind",
    )
    title = StringField(_l("Title"), validators=[required(), Length(max=200)], id="document-title")
    amendment_number = WholeNumberField(
        _l("Amendment number"),
        minimum=1,
        maximum=999,
        description=_l("For a signed amendment: its number (1 for the first amendment)."),
        id="document-amendment-number",
    )
    file = FileField(
        _l("PDF file"),
        validators=[
            FileRequired(message=REQUIRED),
            FileAllowed(["pdf"], message=_l("Only PDF files are accepted.")),
        ],
        description=_l("A PDF of at most %(size)s MB.", size=MAX_DOCUMENT_BYTES // (1024 * 1024)),
        render_kw={"accept": ".pdf,application/pdf"},
        id="document-file",
    )
    submit = SubmitField(_l("Attach the document"))
