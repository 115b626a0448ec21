"""Forms of the sign-in pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SubmitField
from wtforms.validators import Email, Length

from portal.forms import NewPasswordMixin, required


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
