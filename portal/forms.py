"""Form pieces shared by several blueprints."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, Field, HiddenField, IntegerField, PasswordField
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.bounds import INT_MAX, INT_MIN, numeric_largest, parse_int

# i18n: shown under a form field left empty
REQUIRED = _l("This field is required.")
# i18n: shown under a number field whose value is out of range; %(min)s and %(max)s are numbers
WHOLE_NUMBER_BETWEEN = _l("Enter a whole number between %(min)s and %(max)s.")
# i18n: shown under a decimal number field whose value is out of range
NUMBER_BETWEEN = _l("Enter a number between %(min)s and %(max)s.")
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
