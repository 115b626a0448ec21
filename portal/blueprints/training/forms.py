"""Forms of the training pages: topics, needs and decisions on them, and the filters of the
needs list and the demand view (read from the query string)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
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

from portal.bounds import query_int
from portal.forms import CodeField, OnceOnlyForm, VersionField, WholeNumberField, required
from portal.i18n import localized
from portal.models import (
    Ecosystem,
    JobCategory,
    Level,
    Modality,
    NeedStatus,
    Priority,
    TrainingTopic,
)
from portal.models.reference import REGIONS

AR = {"dir": "rtl", "lang": "ar"}
QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
MAX_PEOPLE = 500


def _enum_choices(enum_cls: Iterable) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum_cls]


def upcoming_quarters(today: date, count: int = 6) -> list[str]:
    """The current quarter and the ones after it: ["2027-Q1", "2027-Q2", ...]."""
    year, number = today.year, (today.month - 1) // 3
    quarters = []
    for step in range(count):
        shifted = number + step
        quarters.append(f"{year + shifted // 4}-Q{shifted % 4 + 1}")
    return quarters


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


# decision -> the need's statuses it applies to
DECISIONS = {
    "validate": (NeedStatus.SUBMITTED,),
    "decline": (NeedStatus.SUBMITTED, NeedStatus.VALIDATED),
    "merge": (NeedStatus.SUBMITTED, NeedStatus.VALIDATED),
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


# --- filters ---------------------------------------------------------------------------------


@dataclass
class NeedFilters:
    """The needs list's filters; unknown values are ignored."""

    status: str = ""
    topic: int | None = None
    region: str = ""
    quarter: str = ""
    ecosystem: int | None = None

    @classmethod
    def from_args(cls, args: Any) -> NeedFilters:
        status = args.get("status", "")
        region = args.get("region", "")
        quarter = args.get("quarter", "")
        return cls(
            status=status if status in {s.value for s in NeedStatus} else "",
            topic=query_int(args, "topic"),
            region=region if region in REGIONS else "",
            quarter=quarter if QUARTER.match(quarter or "") else "",
            ecosystem=query_int(args, "ecosystem"),
        )

    @property
    def active(self) -> bool:
        return any(asdict(self).values())

    def as_args(self, **extra: Any) -> dict[str, Any]:
        """The filters set, as query-string arguments (for export links)."""
        return {**{k: v for k, v in asdict(self).items() if v}, **extra}


@dataclass
class DemandFilters:
    """The demand view's filters: one ecosystem (else all in scope), one region (else all)."""

    ecosystem: int | None = None
    region: str = ""

    @classmethod
    def from_args(cls, args: Any, ecosystem_ids: Iterable[int]) -> DemandFilters:
        ecosystem = query_int(args, "ecosystem")
        region = args.get("region", "")
        return cls(
            ecosystem=ecosystem if ecosystem in set(ecosystem_ids) else None,
            region=region if region in REGIONS else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.ecosystem or self.region)

    def as_args(self, **extra: Any) -> dict[str, Any]:
        """The filters set, as query-string arguments (for export links)."""
        return {**{k: v for k, v in asdict(self).items() if v}, **extra}
