"""Forms of the certification-support pages: asking for support, running a case, audits and
nonconformities, certificates and their status."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal import clock
from portal.forms import (
    INVALID_CHOICE,
    CheckboxListField,
    CodeField,
    OnceOnlyForm,
    VersionField,
    WholeNumberField,
    required,
)
from portal.i18n import localized
from portal.models import (
    Accreditation,
    AuditKind,
    AuditResult,
    CaseKind,
    CertificateStatus,
    Ecosystem,
    Organisation,
    QualityExpert,
    Standard,
    StandardClause,
    is_valid_ice,
)

AR = {"dir": "rtl", "lang": "ar"}
FR = {"dir": "ltr", "lang": "fr"}  # a French text typed on an Arabic page
# The value of the "none" option of the optional selects (experts, bodies, clauses).
NONE = 0


def _enum_choices(enum_cls: Iterable) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum_cls]


def standard_label(standard: Standard) -> str:
    """The standard's reference and name in the page's language."""
    return f"{standard.reference} — {localized(standard, 'name')}"


def clause_label(clause: StandardClause) -> str:
    """A clause's number and title in the page's language."""
    return f"{clause.number} {localized(clause, 'title')}"


def not_in_future(form: FlaskForm, field) -> None:
    """A date that has already come (an issue date cannot be in the future)."""
    if field.data is not None and field.data > clock.today():
        raise ValidationError(_l("This date cannot be in the future."))


class NewCaseForm(OnceOnlyForm, FlaskForm):
    """An SME asks its federation for support towards a standard."""

    standard_id = SelectField(_l("Standard"), coerce=int, validators=[required()])
    kind = SelectField(_l("What you are aiming for"), validators=[required()])
    ecosystem_id = SelectField(
        _l("Ecosystem"),
        coerce=int,
        validators=[required()],
        description=_l("The federation leading this ecosystem will follow your case."),
    )
    motivation = TextAreaField(
        _l("Why you ask for support"),
        validators=[required(), Length(max=5000)],
        description=_l(
            "Your goals, your customers' requirements, where your quality system stands today."
        ),
    )

    def __init__(
        self,
        *args,
        standards: Iterable[Standard] = (),
        ecosystems: Iterable[Ecosystem] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.standard_id.choices = [(s.id, standard_label(s)) for s in standards]
        self.kind.choices = _enum_choices(CaseKind)
        self.ecosystem_id.choices = [(e.id, localized(e, "name")) for e in ecosystems]


def expert_label(expert: QualityExpert, standard_code: str) -> str:
    """An expert's name, with a mark when they have the case's standard among their
    competencies."""
    from flask_babel import gettext as _

    if standard_code in {c.code for c in expert.competencies}:
        return _("%(name)s (knows this standard)", name=expert.full_name)
    return expert.full_name


class CaseDetailsForm(FlaskForm):
    """The federation assigns an expert and a consulting firm and records the funding of the
    case."""

    expert_id = SelectField(_l("Quality expert"), coerce=int, validators=[Optional()])
    consulting_firm_id = SelectField(
        _l("Consulting firm"),
        coerce=int,
        validators=[Optional()],
        description=_l(
            "Beside or instead of the expert: the firm's consultants open this case and work "
            "on it as the expert may."
        ),
    )
    funding_programme = StringField(
        _l("Funding programme"),
        validators=[Length(max=200)],
        description=_l("For example: Imtiaz, Istitmar, the ecosystem's own budget."),
    )
    cofinancing_rate = WholeNumberField(
        _l("Co-financing rate (%)"),
        minimum=0,
        maximum=100,
        message=_l("Enter a rate between 0 and 100."),
        description=_l("The share of the costs paid by the programme, from 0 to 100."),
    )
    expert_may_contribute = BooleanField(
        _l("The expert and the consulting firm may contribute to diagnostics and the plan"),
        description=_l(
            "The assigned expert and the consultants of the assigned firm always read the "
            "case, its diagnostics and its action plan; with this setting they may also fill "
            "diagnostics and add or update actions."
        ),
    )
    version = VersionField()

    def __init__(
        self,
        *args,
        experts: Iterable[QualityExpert] = (),
        firms: Iterable[Organisation] = (),
        standard_code: str = "",
        **kwargs,
    ) -> None:
        from flask_babel import gettext as _

        super().__init__(*args, **kwargs)
        self.expert_id.choices = [(NONE, _("No expert yet"))] + [
            (e.id, expert_label(e, standard_code)) for e in experts
        ]
        self.consulting_firm_id.choices = [(NONE, _("No consulting firm"))] + [
            (f.id, localized(f, "name")) for f in firms
        ]


class AdvanceForm(FlaskForm):
    """Move a case to its next stage, with a comment kept in its history."""

    to = HiddenField(validators=[required()])
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])
    override_reason = TextAreaField(
        _l("Why move it anyway"),
        validators=[Length(max=2000)],
        description=_l(
            "Administrators only: the case moves although what is listed above is missing; "
            "the reason is kept with the move."
        ),
    )


class CloseForm(FlaskForm):
    """End a case before certification, or decline a request, with the reason."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[required(), Length(max=2000)],
        description=_l("Shown to the company and kept in the case's history."),
    )


class AuditForm(OnceOnlyForm, FlaskForm):
    """An audit of the case: its kind, date, auditing body, result and summary."""

    kind = SelectField(_l("Kind of audit"), validators=[required()])
    held_on = DateField(_l("Date of the audit"), validators=[required()])
    auditing_body_id = SelectField(
        _l("Auditing body"),
        coerce=int,
        validators=[Optional()],
        description=_l("Leave empty for an internal audit run by the company or its expert."),
    )
    result = SelectField(_l("Result"), validators=[Optional()])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=5000)])

    def __init__(self, *args, bodies: Iterable[Organisation] = (), **kwargs) -> None:
        from flask_babel import gettext as _

        super().__init__(*args, **kwargs)
        self.kind.choices = _enum_choices(AuditKind)
        self.auditing_body_id.choices = [(NONE, _("No external body"))] + [
            (b.id, localized(b, "name")) for b in bodies
        ]
        self.result.choices = [("", _("Not known yet")), *_enum_choices(AuditResult)]


class NonconformityForm(OnceOnlyForm, FlaskForm):
    """A finding of an audit: major or minor, on a clause, with its corrective action."""

    severity = RadioField(_l("Severity"), validators=[required()])
    clause_id = SelectField(_l("Clause"), coerce=int, validators=[Optional()])
    description = TextAreaField(_l("Finding"), validators=[required(), Length(max=5000)])
    corrective_action = TextAreaField(_l("Corrective action"), validators=[Length(max=5000)])

    def __init__(self, *args, clauses: Iterable[StandardClause] = (), **kwargs) -> None:
        from flask_babel import gettext as _

        super().__init__(*args, **kwargs)
        self.severity.choices = [
            # i18n: severity of an audit nonconformity
            ("minor", _("Minor nonconformity")),
            # i18n: severity of an audit nonconformity
            ("major", _("Major nonconformity")),
        ]
        self.clause_id.choices = [(NONE, _("No particular clause"))] + [
            (c.id, clause_label(c)) for c in clauses
        ]


class CloseNonconformityForm(FlaskForm):
    """Close a nonconformity, completing its corrective action if needed."""

    corrective_action = TextAreaField(_l("Corrective action"), validators=[Length(max=5000)])


def body_label(body: Organisation, accreditations: Iterable[Accreditation]) -> str:
    """A certification body's name with its accreditations, for the issuing-body select."""
    from flask_babel import gettext as _

    name = localized(body, "name")
    numbers = ", ".join(a.certificate_number for a in accreditations)
    if not numbers:
        return _("%(name)s (no accreditation recorded)", name=name)
    return _("%(name)s (accreditation %(numbers)s)", name=name, numbers=numbers)


class CertificateFieldsMixin:
    """The fields every certificate has: number, issue date and bilingual scope."""

    number = CodeField(
        _l("Certificate number"),
        validators=[required(), Length(max=80)],
        description=_l("As written on the certificate; anyone can verify it by this number."),
    )
    issued_on = DateField(_l("Issue date"), validators=[required(), not_in_future])
    scope_fr = TextAreaField(_l("Scope in French"), validators=[required(), Length(max=2000)])
    scope_ar = TextAreaField(_l("Scope in Arabic"), validators=[Length(max=2000)], render_kw=AR)


class CertifyForm(OnceOnlyForm, CertificateFieldsMixin, FlaskForm):
    """The certificate that ends a case: number, issuing body, issue date, scope."""

    issuing_body_id = SelectField(_l("Issuing certification body"), coerce=int)

    def __init__(
        self,
        *args,
        bodies: Iterable[Organisation] = (),
        accreditations: dict[int, list[Accreditation]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        accreditations = accreditations or {}
        self.issuing_body_id.choices = [
            (b.id, body_label(b, accreditations.get(b.id, []))) for b in bodies
        ]


class RecordCertificateForm(OnceOnlyForm, CertificateFieldsMixin, FlaskForm):
    """A certificate a body issued to a member company outside any support case."""

    holder = StringField(
        _l("Certified member"),
        validators=[required(), Length(max=300)],
        description=_l(
            "A company: its ICE (15 digits). A public body, which has none: its name or acronym."
        ),
    )
    standard_id = SelectField(_l("Standard"), coerce=int, validators=[required()])

    def __init__(self, *args, standards: Iterable[Standard] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.standard_id.choices = [(s.id, standard_label(s)) for s in standards]

    def validate_holder(self, field) -> None:
        digits = (field.data or "").replace(" ", "")
        if digits.isdigit() and not is_valid_ice(digits):
            raise ValidationError(_l("This is not a valid ICE (15 digits, control key)."))


class CertificateStatusForm(FlaskForm):
    """The issuing body suspends, withdraws or reinstates a certificate, and says why."""

    status = SelectField(_l("New status"), validators=[required()])
    reason = TextAreaField(
        _l("Reason"),
        validators=[
            DataRequired(message=_l("Give the reason for this change of status.")),
            Length(max=2000),
        ],
        description=_l("Kept in the certificate's history and sent to the holder."),
        render_kw={"rows": 3},
    )
    version = VersionField()

    def __init__(self, *args, allowed: Iterable[CertificateStatus] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = _enum_choices(CertificateStatus if allowed is None else allowed)


class CertificateAuditForm(OnceOnlyForm, FlaskForm):
    """A surveillance or recertification audit held on a certificate: date, result and the
    findings (how many major and minor, and what they are)."""

    kind = SelectField(_l("Kind of audit"), validators=[required()])
    held_on = DateField(_l("Date of the audit"), validators=[required()])
    result = SelectField(_l("Result"), validators=[required()])
    major_findings = WholeNumberField(_l("Major nonconformities"), maximum=999, needed=True)
    minor_findings = WholeNumberField(_l("Minor nonconformities"), maximum=999, needed=True)
    findings = TextAreaField(
        _l("Findings"),
        validators=[Length(max=5000)],
        description=_l("What the auditors found, and the corrective actions agreed."),
        render_kw={"rows": 3},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = _enum_choices((AuditKind.SURVEILLANCE, AuditKind.RECERTIFICATION))
        self.result.choices = _enum_choices(AuditResult)


class PlanForm(FlaskForm):
    """The support's planned start and duration."""

    planned_start = DateField(_l("Planned start"), validators=[Optional()])
    planned_months = WholeNumberField(
        _l("Duration (months)"),
        minimum=1,
        maximum=60,
        description=_l("About twelve months for a first certification."),
    )


class PhaseForm(OnceOnlyForm, FlaskForm):
    """A phase of the plan: its name in both languages and its dates."""

    name_fr = StringField(
        _l("Phase (French)"), validators=[required(), Length(max=200)], render_kw=FR
    )
    name_ar = StringField(
        _l("Phase (Arabic)"), validators=[required(), Length(max=200)], render_kw=AR
    )
    starts_on = DateField(_l("Starts on"), validators=[required()])
    ends_on = DateField(_l("Ends on"), validators=[required()])


class MeetingForm(OnceOnlyForm, FlaskForm):
    """A steering committee meeting: when, who, what was decided, the minutes."""

    held_on = DateField(_l("Date of the meeting"), validators=[required()])
    attendees = TextAreaField(
        _l("Attendees"),
        validators=[required(), Length(max=2000)],
        description=_l("Names and organisations: the company, the consultant, the federation…"),
        render_kw={"rows": 2},
    )
    decisions = TextAreaField(_l("Decisions"), validators=[Length(max=5000)], render_kw={"rows": 3})
    minutes = FileField(
        _l("Minutes (PDF)"),
        validators=[FileAllowed(["pdf"], message=_l("Only PDF files are accepted."))],
    )


class QualityPolicyForm(OnceOnlyForm, FlaskForm):
    """A new version of the quality policy: its text in both languages and its approval."""

    text_fr = TextAreaField(
        _l("Quality policy (French)"),
        validators=[required(), Length(max=10000)],
        render_kw={"rows": 6, **FR},
    )
    text_ar = TextAreaField(
        _l("Quality policy (Arabic)"),
        validators=[required(), Length(max=10000)],
        render_kw={"rows": 6, **AR},
    )
    approved_by = StringField(
        _l("Approved by"),
        validators=[required(), Length(max=200)],
        description=_l("Name and function, e.g. the general manager."),
    )
    approved_on = DateField(_l("Approved on"), validators=[required()])


class ManagementReviewForm(OnceOnlyForm, FlaskForm):
    """A management review: when, which inputs of 9.3.2 it covered, what it decided."""

    held_on = DateField(_l("Date of the review"), validators=[required()])
    inputs = CheckboxListField(
        _l("Inputs covered (ISO 9001, 9.3.2)"), choices=[], invalid_choice_message=INVALID_CHOICE
    )
    decisions = TextAreaField(
        _l("Decisions and actions (9.3.3)"),
        validators=[required(), Length(max=5000)],
        render_kw={"rows": 4},
    )

    def __init__(self, *args, inputs: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.inputs.choices = [
            (letter, f"{letter}) {label}") for letter, label in (inputs or {}).items()
        ]
