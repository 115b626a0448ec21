"""Forms of the service catalogue (a body's entry) and of a company's infrastructure need."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal.blueprints.service_requests.forms import region_choices, service_choices
from portal.forms import (
    INVALID_CHOICE,
    CheckboxListField,
    OnceOnlyForm,
    VersionField,
    WholeNumberField,
    required,
)
from portal.i18n import format_day
from portal.models import Accreditation, ServiceField, ServiceKind
from portal.services.infrastructure_needs import MAX_QUANTITY


def accreditation_label(accreditation: Accreditation) -> str:
    """An accreditation in a choice list: its standard, number and end of validity."""
    label = f"{accreditation.standard.label} — {accreditation.certificate_number}"
    if accreditation.valid_until is not None:
        label += f" ({format_day(accreditation.valid_until)})"
    return label


class OfferForm(OnceOnlyForm, FlaskForm):
    """An entry of a body's service catalogue."""

    field_id = SelectField(_l("Service and field"), coerce=int, validators=[required()])
    coverage = TextAreaField(
        _l("Standards or quantities covered"),
        validators=[Length(max=3000)],
        description=_l(
            "E.g. NM ISO 6892-1 tensile tests; torque 1 to 1,000 N·m; ISO 9001 and IATF 16949."
        ),
    )
    regions = CheckboxListField(
        _l("Regions served"), validators=[required()], invalid_choice_message=INVALID_CHOICE
    )
    lead_time_days = WholeNumberField(_l("Typical lead time (days)"), maximum=365)
    accreditation_id = SelectField(
        _l("Accreditation covering it"), coerce=int, validators=[Optional()]
    )
    version = VersionField()

    def __init__(
        self,
        *args,
        fields: dict[ServiceKind, list[ServiceField]],
        accreditations: Iterable[Accreditation] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.field_id.choices = service_choices(fields)
        self.regions.choices = region_choices()
        self.accreditation_id.choices = [(0, _l("None"))] + [
            (a.id, accreditation_label(a)) for a in accreditations
        ]


class NeedForm(OnceOnlyForm, FlaskForm):
    """A company's infrastructure need, not addressed to any body yet."""

    field_id = SelectField(_l("Service needed"), coerce=int, validators=[required()])
    description = TextAreaField(
        _l("Description"),
        validators=[Length(max=3000)],
        description=_l("E.g. calibration of torque wrenches, 5 to 200 N·m."),
    )
    quantity_per_year = WholeNumberField(
        _l("Quantity per year"),
        minimum=1,
        maximum=MAX_QUANTITY,
        needed=True,
        description=_l("How many tests, calibrations, audits… a year."),
    )
    region = SelectField(_l("Region"), validators=[required()])
    quarter = SelectField(_l("Wanted by (quarter)"), validators=[required()])
    version = VersionField()

    def __init__(
        self,
        *args,
        fields: dict[ServiceKind, list[ServiceField]],
        quarters: Iterable[str],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.field_id.choices = service_choices(fields)
        self.region.choices = region_choices()
        self.quarter.choices = [(q, q) for q in quarters]
