"""Forms of the service requests: the SME's request to a body, the body's response, quote
and delivery, the company's decision on a quote, closing (with a rating) and cancelling, and
the messages of the thread."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from portal.forms import (
    LocalDecimalField,
    OnceOnlyForm,
    VersionField,
    WholeNumberField,
    required,
)
from portal.i18n import format_day, localized
from portal.models import Organisation, ServiceField, ServiceKind
from portal.models.reference import REGIONS
from portal.services.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
from portal.services.request_lifecycle import MAX_AMOUNT, MAX_LEAD_DAYS
from portal.services.service_catalogue import Provider
from portal.services.service_requests import ACTIONS


def provider_label(provider: Provider) -> str:
    """A body in the choice list, marked accredited (and until when) when it is."""
    label = body_label(provider.body)
    if provider.accredited:
        if provider.accredited_until is not None:
            return _(
                "%(body)s — accredited until %(date)s",
                body=label,
                date=format_day(provider.accredited_until),
            )
        return _("%(body)s — accredited", body=label)
    return label


def body_label(body: Organisation) -> str:
    """A body in the choice list: acronym and name, and the service it provides."""
    name = localized(body, "name")
    if body.acronym and body.acronym != name:
        name = f"{body.acronym} — {name}"
    if body.infrastructure_type is None:
        return name
    return f"{name} ({body.infrastructure_type.label})"


def service_choices(fields: dict[ServiceKind, list[ServiceField]]) -> dict[str, list]:
    """The fields of service grouped by kind (the select's groups), in the kinds' order."""
    return {
        kind.label: [(service_field.id, service_field.label) for service_field in fields[kind]]
        for kind in ServiceKind
        if fields.get(kind)
    }


def region_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in REGIONS.items()]


class ServiceChoiceForm(FlaskForm):
    """The first step of a request (a GET form): the service and the region it is wanted in;
    the bodies whose catalogue covers them are offered next."""

    class Meta:
        csrf = False

    field_id = SelectField(_l("Service requested"), coerce=int, validators=[required()])
    region = SelectField(
        _l("Region"),
        validators=[required()],
        description=_l("Where the service is needed: your region unless you choose another."),
    )

    def __init__(self, *args, fields: dict[ServiceKind, list[ServiceField]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.field_id.choices = service_choices(fields)
        self.region.choices = region_choices()


class ServiceRequestForm(OnceOnlyForm, FlaskForm):
    """What an SME asks of a body that offers the service chosen, with optional attachments."""

    field_id = HiddenField()
    region = HiddenField()
    # Any body id is read (not only those offered): the service refuses one whose catalogue
    # does not cover the request, with its reason.
    body_id = RadioField(
        _l("Body addressed"), coerce=int, validators=[required()], validate_choice=False
    )
    subject = StringField(_l("Subject"), validators=[required(), Length(max=300)])
    description = TextAreaField(
        _l("Description"),
        validators=[Length(max=5000)],
        description=_l("What is to be tested, calibrated or inspected, quantities, deadlines."),
    )
    attachments = MultipleFileField(
        _l("Attachments"),
        description=_l(
            "Optional: up to %(count)s files (PDF, PNG, JPEG, XLSX or DOCX) of at most "
            "%(size)s MB each.",
            count=MAX_ATTACHMENTS,
            size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
        ),
        render_kw={
            "accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.docx",
        },
    )

    def __init__(self, *args, providers: Iterable[Provider] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.body_id.choices = [
            (provider.body.id, provider_label(provider)) for provider in providers
        ]

    def uploads(self) -> list[tuple[str, object]]:
        """The files sent, as (original name, stream); empty file inputs are left out."""
        return [
            (upload.filename, upload.stream)
            for upload in (self.attachments.data or [])
            if getattr(upload, "filename", "")
        ]


class ResponseForm(FlaskForm):
    """The body's accept, answer or decline; the text is the answer or the reason."""

    action = HiddenField(validators=[AnyOf(ACTIONS, message=_l("Choose an action."))])
    text = TextAreaField(
        _l("Answer, or reason for declining"),
        validators=[Length(max=5000)],
        description=_l("Shown to the company."),
    )
    version = VersionField()

    def validate_text(self, field) -> None:
        if self.action.data in ("answer", "decline") and not (field.data or "").strip():
            raise ValidationError(
                _l("Write the answer.") if self.action.data == "answer" else _l("Give the reason.")
            )


def _uploads(field: MultipleFileField) -> list[tuple[str, object]]:
    """The files sent in a file field, as (original name, stream); empty inputs left out."""
    return [
        (upload.filename, upload.stream)
        for upload in (field.data or [])
        if getattr(upload, "filename", "")
    ]


ATTACHMENT_HINT = _l(
    "Up to %(count)s files (PDF, PNG, JPEG, XLSX or DOCX) of at most %(size)s MB each.",
    count=MAX_ATTACHMENTS,
    size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
)
ACCEPTED_FILES = {"accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.docx"}


class QuoteForm(FlaskForm):
    """The body's quote: amount in MAD, lead time, validity, an optional PDF."""

    amount = LocalDecimalField(
        _l("Amount (MAD, excluding tax)"),
        needed=True,
        minimum=Decimal("0.01"),
        maximum=MAX_AMOUNT,
    )
    lead_time_days = WholeNumberField(
        _l("Lead time (days)"), needed=True, minimum=1, maximum=MAX_LEAD_DAYS
    )
    valid_until = DateField(_l("Valid until"), validators=[required()])
    comment = TextAreaField(
        _l("What the quote covers"),
        validators=[Length(max=5000)],
        description=_l("Shown to the company."),
    )
    attachments = MultipleFileField(
        _l("The quote as a PDF"),
        description=_l("Optional: the signed quote, as a PDF file."),
        render_kw={"accept": ".pdf"},
    )
    version = VersionField()

    def uploads(self) -> list[tuple[str, object]]:
        return _uploads(self.attachments)


class QuoteDecisionForm(FlaskForm):
    """The company's decision on a quote; declining needs a reason."""

    reason = TextAreaField(
        _l("Reason for declining the quote"),
        validators=[Length(max=5000)],
        description=_l("The body may send a revised quote."),
    )
    version = VersionField()


class DeliveryForm(FlaskForm):
    """The body's delivery: the report or certificate files, and a word to the company."""

    attachments = MultipleFileField(
        _l("Report or certificate files"),
        validators=[],
        description=ATTACHMENT_HINT,
        render_kw=ACCEPTED_FILES,
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5000)])
    version = VersionField()

    def uploads(self) -> list[tuple[str, object]]:
        return _uploads(self.attachments)


RATING_CHOICES = [SelectChoice(value, str(value)) for value in range(5, 0, -1)]


class CloseForm(FlaskForm):
    """The company closes a delivered request and rates the service."""

    rating = RadioField(
        _l("Your rating of the service (5: excellent, 1: poor)"),
        choices=RATING_CHOICES,
        coerce=int,
        validators=[InputRequired(message=_l("Choose a rating from 1 to 5."))],
    )
    comment = TextAreaField(_l("Comment (optional)"), validators=[Length(max=2000)])
    version = VersionField()


class CancelForm(FlaskForm):
    """The company cancels its request, saying why."""

    reason = TextAreaField(_l("Reason for cancelling"), validators=[required(), Length(max=5000)])
    version = VersionField()


class MessageForm(FlaskForm):
    """A message of the company or the body on the request, with optional attachments."""

    text = TextAreaField(_l("Message"), validators=[required(), Length(max=5000)])
    attachments = MultipleFileField(
        _l("Attachments"), description=ATTACHMENT_HINT, render_kw=ACCEPTED_FILES
    )

    def uploads(self) -> list[tuple[str, object]]:
        return _uploads(self.attachments)
