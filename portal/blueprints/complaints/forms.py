"""Forms of the complaints: filing one (signed in or through the public contact form), and
the handling and requester's steps on it."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import EmailField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length

from portal.forms import OnceOnlyForm, VersionField, required
from portal.models import ComplaintCategory, ComplaintKind
from portal.services.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS


class _ComplaintFields(FlaskForm):
    """What every complaint says, whoever files it."""

    about = SelectField(_l("About"), validators=[required()])
    kind = RadioField(_l("Your message is"), validators=[required()])
    category = SelectField(_l("Category"), validators=[required()])
    subject = StringField(_l("Subject"), validators=[required(), Length(max=300)])
    text = TextAreaField(
        _l("Your message"),
        validators=[required(), Length(max=5000)],
        description=_l("What happened, when, and what you expect."),
    )

    def __init__(self, *args, about: Iterable[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.about.choices = list(about)
        self.kind.choices = [(kind.value, kind.label) for kind in ComplaintKind]
        self.category.choices = [(c.value, c.label) for c in ComplaintCategory]
        if not self.kind.data:
            self.kind.data = ComplaintKind.COMPLAINT.value


class ComplaintForm(OnceOnlyForm, _ComplaintFields):
    """A signed-in user's complaint or suggestion, with optional attachments."""

    attachments = MultipleFileField(
        _l("Attachments"),
        description=_l(
            "Optional: up to %(count)s files (PDF, PNG, JPEG, XLSX or DOCX) of at most "
            "%(size)s MB each.",
            count=MAX_ATTACHMENTS,
            size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
        ),
        render_kw={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.docx"},
    )

    def uploads(self) -> list[tuple[str, object]]:
        """The files sent, as (original name, stream); empty file inputs are left out."""
        return [
            (upload.filename, upload.stream)
            for upload in (self.attachments.data or [])
            if getattr(upload, "filename", "")
        ]


class ContactForm(OnceOnlyForm, _ComplaintFields):
    """The public contact form: who writes, and two traps for robots (a field people do not
    see, and the moment the form was opened, signed)."""

    name = StringField(_l("Your name"), validators=[required(), Length(max=200)])
    email = EmailField(
        _l("Your e-mail address"),
        validators=[
            required(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
        description=_l("The acknowledgement and the answer are sent to it."),
    )
    # Robots fill every field; people never see this one (hidden by a class, not inline).
    website = StringField(_l("Leave this field empty"))
    opened = HiddenField()


class AssignForm(FlaskForm):
    assignee_id = SelectField(_l("Colleague who handles it"), coerce=int, validators=[required()])
    version = VersionField()


class AnswerForm(FlaskForm):
    text = TextAreaField(
        _l("Answer"),
        validators=[required(), Length(max=5000)],
        description=_l("Sent to the author of the message."),
    )
    version = VersionField()


class ReopenForm(FlaskForm):
    reason = TextAreaField(
        _l("Why the answer does not settle it"),
        validators=[required(), Length(max=5000)],
    )
    version = VersionField()


class RateForm(FlaskForm):
    rating = RadioField(_l("How satisfied are you with the answer?"), validators=[required()])
    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rating.choices = [(str(n), str(n)) for n in range(1, 6)]


class VersionOnlyForm(FlaskForm):
    version = VersionField()
