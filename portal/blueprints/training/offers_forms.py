"""Forms of the offer, planning, enrolment, attendance and evaluation pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from portal import clock
from portal.bounds import numeric_largest
from portal.forms import (
    INVALID_CHOICE,
    REQUIRED,
    CheckboxListField,
    LocalDecimalField,
    OnceOnlyForm,
    VersionField,
    WholeNumberField,
    required,
)
from portal.i18n import localized
from portal.models import Enrolment, Modality, TrainingOffer, TrainingTopic
from portal.models.reference import REGIONS

AR = {"dir": "rtl", "lang": "ar"}
# The languages a training can be given in, each named in itself.
OFFER_LANGUAGES = {"fr": "Français", "ar": "العربية", "en": "English"}
# Numeric(12, 2): ten digits before the decimal point.
LARGEST_PRICE = numeric_largest(12, 2)
MAX_SEATS = 500
BETWEEN = _l("Enter a number between %(min)s and %(max)s.")


def count_field(label: Any, maximum: int, **kwargs: Any) -> WholeNumberField:
    """A whole number from 1 to ``maximum``, required."""
    return WholeNumberField(
        label, minimum=1, maximum=maximum, needed=True, message=BETWEEN, **kwargs
    )


class OfferForm(OnceOnlyForm, FlaskForm):
    """An institute's offer: topic, titles, duration, modality, capacity, languages, price,
    regions served, and whether it is published."""

    topic_id = SelectField(_l("Topic"), coerce=int, validators=[required()])
    title_fr = StringField(_l("Title in French"), validators=[required(), Length(max=300)])
    title_ar = StringField(
        _l("Title in Arabic"), validators=[required(), Length(max=300)], render_kw=AR
    )
    duration_hours = count_field(_l("Duration in hours"), 2000)
    modality = SelectField(_l("Modality"), validators=[required()])
    capacity = count_field(
        _l("Capacity"), MAX_SEATS, description=_l("The most participants a session can take.")
    )
    languages = CheckboxListField(
        _l("Languages of the training"), choices=[], invalid_choice_message=INVALID_CHOICE
    )
    price_mad = LocalDecimalField(
        _l("Price per participant (MAD)"),
        minimum=Decimal("0"),
        maximum=LARGEST_PRICE,
        message=BETWEEN,
        description=_l("Leave empty when the price is given on request."),
    )
    regions = CheckboxListField(
        _l("Regions served"), choices=[], invalid_choice_message=INVALID_CHOICE
    )
    active = BooleanField(
        _l("Published"),
        default=True,
        description=_l("Federations and companies see published offers only."),
    )
    version = VersionField()

    def __init__(self, *args: Any, topics: Iterable[TrainingTopic] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.topic_id.choices = [(t.id, localized(t, "name")) for t in topics]
        self.modality.choices = [(m.value, m.label) for m in Modality]
        self.languages.choices = [
            (code, name, {"lang": code}) for code, name in OFFER_LANGUAGES.items()
        ]
        self.regions.choices = [(code, str(label)) for code, label in REGIONS.items()]

    def validate_languages(self, field: CheckboxListField) -> None:
        """At least one language (not a ``required`` flag: it would mark every checkbox)."""
        if not field.data:
            raise ValidationError(_l("Choose at least one language."))

    def validate_regions(self, field: CheckboxListField) -> None:
        """At least one region."""
        if not field.data:
            raise ValidationError(_l("Choose at least one region."))

    def fill_from(self, offer: TrainingOffer) -> None:
        """Show a saved offer's lists and version in the form."""
        self.languages.data = [code for code in offer.languages.split(",") if code]
        self.regions.data = [code for code in offer.regions.split(",") if code]
        self.modality.data = offer.modality.value
        self.version.data = offer.version

    def changes(self) -> dict[str, Any]:
        """The submitted offer, as column values (lists in their canonical order)."""
        languages = set(self.languages.data or [])
        regions = set(self.regions.data or [])
        return {
            "topic_id": self.topic_id.data,
            "title_fr": self.title_fr.data.strip(),
            "title_ar": self.title_ar.data.strip(),
            "duration_hours": self.duration_hours.data,
            "modality": Modality(self.modality.data),
            "capacity": self.capacity.data,
            "languages": ",".join(code for code in OFFER_LANGUAGES if code in languages),
            "price_mad": self.price_mad.data,
            "regions": ",".join(code for code in REGIONS if code in regions),
            "active": bool(self.active.data),
        }


class PlanForm(OnceOnlyForm, FlaskForm):
    """A session planned from a demand cell: the offer, the dates, the place, the seats."""

    offer_id = RadioField(
        _l("Offer"),
        coerce=int,
        validate_choice=True,
        invalid_choice_message=_l("Choose one of the offers shown."),
    )
    starts_on = DateField(_l("First day"), validators=[InputRequired(message=REQUIRED)])
    ends_on = DateField(_l("Last day"), validators=[InputRequired(message=REQUIRED)])
    place = StringField(
        _l("Place"),
        validators=[required(), Length(max=300)],
        description=_l("The address, or how participants join a remote session."),
    )
    seats = count_field(_l("Seats"), MAX_SEATS)
    seats_kept_until = DateField(
        _l("Seats kept until"),
        validators=[Optional()],
        description=_l(
            "Until this day, seats are kept for the companies whose needs the session serves, "
            "in proportion to the people each declared; then free seats open to every member. "
            "Empty: two weeks before the first day."
        ),
    )

    def __init__(self, *args: Any, offers: Iterable[TrainingOffer] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_id.choices = [(offer.id, localized(offer, "title")) for offer in offers]

    def propose(self, best: TrainingOffer, people: int) -> None:
        """Before the first submission: the best offer, with seats for the cell's people."""
        self.offer_id.data = best.id
        self.seats.data = min(best.capacity, people) if people else best.capacity

    def validate_starts_on(self, field: DateField) -> None:
        if field.data is not None and field.data < clock.today():
            raise ValidationError(_l("The session cannot start in the past."))

    def validate_ends_on(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day cannot come before the first."))


class KeptSeatsForm(FlaskForm):
    """The seats a session keeps for each company it serves (one field per company, added by
    ``kept_seats_form``) and until when."""

    version = VersionField()
    seats_kept_until = DateField(
        _l("Seats kept until"),
        validators=[Optional()],
        description=_l("Empty: no seat is kept any longer; free seats are open to every member."),
    )

    def kept(self) -> dict[int, int]:
        """The seats asked for each company, by organisation id."""
        return {
            int(name.removeprefix("kept_")): field.data
            for name, field in self._fields.items()
            if name.startswith("kept_")
        }


def kept_seats_form(companies: Iterable[tuple[int, str]], seats: int, **kwargs: Any):
    """A KeptSeatsForm with a whole-number field (0 to the session's seats) per company."""

    class Form(KeptSeatsForm):
        pass

    for organisation_id, name in companies:
        setattr(
            Form,
            f"kept_{organisation_id}",
            WholeNumberField(name, minimum=0, maximum=seats, needed=True, message=BETWEEN),
        )
    return Form(**kwargs)


class EnrolForm(OnceOnlyForm, FlaskForm):
    """A named participant of the company."""

    participant_name = StringField(
        _l("Participant's full name"),
        validators=[required(), Length(max=200)],
        render_kw={"autocomplete": "off"},
    )
    participant_job = StringField(_l("Job title"), validators=[Length(max=200)])
    participant_email = EmailField(
        _l("Participant's e-mail address"),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
        description=_l(
            "The invitation, with the session's details and a calendar file, goes there, "
            "then a reminder a week before."
        ),
        render_kw={"autocomplete": "off"},
    )


class EnrolManyForm(OnceOnlyForm, FlaskForm):
    """Several participants at once: typed one per line, or a CSV or XLSX file."""

    participants = TextAreaField(
        _l("Participants, one per line"),
        validators=[Length(max=20000)],
        description=_l(
            "Name; job title; e-mail address — the job title and the address may be left out."
        ),
        render_kw={"rows": 5},
    )
    participants_file = FileField(
        _l("Or a CSV or XLSX file"),
        description=_l("One participant per row: name, job title, e-mail address."),
        render_kw={"accept": ".csv,.xlsx"},
    )


class AttendanceForm(FlaskForm):
    """Which participants holding a seat were present on which day of the session: one
    checkbox per participant and day, valued ``<enrolment id>-<day's ordinal>``."""

    present = CheckboxListField(
        _l("Present"),
        choices=[],
        invalid_choice_message=INVALID_CHOICE,
    )

    def __init__(
        self,
        *args: Any,
        enrolments: Iterable[Enrolment] = (),
        days: Iterable[date] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        days = list(days)
        self.present.choices = [
            (attendance_key(e.id, day), e.participant_name) for e in enrolments for day in days
        ]

    def pairs(self) -> set[tuple[int, date]]:
        """The (participant, day) pairs ticked."""
        pairs = set()
        for value in self.present.data or []:
            enrolment_id, ordinal = value.split("-")
            pairs.add((int(enrolment_id), date.fromordinal(int(ordinal))))
        return pairs


def attendance_key(enrolment_id: int, day: date) -> str:
    """The value of the checkbox of a participant on a day."""
    return f"{enrolment_id}-{day.toordinal()}"
