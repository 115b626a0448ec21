"""Forms of certificates a federation records for one of its members (naming the issuing
body) and of the body's answer: confirming it, or rejecting it with the reason."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.blueprints.certification.forms import RecordCertificateForm
from portal.forms import VersionField, required
from portal.i18n import localized
from portal.models import Organisation


class MemberCertificateForm(RecordCertificateForm):
    """A certificate a federation records for one of its members, and the certification
    body that issued it (which confirms it)."""

    issuing_body_id = SelectField(
        _l("Issuing certification body"),
        coerce=int,
        validators=[required()],
        description=_l("The body confirms the certificate before it is shown as valid."),
    )

    def __init__(self, *args, bodies: Iterable[Organisation] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.issuing_body_id.choices = [(body.id, localized(body, "name")) for body in bodies]


class ConfirmCertificateForm(FlaskForm):
    """The issuing body confirms a certificate a federation recorded (a note is optional)."""

    note = TextAreaField(
        _l("Note (optional)"),
        validators=[Length(max=2000)],
        description=_l("Kept in the certificate's history."),
        render_kw={"rows": 2},
    )
    version = VersionField()


class RejectCertificateForm(FlaskForm):
    """The issuing body rejects a certificate a federation recorded, and says why."""

    reason = TextAreaField(
        _l("Why the certificate is rejected"),
        validators=[
            DataRequired(message=_l("Say why the certificate is rejected.")),
            Length(max=2000),
        ],
        description=_l("Kept in the certificate's history and sent to the federation."),
        render_kw={"rows": 3},
    )
    version = VersionField()
