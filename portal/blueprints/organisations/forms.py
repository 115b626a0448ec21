"""Forms of the organisation pages; fields follow the kind of organisation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import Email, Length, Optional, ValidationError

from portal.forms import (
    INVALID_CHOICE,
    CheckboxListField,
    CodeField,
    OnceOnlyForm,
    VersionField,
    required,
)
from portal.models import (
    AccreditationStandard,
    HeadcountBand,
    InfrastructureType,
    InstituteType,
    LegalForm,
    OrganisationKind,
    PublicBodyType,
    is_valid_ice,
)
from portal.models.reference import REGIONS

AR = {"dir": "rtl", "lang": "ar"}
OPTIONAL_EMAIL = [
    Optional(),
    Length(max=254),
    Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
]


def _choices(enum_cls, blank: bool = True) -> list[tuple[str, str]]:
    options = [(member.value, member.label) for member in enum_cls]
    return [("", "—"), *options] if blank else options


def region_choices() -> list[tuple[str, str]]:
    """The 12 regions, labelled in the current language."""
    return [(code, str(label)) for code, label in REGIONS.items()]


def validate_ice_field(_form, field) -> None:
    """An ICE: 15 digits whose control digits match."""
    if field.data and not is_valid_ice(field.data):
        raise ValidationError(
            _l("This ICE is not valid: 15 digits whose last two are a control key.")
        )


KIND_FIELDS = {
    OrganisationKind.SME: {
        "ice",
        "rc",
        "if_number",
        "legal_form",
        "headcount_band",
        "activity_fr",
        "activity_ar",
    },
    OrganisationKind.INSTITUTE: {"institute_type", "domains_fr", "domains_ar"},
    OrganisationKind.INFRASTRUCTURE: {"infrastructure_type"},
    OrganisationKind.PUBLIC_BODY: {"public_body_type"},
    OrganisationKind.RESEARCH_CENTRE: {"domains_fr", "domains_ar"},
}
ALL_KIND_FIELDS = set().union(*KIND_FIELDS.values())


class OrganisationForm(FlaskForm):
    """An organisation's profile; the fields of other kinds are removed at construction."""

    name_fr = StringField(_l("Name in French"), validators=[required(), Length(max=200)])
    name_ar = StringField(
        _l("Name in Arabic"), validators=[required(), Length(max=200)], render_kw=AR
    )
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=40)])
    region = SelectField(_l("Region"), validators=[required()])
    city = StringField(_l("City"), validators=[required(), Length(max=100)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    email = EmailField(_l("E-mail address"), validators=OPTIONAL_EMAIL)
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=40)])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=300)])
    ice = CodeField(
        _l("ICE (common company identifier)"),
        validators=[required(), validate_ice_field],
        description=_l("15 digits, as on the ICE certificate."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    rc = CodeField(_l("RC (trade register number)"), validators=[Optional(), Length(max=40)])
    if_number = CodeField(_l("IF (tax identifier)"), validators=[Optional(), Length(max=40)])
    legal_form = SelectField(_l("Legal form"), validators=[Optional()])
    headcount_band = SelectField(_l("Size"), validators=[Optional()])
    activity_fr = StringField(_l("Activity in French"), validators=[Optional(), Length(max=300)])
    activity_ar = StringField(
        _l("Activity in Arabic"), validators=[Optional(), Length(max=300)], render_kw=AR
    )
    institute_type = SelectField(_l("Type of institute"), validators=[Optional()])
    domains_fr = TextAreaField(
        _l("Training domains in French"), validators=[Optional(), Length(max=3000)]
    )
    domains_ar = TextAreaField(
        _l("Training domains in Arabic"), validators=[Optional(), Length(max=3000)], render_kw=AR
    )
    infrastructure_type = SelectField(_l("Type of body"), validators=[required()])
    public_body_type = SelectField(_l("Type of public body"), validators=[Optional()])
    version = VersionField()

    def __init__(self, *args, kind: OrganisationKind, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ALL_KIND_FIELDS - KIND_FIELDS.get(kind, set()):
            delattr(self, name)
        self.region.choices = region_choices()
        choices = {
            "legal_form": _choices(LegalForm),
            "headcount_band": _choices(HeadcountBand),
            "institute_type": _choices(InstituteType),
            "infrastructure_type": _choices(InfrastructureType, blank=False),
            "public_body_type": _choices(PublicBodyType),
        }
        for name, options in choices.items():
            if getattr(self, name, None) is not None:
                getattr(self, name).choices = options

    def changes(self) -> dict:
        """The submitted values, typed as the model wants them."""
        enums = {
            "legal_form": LegalForm,
            "headcount_band": HeadcountBand,
            "institute_type": InstituteType,
            "infrastructure_type": InfrastructureType,
            "public_body_type": PublicBodyType,
        }
        values = {}
        for field in self:
            if field.name in ("csrf_token", "version"):
                continue
            value = field.data.strip() if isinstance(field.data, str) else field.data
            if field.name in enums:
                value = enums[field.name](value) if value else None
            elif value == "" and field.name not in ("name_fr", "name_ar", "city"):
                value = None
            values[field.name] = value
        if values.get("ice"):
            values["ice"] = "".join(ch for ch in values["ice"] if ch.isdigit())
        return values


class AccreditationForm(OnceOnlyForm, FlaskForm):
    """One accreditation of an infrastructure body."""

    standard = SelectField(_l("Reference standard"), validators=[required()])
    certificate_number = CodeField(
        _l("Accreditation number"), validators=[required(), Length(max=80)]
    )
    accrediting_body_id = SelectField(_l("Accrediting body"), coerce=int, validators=[Optional()])
    accrediting_body_name = StringField(
        _l("Accrediting body (name)"),
        validators=[Optional(), Length(max=200)],
        description=_l("When the accrediting body is not on the portal (e.g. COFRAC, DAkkS)."),
    )
    scope_fr = TextAreaField(_l("Scope in French"), validators=[Optional(), Length(max=3000)])
    scope_ar = TextAreaField(
        _l("Scope in Arabic"), validators=[Optional(), Length(max=3000)], render_kw=AR
    )
    valid_from = DateField(_l("Valid from"), validators=[Optional()])
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    offer_ids = CheckboxListField(
        _l("Catalogue entries it covers"),
        coerce=int,
        validators=[Optional()],
        invalid_choice_message=INVALID_CHOICE,
    )
    version = VersionField()

    def __init__(self, *args, bodies=(), offers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offer_ids.choices = [
            (offer.id, f"{offer.kind.label} — {offer.field.label}") for offer in offers
        ]
        self.standard.choices = _choices(AccreditationStandard, blank=False)
        self.accrediting_body_id.choices = [
            (0, "—"),
            *[(b.id, b.acronym or b.name_fr) for b in bodies],
        ]


class InviteForm(OnceOnlyForm, FlaskForm):
    """Invite a colleague by e-mail."""

    full_name = StringField(_l("Full name"), validators=[required(), Length(max=200)])
    email = EmailField(
        _l("E-mail address"),
        validators=[
            required(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
    )
    is_org_admin = BooleanField(_l("May also invite and deactivate colleagues"))


class FirstUserForm(OnceOnlyForm, FlaskForm):
    """Invite the first user of an organisation that has no account yet."""

    email = EmailField(
        _l("E-mail address"),
        validators=[
            required(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
        description=_l("The invitation is sent there; the link works once, for seven days."),
    )
    full_name = StringField(
        _l("Full name"),
        validators=[Optional(), Length(max=200)],
        description=_l("Optional: the invitee may write or correct it when accepting."),
    )
