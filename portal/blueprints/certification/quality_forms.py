"""Forms of the beneficiary's quality objectives (their fields, a measurement, removing one)
and of the evidence a diagnostic answer links to (a policy version, an objective, a review)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length

from portal.blueprints.certification.forms import AR, FR
from portal.forms import LocalDecimalField, OnceOnlyForm, VersionField, required


class ObjectiveForm(OnceOnlyForm, FlaskForm):
    """A measurable objective: what it measures, from where to where by when, who owns it."""

    title_fr = StringField(
        _l("Objective (French)"), validators=[required(), Length(max=300)], render_kw=FR
    )
    title_ar = StringField(
        _l("Objective (Arabic)"), validators=[required(), Length(max=300)], render_kw=AR
    )
    unit_fr = StringField(
        _l("Unit (French)"),
        validators=[Length(max=60)],
        description=_l("For example: percent of deliveries on time, complaints a month."),
        render_kw=FR,
    )
    unit_ar = StringField(_l("Unit (Arabic)"), validators=[Length(max=60)], render_kw=AR)
    baseline = LocalDecimalField(_l("Baseline value"), needed=True)
    baseline_date = DateField(_l("Baseline date"), validators=[required()])
    target = LocalDecimalField(_l("Target value"), needed=True)
    target_date = DateField(_l("Target date"), validators=[required()])
    owner = StringField(
        _l("Owner"),
        validators=[required(), Length(max=200)],
        description=_l("Who answers for it, e.g. the quality manager."),
    )
    version = VersionField()


class ObjectiveMeasurementForm(OnceOnlyForm, FlaskForm):
    """A dated value of an objective, with a comment."""

    measured_on = DateField(_l("Date of the measurement"), validators=[required()])
    value = LocalDecimalField(_l("Value"), needed=True)
    comment = StringField(_l("Comment"), validators=[Length(max=500)])


class RemoveObjectiveForm(FlaskForm):
    """Remove an objective the organisation no longer pursues (from the version shown)."""

    version = VersionField()


class EvidenceLinkForm(FlaskForm):
    """A record of the beneficiary's quality system linked as evidence of an answer: its
    kind and id in one value ("policy-3", "objective-7", "review-2")."""

    record = SelectField(
        _l("Evidence from the quality system"),
        choices=[],
        validators=[required()],
    )

    def __init__(self, *args, choices: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.record.choices = [("", _l("Choose a record")), *(choices or [])]
