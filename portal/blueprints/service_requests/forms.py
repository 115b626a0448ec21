"""Forms of the service requests: the SME's request to a body, and the body's response."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length, ValidationError

from portal.forms import OnceOnlyForm, VersionField, required
from portal.i18n import format_day, localized
from portal.models import Organisation, ServiceField, ServiceKind
from portal.models.reference import REGIONS
from portal.services.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
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
