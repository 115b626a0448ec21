"""Forms of the training pages: topics, needs and decisions on them (the filters of the
needs list and the demand view are read by ``services.training``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    Length,
    Regexp,
    ValidationError,
)

from portal.forms import CodeField, OnceOnlyForm, VersionField, WholeNumberField, required
from portal.i18n import localized
from portal.models import (
    Ecosystem,
    JobCategory,
    Level,
    Modality,
    Priority,
    TrainingTopic,
)
from portal.models.reference import REGIONS
from portal.services.training.needs import DECISIONS

AR = {"dir": "rtl", "lang": "ar"}
MAX_PEOPLE = 500


def _enum_choices(enum_cls: Iterable) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum_cls]


class TopicForm(OnceOnlyForm, FlaskForm):
    """A topic of the catalogue, named in both languages."""

    code = CodeField(
        _l("Code"),
        validators=[
            required(),
            Length(max=60),
            Regexp(
                r"^[a-z0-9]+(?:_[a-z0-9]+)*$",
                message=_l("Use lowercase letters, digits and underscores, e.g. iso_9001."),
            ),
        ],
        description=_l("A short identifier used in exports, e.g. internal_auditor."),
    )
    name_fr = StringField(_l("Name in French"), validators=[required(), Length(max=200)])
    name_ar = StringField(
        _l("Name in Arabic"), validators=[required(), Length(max=200)], render_kw=AR
    )
    description_fr = TextAreaField(_l("Description in French"), validators=[Length(max=5000)])
    description_ar = TextAreaField(
        _l("Description in Arabic"), validators=[Length(max=5000)], render_kw=AR
    )
    active = BooleanField(
        _l("Offered in the catalogue"),
        default=True,
        description=_l("Companies declare needs only on topics offered in the catalogue."),
    )
    version = VersionField()


class NeedForm(OnceOnlyForm, FlaskForm):
    """A company's training need."""

    ecosystem_id = SelectField(
        _l("Ecosystem"),
        coerce=int,
        validators=[required()],
        description=_l("The federation leading this ecosystem studies the need."),
    )
    topic_id = SelectField(_l("Topic"), coerce=int, validators=[required()])
    job_category = SelectField(_l("Who is to be trained"), validators=[required()])
    people = WholeNumberField(
        _l("Number of people"),
        minimum=1,
        maximum=MAX_PEOPLE,
        needed=True,
        message=_l("Enter a number between %(min)s and %(max)s."),
    )
    level = SelectField(_l("Level"), validators=[required()])
    priority = SelectField(_l("Priority"), validators=[required()])
    quarter = SelectField(_l("Preferred quarter"), validators=[required()])
    region = SelectField(
        _l("Region"),
        validators=[required()],
        description=_l("Where the people to be trained work."),
    )
    modality = SelectField(_l("Modality"), validators=[required()])
    version = VersionField()

    def __init__(
        self,
        *args,
        ecosystems: Iterable[Ecosystem] = (),
        topics: Iterable[TrainingTopic] = (),
        quarters: Iterable[str] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated per request, so choices are set here, not at import.
        self.ecosystem_id.choices = [(e.id, localized(e, "name")) for e in ecosystems]
        self.topic_id.choices = [(t.id, localized(t, "name")) for t in topics]
        self.job_category.choices = _enum_choices(JobCategory)
        self.level.choices = _enum_choices(Level)
        self.priority.choices = _enum_choices(Priority)
        self.quarter.choices = [(q, q) for q in quarters]
        self.region.choices = [(code, str(label)) for code, label in REGIONS.items()]
        self.modality.choices = _enum_choices(Modality)

    def need_values(self) -> dict[str, Any]:
        """The need's columns from a valid form."""
        return {
            "ecosystem_id": self.ecosystem_id.data,
            "topic_id": self.topic_id.data,
            "job_category": JobCategory(self.job_category.data),
            "people": self.people.data,
            "level": Level(self.level.data),
            "priority": Priority(self.priority.data),
            "quarter": self.quarter.data,
            "region": self.region.data,
            "modality": Modality(self.modality.data),
        }


class NeedDecisionForm(FlaskForm):
    """Federation staff validate a need, decline it with a reason, or merge it into another."""

    decision = HiddenField(validators=[required()])
    reason = TextAreaField(_l("Reason (shown to the company)"), validators=[Length(max=2000)])
    merge_into = WholeNumberField(_l("Merge into the need"), minimum=1)
    back = HiddenField()

    def validate_decision(self, field) -> None:
        if field.data not in DECISIONS:
            raise ValidationError(_l("Unknown decision."))


class ClauseTopicForm(FlaskForm):
    """A training topic proposed for a clause of a standard rated low in a diagnostic."""

    standard_id = SelectField(_l("Standard"), coerce=int, validators=[required()])
    clause_number = StringField(
        _l("Clause"),
        validators=[required(), Length(max=20)],
        description=_l("The clause's number in the standard, e.g. 9.2."),
    )
    topic_id = SelectField(_l("Training topic"), coerce=int, validators=[required()])

    def __init__(
        self, *args: Any, standards: Iterable[Any] = (), topics: Iterable[Any] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.standard_id.choices = [(s.id, s.reference) for s in standards]
        self.topic_id.choices = [(t.id, localized(t, "name")) for t in topics]
