"""Forms of the sign-in pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import Email, Length, Optional

from portal.blueprints.account.forms import LANGUAGE_CHOICES
from portal.blueprints.organisations.forms import region_choices, validate_ice_field
from portal.forms import REQUIRED, CodeField, NewPasswordMixin, OnceOnlyForm, required
from portal.models import InfrastructureType, OrganisationKind
from portal.services.onboarding import SIGNUP_KINDS


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(
        _l("E-mail address"),
        validators=[required(), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[required(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class PasswordResetRequestForm(FlaskForm):
    """The address to send a reset link to."""

    email = EmailField(
        _l("E-mail address"),
        validators=[
            required(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
        render_kw={"autocomplete": "email"},
    )
    submit = SubmitField(_l("Send me a link"))


class PasswordResetForm(NewPasswordMixin, FlaskForm):
    """A new password, from a reset link."""

    submit = SubmitField(_l("Save the new password"))


class SignUpForm(OnceOnlyForm, NewPasswordMixin, FlaskForm):
    """A new organisation and its first user."""

    kind = RadioField(_l("Your organisation is"), validators=[required()])
    name_fr = StringField(
        _l("Name of the organisation in French"), validators=[required(), Length(max=200)]
    )
    name_ar = StringField(
        _l("Name of the organisation in Arabic"),
        validators=[required(), Length(max=200)],
        render_kw={"dir": "rtl", "lang": "ar"},
    )
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=40)])
    ice = CodeField(
        _l("ICE (common company identifier)"),
        validators=[Optional(), validate_ice_field],
        description=_l("Companies only: 15 digits, as on the ICE certificate."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    infrastructure_type = SelectField(_l("Type of body"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[required()])
    city = StringField(_l("City"), validators=[required(), Length(max=100)])
    full_name = StringField(
        _l("Your full name"),
        validators=[required(), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        _l("Your e-mail address"),
        validators=[
            required(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
        render_kw={"autocomplete": "email"},
    )
    preferred_locale = RadioField(
        _l("Language of the portal and of e-mails"),
        choices=LANGUAGE_CHOICES,
        validators=[required()],
    )
    submit = SubmitField(_l("Create the account"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k.value, k.label) for k in SIGNUP_KINDS]
        self.region.choices = region_choices()
        self.infrastructure_type.choices = [("", "—")] + [
            (t.value, t.label) for t in InfrastructureType
        ]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.kind.data == OrganisationKind.SME.value and not self.ice.data:
            self.ice.errors = [*self.ice.errors, str(REQUIRED)]
            ok = False
        if (
            self.kind.data == OrganisationKind.INFRASTRUCTURE.value
            and not self.infrastructure_type.data
        ):
            self.infrastructure_type.errors = [*self.infrastructure_type.errors, str(REQUIRED)]
            ok = False
        return ok


class ResendConfirmationForm(FlaskForm):
    """The address to send the confirmation link to again."""

    email = EmailField(_l("E-mail address"), validators=[required(), Length(max=254)])


class InvitationForm(OnceOnlyForm, NewPasswordMixin, FlaskForm):
    """An invited colleague chooses a name, a language and a password."""

    full_name = StringField(
        _l("Full name"),
        validators=[required(), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    preferred_locale = RadioField(
        _l("Language of the portal and of e-mails"),
        choices=LANGUAGE_CHOICES,
        validators=[required()],
    )
    submit = SubmitField(_l("Create my account"))
