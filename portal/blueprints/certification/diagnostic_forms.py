"""Forms of the diagnostic and action-plan pages: the clause-by-clause diagnostic, built for
the case's standard with fields named after each clause (``rating-7.1``), evidence files
checked by their content, and the items of an action plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from portal.forms import OnceOnlyForm, VersionField, required
from portal.i18n import format_day, localized
from portal.models import ActionStatus, DiagnosticAnswer, EvidenceLink, Rating, StandardClause
from portal.services.certification.diagnostics import ClauseAnswer, evidence_kind
from portal.services.certification.evidence import QualityRecords, record_key

MAX_EVIDENCE_BYTES = 8 * 1024 * 1024


class EvidenceField(FileField):
    """An optional evidence file: PDF, PNG, JPEG or XLSX of at most 8 MiB, checked by its
    content. Once validated, ``content`` and ``kind`` hold the file's bytes and kind."""

    content: bytes | None = None
    kind: str | None = None

    def pre_validate(self, form: Any) -> None:
        self.content = self.kind = None
        upload = self.data
        if upload is None or not getattr(upload, "filename", ""):
            return
        data = upload.stream.read(MAX_EVIDENCE_BYTES + 1)
        if len(data) > MAX_EVIDENCE_BYTES:
            raise ValidationError(
                _(
                    "The file is larger than %(size)s MB; send a lighter one.",
                    size=MAX_EVIDENCE_BYTES // (1024 * 1024),
                )
            )
        kind = evidence_kind(data)
        if kind is None:
            raise ValidationError(_("Only PDF, PNG, JPEG or Excel (XLSX) files are accepted."))
        self.content, self.kind = data, kind


@dataclass
class ClauseFields:
    """The four fields of one clause of a diagnostic."""

    clause: StandardClause
    rating: RadioField
    justification: TextAreaField
    note: TextAreaField
    file: EvidenceField
    evidence: SelectField | None = None


def clause_key(clause: StandardClause) -> str:
    """The clause number as part of a Python attribute name ("7.1" -> "7_1")."""
    return clause.number.replace(".", "_").replace("-", "_")


class DiagnosticForm(FlaskForm):
    """Ratings, justifications and evidence of every rated clause; "Complete" requires every
    clause rated. Build it with ``diagnostic_form`` (its fields depend on the standard)."""

    version = VersionField()
    save = SubmitField(_l("Save the draft"))
    complete = SubmitField(_l("Complete the diagnostic"))

    clauses: list[StandardClause] = []
    unrated: list[StandardClause]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unrated = []
        choices = [(rating.value, rating.label) for rating in Rating]
        for clause in self.clauses:
            fields = self.for_clause(clause)
            fields.rating.choices = choices
            number = clause.number
            fields.rating.label.text = f"{number} {localized(clause, 'title')}"
            fields.justification.label.text = _("Justification (clause %(number)s)", number=number)
            fields.justification.description = _("Required when the clause does not apply.")
            fields.note.label.text = _("Evidence (clause %(number)s)", number=number)
            fields.file.label.text = _("Evidence file (clause %(number)s)", number=number)
            if fields.evidence is not None:
                fields.evidence.label.text = _(
                    "Evidence from the quality system (clause %(number)s)", number=number
                )
            fields.file.description = _(
                "PDF, PNG, JPEG or Excel (XLSX), at most %(size)s MB.",
                size=MAX_EVIDENCE_BYTES // (1024 * 1024),
            )

    def for_clause(self, clause: StandardClause) -> ClauseFields:
        """The fields of a clause."""
        key = clause_key(clause)
        return ClauseFields(
            clause=clause,
            rating=self[f"rating_{key}"],
            justification=self[f"justification_{key}"],
            note=self[f"note_{key}"],
            file=self[f"file_{key}"],
            evidence=self._fields.get(f"evidence_{key}"),
        )

    def answers(self) -> list[ClauseAnswer]:
        """What the form gives for each clause, as plain values for the service."""
        given = []
        for clause in self.clauses:
            fields = self.for_clause(clause)
            given.append(
                ClauseAnswer(
                    clause_id=clause.id,
                    rating=Rating(fields.rating.data) if fields.rating.data else None,
                    justification=fields.justification.data or "",
                    note=fields.note.data or "",
                    file_content=fields.file.content,
                    file_name=fields.file.data.filename if fields.file.content else "",
                    file_kind=fields.file.kind or "",
                    evidence=fields.evidence.data or "" if fields.evidence is not None else None,
                )
            )
        return given

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for clause in self.clauses:
            fields = self.for_clause(clause)
            rating = fields.rating.data
            if (
                rating == Rating.NOT_APPLICABLE.value
                and not (fields.justification.data or "").strip()
            ):
                fields.justification.errors.append(
                    _("Explain why this clause does not apply to your organisation.")
                )
                valid = False
            elif not rating:
                has_content = (
                    (fields.note.data or "").strip()
                    or fields.file.content
                    or (fields.evidence is not None and fields.evidence.data)
                )
                if has_content or (fields.justification.data or "").strip():
                    fields.rating.errors.append(
                        _("Choose a rating to keep the justification and evidence of this clause.")
                    )
                    valid = False
                elif self.complete.data:
                    self.unrated.append(clause)
                    fields.rating.errors.append(
                        _("Rate this clause before completing the diagnostic.")
                    )
                    valid = False
        return valid


def _text_area(name: str) -> TextAreaField:
    return TextAreaField(name=name, validators=[Length(max=5000)], render_kw={"rows": 2})


def record_choices(records: QualityRecords) -> list[SelectChoice]:
    """The records of the quality system an answer may link to, "none" first."""
    choices = [SelectChoice("", _("None"))]
    choices += [
        SelectChoice(
            f"policy-{policy.id}",
            _(
                "Quality policy, version %(version)s (approved on %(date)s)",
                version=policy.version,
                date=format_day(policy.approved_on),
            ),
        )
        for policy in records.policies
    ]
    choices += [
        SelectChoice(
            f"objective-{objective.id}",
            _("Objective: %(title)s", title=localized(objective, "title")),
        )
        for objective in records.objectives
    ]
    choices += [
        SelectChoice(
            f"review-{review.id}",
            _("Management review of %(date)s", date=format_day(review.held_on)),
        )
        for review in records.reviews
    ]
    return choices


def diagnostic_form(
    clauses: Iterable[StandardClause],
    answers: Mapping[int, DiagnosticAnswer] | None = None,
    *,
    records: QualityRecords | None = None,
    links: Mapping[int, list[EvidenceLink]] | None = None,
    **kwargs: Any,
) -> DiagnosticForm:
    """The diagnostic form for these rated clauses, filled with the saved answers; with
    ``records``, each clause may link one of them as evidence (``links``: the answers' live
    links, by answer id)."""
    clauses = list(clauses)
    attributes: dict[str, Any] = {"clauses": clauses}
    data: dict[str, Any] = {}
    choices = record_choices(records) if records is not None else None
    for clause in clauses:
        key, number = clause_key(clause), clause.number
        attributes[f"rating_{key}"] = RadioField(name=f"rating-{number}", validators=[Optional()])
        attributes[f"justification_{key}"] = _text_area(f"justification-{number}")
        attributes[f"note_{key}"] = _text_area(f"note-{number}")
        attributes[f"file_{key}"] = EvidenceField(
            name=f"file-{number}",
            render_kw={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx"},
        )
        if choices is not None:
            attributes[f"evidence_{key}"] = SelectField(
                name=f"evidence-{number}", choices=choices, default=""
            )
        answer = (answers or {}).get(clause.id)
        if answer is not None:
            data[f"rating_{key}"] = answer.rating.value
            data[f"justification_{key}"] = answer.justification
            data[f"note_{key}"] = answer.evidence_note
            linked = (links or {}).get(answer.id)
            if choices is not None and linked:
                data[f"evidence_{key}"] = record_key(linked[-1])
    form_class = type("StandardDiagnosticForm", (DiagnosticForm,), attributes)
    return form_class(data=data, **kwargs)


# --- action plan -------------------------------------------------------------------------------

NO_CLAUSE = 0


class ActionItemForm(OnceOnlyForm, FlaskForm):
    """A new action of the plan: what, on which clause, who and by when."""

    title = StringField(_l("Action"), validators=[required(), Length(max=300)])
    clause_id = SelectField(_l("Clause"), coerce=int, default=NO_CLAUSE)
    owner = StringField(
        _l("Owner"),
        validators=[Length(max=200)],
        description=_l("The person or team in charge, e.g. the quality manager."),
    )
    due_date = DateField(_l("Due date"), validators=[Optional()])

    def __init__(self, *args: Any, clauses: Iterable[StandardClause] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clause_id.choices = [(NO_CLAUSE, _("No particular clause"))] + [
            (clause.id, f"{clause.number} {localized(clause, 'title')}") for clause in clauses
        ]


class ActionUpdateForm(FlaskForm):
    """The owner, due date and status of an action, saved only over the version it was
    opened on."""

    owner = StringField(_l("Owner"), validators=[Length(max=200)])
    status = SelectField(_l("Status"), validators=[required()])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    justification = StringField(
        _l("Justification"),
        validators=[Length(max=1000)],
        description=_l("Why the action need not be done before the internal audit."),
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [(status.value, status.label) for status in ActionStatus]
