"""Form pieces shared by several blueprints."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import (
    DecimalField,
    Field,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectMultipleField,
    StringField,
)
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget, Select

from portal.bounds import INT_MAX, INT_MIN, numeric_largest, parse_int

# i18n: shown under a form field left empty
REQUIRED = _l("This field is required.")
# i18n: shown under a number field whose value is out of range; %(min)s and %(max)s are numbers
WHOLE_NUMBER_BETWEEN = _l("Enter a whole number between %(min)s and %(max)s.")
# i18n: shown under a decimal number field whose value is out of range
NUMBER_BETWEEN = _l("Enter a number between %(min)s and %(max)s.")
# i18n: shown under a list of checkboxes when a submitted value is not one of them
INVALID_CHOICE = _l("Choose among the options shown.")
# NUMERIC(14, 2), the amounts and indicator values of conventions: 999,999,999,999.99.
LARGEST_AMOUNT = numeric_largest(14, 2)


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


class WholeNumberField(IntegerField):
    """A whole number from ``minimum`` to ``maximum``, never past what an INTEGER column holds.

    The portal's only integer field (a test refuses a bare IntegerField in any form): a value
    out of range is refused with a translated message instead of reaching the database.
    """

    def __init__(
        self,
        label: Any = None,
        validators: list | None = None,
        *,
        minimum: int = 0,
        maximum: int = INT_MAX,
        needed: bool = False,
        message: Any = None,
        **kwargs: Any,
    ) -> None:
        self.minimum = max(minimum, INT_MIN)
        self.maximum = min(maximum, INT_MAX)
        first = InputRequired(message=REQUIRED) if needed else Optional()
        bounds = NumberRange(
            min=self.minimum, max=self.maximum, message=message or WHOLE_NUMBER_BETWEEN
        )
        super().__init__(label, [first, *(validators or []), bounds], **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        number = parse_int(valuelist[0])
        if number is None:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        self.data = number


class LocalDecimalField(DecimalField):
    """A decimal typed the French way too ("1 250,5" reads as 1250.5), kept to two places and
    within ``minimum``..``maximum`` (by default what a NUMERIC(14, 2) column holds)."""

    def __init__(
        self,
        label: Any = None,
        validators: list | None = None,
        *,
        minimum: Decimal = -LARGEST_AMOUNT,
        maximum: Decimal = LARGEST_AMOUNT,
        needed: bool = False,
        message: Any = None,
        **kwargs: Any,
    ) -> None:
        self.minimum, self.maximum = minimum, maximum
        first = InputRequired(message=REQUIRED) if needed else Optional()
        bounds = NumberRange(min=minimum, max=maximum, message=message or NUMBER_BETWEEN)
        super().__init__(label, [first, *(validators or []), bounds], **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = "".join(valuelist[0].split()).replace("\u202f", "").replace(",", ".")
        try:
            number = Decimal(text)
            # "NaN" and "Infinity" are decimals to Python, not amounts (and NaN cannot be
            # compared with the bounds); more than 28 digits cannot be kept to two places.
            if not number.is_finite() or len(text) > 40:
                raise InvalidOperation
            self.data = number.quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value.")) from None


# --- one record per submission -----------------------------------------------------------------

# The hidden input carrying a form's one-time token; its name is never prefixed, so a form
# shown with a prefix (one per row of a page) and a hand-written form read it the same way.
SUBMISSION_FIELD = "submission_token"
# i18n: shown after a form was sent a second time (a double click): the first one was saved
ALREADY_SENT = _l("This form was already sent; nothing was saved twice.")


def submission_token_input() -> Markup:
    """The hidden input of a fresh one-time token, for a form written by hand in a template
    (forms of a OnceOnlyForm class render it with ``hidden_tag()``)."""
    from portal.fragments import ONCE_PLACEHOLDER, keeping
    from portal.services.submissions import new_token

    token = ONCE_PLACEHOLDER if keeping() else new_token()  # a kept part gets fresh ones
    return Markup('<input type="hidden" name="{}" value="{}">').format(SUBMISSION_FIELD, token)


class OnceOnlyForm:
    """Mixin (before FlaskForm) for a form that creates a record: sent twice, it creates one.

    ``hidden_tag()`` renders a fresh one-time token with the CSRF token; a submission that
    validates claims it in the request's transaction (services.submissions.claim), and a
    second submission of the same token raises DuplicateSubmission, which answers by taking
    the user where the first one did, with ALREADY_SENT (see register_once_only).
    """

    def hidden_tag(self, *fields: Any) -> Markup:
        return super().hidden_tag(*fields) + submission_token_input()  # type: ignore[misc]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[misc]
        if valid and self.is_submitted():  # type: ignore[attr-defined]
            from flask import g, request

            from portal.services.submissions import claim

            submission = claim(request.form.get(SUBMISSION_FIELD))
            if submission is not None:
                g.form_submission = submission
        return valid


def register_once_only(app: Any) -> None:
    """Answer a second submission of a form, and give templates the token input."""
    from flask import flash, redirect, request, url_for

    from portal.extensions import db
    from portal.services.submissions import DuplicateSubmission
    from portal.urls import is_safe_next

    app.add_template_global(submission_token_input, "submission_token_input")

    @app.errorhandler(DuplicateSubmission)
    def already_sent(error: DuplicateSubmission) -> Any:
        # Nothing of this request is kept; the first submission's record is.
        db.session.rollback()
        flash(str(ALREADY_SENT), "info")
        # Else back to the page the form was on, when it is a page of this site.
        referrer = urlsplit(request.referrer or "")
        back = ""
        if referrer.netloc == request.host:
            back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        for target in (error.landing, back):
            if is_safe_next(target):
                return redirect(target, 303)
        return redirect(url_for("home.index"), 303)


def record_submission_landing(response: Any) -> None:
    """Called before the request's commit: where a redirect after a claimed submission goes."""
    from flask import g

    submission = g.get("form_submission")
    if submission is not None and 300 <= response.status_code < 400 and response.location:
        from portal.services.submissions import record_landing

        record_landing(submission, response.location)


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


class CheckboxListField(SelectMultipleField):
    """Several choices, shown as a list of checkboxes (give it
    ``invalid_choice_message=INVALID_CHOICE``)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
