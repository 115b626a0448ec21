"""Forms of the ecosystem pages: the ecosystem, decisions on memberships, the member import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional, Regexp

from portal.forms import REQUIRED, OnceOnlyForm, VersionField, required
from portal.models import EcosystemStatus
from portal.services.ecosystems.import_store import TOKEN_PATTERN


class EcosystemForm(OnceOnlyForm, FlaskForm):
    """An ecosystem's bilingual description and its lead federation."""

    name_fr = StringField(_l("Name in French"), validators=[required(), Length(max=200)])
    name_ar = StringField(
        _l("Name in Arabic"),
        validators=[required(), Length(max=200)],
        render_kw={"dir": "rtl", "lang": "ar"},
    )
    slug = StringField(
        _l("Short name in addresses"),
        validators=[
            required(),
            Length(min=3, max=60),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                message=_l("Use lowercase letters, digits and hyphens, e.g. automobile."),
            ),
        ],
        description=_l("Appears in the page's address, e.g. /ecosystems/automobile."),
    )
    sector_fr = StringField(_l("Sector in French"), validators=[required(), Length(max=120)])
    sector_ar = StringField(
        _l("Sector in Arabic"),
        validators=[required(), Length(max=120)],
        render_kw={"dir": "rtl", "lang": "ar"},
    )
    description_fr = TextAreaField(_l("Description in French"), validators=[Length(max=5000)])
    description_ar = TextAreaField(
        _l("Description in Arabic"),
        validators=[Length(max=5000)],
        render_kw={"dir": "rtl", "lang": "ar"},
    )
    lead_federation_id = SelectField(_l("Lead federation"), coerce=int, validators=[required()])
    launch_date = DateField(_l("Launch date"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[required()])
    version = VersionField()

    def __init__(self, *args, federations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.status.choices = [(s.value, s.label) for s in EcosystemStatus]
        self.lead_federation_id.choices = [(f.id, f.acronym or f.name_fr) for f in federations]


class DecisionForm(FlaskForm):
    """A federation's decision on a membership, with its reason."""

    decision = HiddenField(validators=[required()])
    reason = TextAreaField(_l("Reason (shown to the organisation)"), validators=[Length(max=2000)])


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
