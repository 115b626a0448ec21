"""Forms of the account pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, SelectChoice, StringField, SubmitField
from wtforms.validators import Length

from portal.forms import (
    INVALID_CHOICE,
    CheckboxListField,
    NewPasswordMixin,
    VersionField,
    required,
)
from portal.services.notifications import MAIL_GROUPS

LANGUAGE_CHOICES = [
    SelectChoice("fr", "Français", render_kw={"lang": "fr"}),
    SelectChoice("ar", "العربية", render_kw={"lang": "ar"}),
]


class ProfileForm(FlaskForm):
    """Name and preferred language."""

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
    mail_groups = CheckboxListField(
        _l("Notifications also sent to my e-mail address"),
        choices=lambda: list(MAIL_GROUPS.items()),
        invalid_choice_message=INVALID_CHOICE,
        description=_l("Every notification stays in the portal; unticked ones are not e-mailed."),
    )
    version = VersionField()
    submit = SubmitField(_l("Save"))


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    """The current password, then a new one twice."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[required()],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Change the password"))


class LanguageForm(FlaskForm):
    """The language switcher in the header."""

    language = RadioField(choices=LANGUAGE_CHOICES, validators=[required()])
