"""Forms of the convention pages: the convention, its status, parties, commitments,
milestones (and marking one done, or reopening it), indicators, measurements, amendments and
documents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from portal import clock
from portal.forms import (
    LARGEST_AMOUNT,
    REQUIRED,
    CodeField,
    LocalDecimalField,
    OnceOnlyForm,
    VersionField,
    WholeNumberField,
    required,
)
from portal.i18n import localized
from portal.models import (
    CommitmentStatus,
    Convention,
    ConventionDocument,
    ConventionParty,
    ConventionStatus,
    ConventionType,
    DocumentKind,
    Ecosystem,
    Organisation,
    PartyRole,
    PortalMetric,
)
from portal.services.conventions import (
    EVIDENCE_NOTE_LENGTH,
    MAX_DOCUMENT_BYTES,
    completion_date_problem,
)

AR = {"dir": "rtl", "lang": "ar"}
# Numeric(14, 2): twelve digits before the decimal point.
LARGEST = LARGEST_AMOUNT


def amount_field(label, *, needed: bool, minimum: Decimal | None = None) -> LocalDecimalField:
    """A decimal within the bounds of the database column (and at least ``minimum``)."""
    if minimum is None:
        return LocalDecimalField(label, needed=needed)
    return LocalDecimalField(
        label,
        minimum=minimum,
        needed=needed,
        message=_l("Enter an amount between %(min)s and %(max)s."),
    )


def _enum_choices(enum_cls: Iterable) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum_cls]


class ConventionForm(OnceOnlyForm, FlaskForm):
    """A convention's reference, bilingual title and summary, ecosystem, type, dates, budget."""

    reference = CodeField(
        _l("Reference"),
        validators=[required(), Length(max=60)],
        description=_l("The reference written on the signed convention, e.g. MIC-AMICA-2023-01."),
    )
    title_fr = StringField(_l("Title in French"), validators=[required(), Length(max=300)])
    title_ar = StringField(
        _l("Title in Arabic"), validators=[required(), Length(max=300)], render_kw=AR
    )
    summary_fr = TextAreaField(_l("Summary in French"), validators=[Length(max=5000)])
    summary_ar = TextAreaField(_l("Summary in Arabic"), validators=[Length(max=5000)], render_kw=AR)
    ecosystem_id = SelectField(_l("Ecosystem"), coerce=int, validators=[required()])
    type = SelectField(_l("Type of convention"), validators=[required()])
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    effective_from = DateField(_l("Effective from"), validators=[Optional()])
    ends_on = DateField(_l("Ends on"), validators=[Optional()])
    budget_mad = amount_field(_l("Budget (MAD)"), needed=False, minimum=Decimal("0"))
    version = VersionField()

    def __init__(self, *args, ecosystems: Iterable[Ecosystem] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.type.choices = _enum_choices(ConventionType)
        self.ecosystem_id.choices = [(e.id, localized(e, "name")) for e in ecosystems]

    def validate_ends_on(self, field) -> None:
        if field.data and self.effective_from.data and field.data <= self.effective_from.data:
            raise ValidationError(_l("The end date must come after the start date."))


class StatusForm(FlaskForm):
    """Move a convention to another status, with a comment kept in its history."""

    status = SelectField(_l("New status"), validators=[required()])
    comment = TextAreaField(
        _l("Comment"),
        validators=[Length(max=2000)],
        description=_l("Required to suspend or terminate a convention."),
    )

    def __init__(self, *args, allowed: Iterable[ConventionStatus] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offer(ConventionStatus if allowed is None else allowed)

    def offer(self, statuses: Iterable[ConventionStatus]) -> None:
        """The statuses the select proposes."""
        self.status.choices = _enum_choices(statuses)


class PartyForm(OnceOnlyForm, FlaskForm):
    """An organisation joining a convention, with its signatory and contribution."""

    organisation_id = SelectField(_l("Organisation"), coerce=int, validators=[required()])
    role = SelectField(_l("Role in the convention"), validators=[required()])
    signatory_name = StringField(_l("Name of the signatory"), validators=[Length(max=200)])
    signatory_title_fr = StringField(
        _l("Title of the signatory in French"), validators=[Length(max=200)]
    )
    signatory_title_ar = StringField(
        _l("Title of the signatory in Arabic"), validators=[Length(max=200)], render_kw=AR
    )
    contribution_fr = TextAreaField(_l("Contribution in French"), validators=[Length(max=5000)])
    contribution_ar = TextAreaField(
        _l("Contribution in Arabic"), validators=[Length(max=5000)], render_kw=AR
    )

    def __init__(self, *args, organisations: Iterable[Organisation] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _enum_choices(PartyRole)
        self.organisation_id.choices = [
            (o.id, f"{localized(o, 'name')} ({o.acronym})" if o.acronym else localized(o, "name"))
            for o in organisations
        ]


class CommitmentForm(OnceOnlyForm, FlaskForm):
    """Something a party undertakes, in both languages, with a due date and a status; the day
    it was done goes with the status "done", so that its lateness is kept."""

    party_id = SelectField(_l("Responsible party"), coerce=int, validators=[required()])
    description_fr = TextAreaField(
        _l("Description in French"), validators=[required(), Length(max=5000)]
    )
    description_ar = TextAreaField(
        _l("Description in Arabic"), validators=[required(), Length(max=5000)], render_kw=AR
    )
    due_date = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[required()])
    completed_on = DateField(
        _l("Done on"),
        validators=[Optional()],
        description=_l("For a commitment that is done: the day it was done."),
    )
    version = VersionField()

    def __init__(
        self,
        *args,
        parties: Iterable[ConventionParty] = (),
        convention: Convention | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.convention = convention
        self.status.choices = _enum_choices(CommitmentStatus)
        self.party_id.choices = [(p.id, localized(p.organisation, "name")) for p in parties]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.completed_on.errors or self.status.errors:
            return valid
        done = self.status.data == CommitmentStatus.DONE.value
        day = self.completed_on.data
        if done and day is None:
            problem = _("Give the date the commitment was done.")
        elif not done and day is not None:
            problem = _("Only a done commitment has a completion date.")
        elif day is not None and self.convention is not None:
            problem = completion_date_problem(self.convention, day, clock.today())
        else:
            problem = None
        if problem:
            self.completed_on.errors = [*self.completed_on.errors, problem]
            return False
        return valid


class MilestoneForm(OnceOnlyForm, FlaskForm):
    """A dated step of a convention."""

    title_fr = StringField(_l("Title in French"), validators=[required(), Length(max=300)])
    title_ar = StringField(
        _l("Title in Arabic"), validators=[required(), Length(max=300)], render_kw=AR
    )
    due_date = DateField(_l("Due date"), validators=[required()])


class MilestoneCompletionForm(FlaskForm):
    """The day a milestone was done (required, not in the future, not before the convention
    began) and, optionally, what shows it: a note, an attached document or a new PDF."""

    completed_on = DateField(
        _l("Done on"),
        validators=[required()],
        description=_l("The day it was actually done; it may be earlier than today."),
    )
    evidence_note = TextAreaField(
        _l("Evidence (optional)"),
        validators=[Length(max=EVIDENCE_NOTE_LENGTH)],
        description=_l("What shows it was done, e.g. the minutes of the steering committee."),
        render_kw={"rows": 2},
    )
    evidence_document_id = SelectField(
        _l("A document already attached (optional)"), coerce=int, default=0
    )
    evidence_file = FileField(
        _l("Or a new PDF (optional)"),
        validators=[FileAllowed(["pdf"], message=_l("Only PDF files are accepted."))],
        description=_l("A PDF of at most %(size)s MB.", size=MAX_DOCUMENT_BYTES // (1024 * 1024)),
        render_kw={"accept": ".pdf,application/pdf"},
    )
    version = VersionField()

    def __init__(
        self,
        *args,
        convention: Convention,
        documents: Iterable[ConventionDocument] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.convention = convention
        # i18n: first choice of a list of documents: no document chosen
        self.evidence_document_id.choices = [(0, _("None"))] + [
            (d.id, f"{d.title} ({d.kind.label})") for d in documents
        ]

    def validate_completed_on(self, field) -> None:
        if field.data is not None:
            problem = completion_date_problem(self.convention, field.data, clock.today())
            if problem:
                raise ValidationError(problem)

    def validate_evidence_file(self, field) -> None:
        if field.data and self.evidence_document_id.data:
            raise ValidationError(_l("Choose an attached document or send a new one, not both."))


class MilestoneReopenForm(FlaskForm):
    """Reopen a milestone marked done by mistake (the version guards against a stale page)."""

    version = VersionField()


class IndicatorForm(OnceOnlyForm, FlaskForm):
    """A measured quantity: where it starts, where it should be and by when."""

    name_fr = StringField(_l("Name in French"), validators=[required(), Length(max=300)])
    name_ar = StringField(
        _l("Name in Arabic"), validators=[required(), Length(max=300)], render_kw=AR
    )
    unit_fr = StringField(
        _l("Unit in French"),
        validators=[Length(max=60)],
        description=_l("For example: companies, people trained, percent."),
    )
    unit_ar = StringField(_l("Unit in Arabic"), validators=[Length(max=60)], render_kw=AR)
    baseline = amount_field(_l("Baseline value"), needed=True)
    baseline_date = DateField(_l("Baseline date"), validators=[required()])
    target = amount_field(_l("Target value"), needed=True)
    target_date = DateField(_l("Target date"), validators=[required()])
    metric = SelectField(
        _l("Measured by"),
        default="",
        description=_l(
            "A figure the portal computes for the convention's ecosystem since the baseline "
            "date: its measurements are then recorded every day it changes."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.metric.choices = [("", _("People, who record the measurements"))] + [
            (m.value, m.label) for m in PortalMetric
        ]

    def validate_target_date(self, field) -> None:
        if field.data and self.baseline_date.data and field.data <= self.baseline_date.data:
            raise ValidationError(_l("The target date must come after the baseline date."))


class MeasurementForm(OnceOnlyForm, FlaskForm):
    """A dated value of an indicator and where it comes from."""

    measured_on = DateField(_l("Date of the measurement"), validators=[required()])
    value = amount_field(_l("Value"), needed=True)
    source = StringField(
        _l("Source"),
        validators=[required(), Length(max=300)],
        description=_l("Where the value comes from, e.g. the federation's quarterly report."),
    )

    def __init__(self, *args, baseline_date: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.baseline_date = baseline_date

    def validate_measured_on(self, field) -> None:
        if field.data is None:
            return
        if field.data > clock.today():
            raise ValidationError(_l("A measurement cannot be dated in the future."))
        if self.baseline_date and field.data < self.baseline_date:
            raise ValidationError(_l("A measurement cannot come before the baseline date."))


class PeriodForm(FlaskForm):
    """The period of a convention's report (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"))
    end = DateField(_l("To"))


class OverrideForm(FlaskForm):
    """A person's value in place of a figure the portal computed, and why."""

    value = amount_field(_l("Value"), needed=True)
    reason = TextAreaField(
        _l("Why the portal's figure is overridden"),
        validators=[required(), Length(max=2000)],
    )


class AmendmentForm(OnceOnlyForm, FlaskForm):
    """An amendment (avenant) and what it changes."""

    signed_on = DateField(_l("Signed on"), validators=[required()])
    summary_fr = TextAreaField(_l("Summary in French"), validators=[required(), Length(max=5000)])
    summary_ar = TextAreaField(
        _l("Summary in Arabic"), validators=[required(), Length(max=5000)], render_kw=AR
    )
    new_ends_on = DateField(
        _l("New end date"),
        validators=[Optional()],
        description=_l("Leave empty if the amendment does not change the end date."),
    )
    new_budget_mad = amount_field(_l("New budget (MAD)"), needed=False, minimum=Decimal("0"))
    commitments_change_fr = TextAreaField(
        _l("Change to the commitments, in French"), validators=[Length(max=5000)]
    )
    commitments_change_ar = TextAreaField(
        _l("Change to the commitments, in Arabic"), validators=[Length(max=5000)], render_kw=AR
    )

    def __init__(self, *args, effective_from: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.effective_from = effective_from

    def validate_new_ends_on(self, field) -> None:
        if field.data and self.effective_from and field.data <= self.effective_from:
            raise ValidationError(_l("The end date must come after the start date."))


def _document_kind_choices() -> list[tuple[str, str]]:
    # Evidence is attached when a milestone is marked done, not from this form.
    return [(kind.value, kind.label) for kind in DocumentKind if kind != DocumentKind.EVIDENCE]


class DocumentForm(OnceOnlyForm, FlaskForm):
    """A signed convention, amendment or annex, as a PDF."""

    # Ids of their own: the convention page around this form has other forms with titles.
    kind = SelectField(
        _l("Kind of document"),
        choices=_document_kind_choices,
        validators=[required()],
        id="document-kind",
    )
    title = StringField(_l("Title"), validators=[required(), Length(max=200)], id="document-title")
    amendment_number = WholeNumberField(
        _l("Amendment number"),
        minimum=1,
        maximum=999,
        description=_l("For a signed amendment: its number (1 for the first amendment)."),
        id="document-amendment-number",
    )
    file = FileField(
        _l("PDF file"),
        validators=[
            FileRequired(message=REQUIRED),
            FileAllowed(["pdf"], message=_l("Only PDF files are accepted.")),
        ],
        description=_l("A PDF of at most %(size)s MB.", size=MAX_DOCUMENT_BYTES // (1024 * 1024)),
        render_kw={"accept": ".pdf,application/pdf"},
        id="document-file",
    )
    submit = SubmitField(_l("Attach the document"))
