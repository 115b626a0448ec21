"""Form pieces shared by several blueprints."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, PasswordField, StringField
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, EqualTo, ValidationError
from wtforms.widgets import ListWidget, Select

# i18n: shown under a form field left empty
REQUIRED = _l("This field is required.")


def required() -> DataRequired:
    """A DataRequired validator with the portal's translated message."""
    return DataRequired(message=REQUIRED)


class VersionField(HiddenField):
    """The version of the record the form was opened on (optimistic lock).

    Only the submitted value counts: a request without it must not borrow the record's
    current version and slip past the check.
    """

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        super().process(formdata, unset_value, extra_filters)


class NewPasswordMixin:
    """A new password typed twice, checked against the password policy."""

    new_password = PasswordField(
        _l("New password"),
        validators=[required()],
        description=_l("At least 12 characters; a sentence of several words is easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("Repeat the new password"),
        validators=[
            required(),
            EqualTo("new_password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )

    # Set by the view before validation so the policy can compare with the account.
    policy_email: str = ""
    policy_name: str = ""

    def validate_new_password(self, field: Field) -> None:
        from portal.services.passwords import password_problems

        problems = password_problems(
            field.data or "", email=self.policy_email, full_name=self.policy_name
        )
        if problems:
            raise ValidationError(" ".join(problems))


# --- how the field macro (templates/_macros/forms.html) draws a field -----------------------

# Inputs written left to right in both languages: e-mail and web addresses, phone numbers.
LEFT_TO_RIGHT_INPUT_TYPES = frozenset({"email", "tel", "url"})


class CodeField(StringField):
    """A code or identifier (ICE, RC, IF, a reference, a certificate number): typed and shown
    left to right on Arabic pages too, where a right-to-left input would garble it."""

    left_to_right = True


def writes_left_to_right(field: Field) -> bool:
    """Whether the field's input gets ``dir="ltr"``: codes, e-mail and web addresses, phones."""
    if getattr(field, "left_to_right", False):
        return True
    return getattr(field.widget, "input_type", None) in LEFT_TO_RIGHT_INPUT_TYPES


def field_kind(field: Field) -> str:
    """What Bootstrap markup a field needs: "radios" or "checkboxes" (a fieldset of
    form-check options), "checkbox" (one form-check), "select" (form-select) or "input"
    (form-control: text, number, date, file inputs and text areas)."""
    widget = field.widget
    if isinstance(widget, ListWidget):
        option_type = getattr(getattr(field, "option_widget", None), "input_type", "radio")
        return "checkboxes" if option_type == "checkbox" else "radios"
    if isinstance(widget, Select):
        return "select"
    if getattr(widget, "input_type", None) == "checkbox":
        return "checkbox"
    return "input"
