"""Forms of the service requests: the SME's request to a body, and the body's response."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length, ValidationError

from portal.forms import OnceOnlyForm, VersionField, required
from portal.i18n import localized
from portal.models import Organisation, ServiceKind
from portal.services.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
from portal.services.service_requests import ACTIONS


def body_label(body: Organisation) -> str:
    """A body in the choice list: acronym and name, and the service it provides."""
    name = localized(body, "name")
    if body.acronym and body.acronym != name:
        name = f"{body.acronym} — {name}"
    if body.infrastructure_type is None:
        return name
    return f"{name} ({body.infrastructure_type.label})"


class ServiceRequestForm(OnceOnlyForm, FlaskForm):
    """What an SME asks of a quality infrastructure body, with optional attachments."""

    body_id = SelectField(_l("Body addressed"), coerce=int, validators=[required()])
    kind = SelectField(_l("Service requested"), validators=[required()])
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

    def __init__(self, *args, bodies: Iterable[Organisation] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.body_id.choices = [(body.id, body_label(body)) for body in bodies]
        self.kind.choices = [(kind.value, kind.label) for kind in ServiceKind]

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
