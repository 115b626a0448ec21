"""Records of the beneficiary's quality system linked as evidence of a diagnostic answer
(issue 14, item 4): a version of its quality policy (clause 5.2), one of its objectives
(6.2) or one of its management reviews (9.3). An answer links one record at a time (the
earlier link is kept, removed, in the audit trail); only a record of the case's own
organisation can be linked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    DiagnosticAnswer,
    EvidenceLink,
    ManagementReview,
    QualityObjective,
    QualityPolicy,
    User,
)
from portal.models.base import utcnow
from portal.services.certification.errors import CertificationError
from portal.services.certification.objectives import objective_choices

# The kinds of record an answer links to, and the column of the link that holds each.
RECORD_KINDS = {
    "policy": (QualityPolicy, "policy_id"),
    "objective": (QualityObjective, "objective_id"),
    "review": (ManagementReview, "review_id"),
}
# The records offered for linking: the latest policy versions and reviews, every objective.
POLICIES_OFFERED = 5
REVIEWS_OFFERED = 10


class EvidenceNotFound(CertificationError):
    """The record given as evidence is not one of the case's organisation."""


@dataclass
class QualityRecords:
    """The records of an organisation's quality system an answer may link to."""

    policies: list[QualityPolicy] = field(default_factory=list)
    objectives: list[QualityObjective] = field(default_factory=list)
    reviews: list[ManagementReview] = field(default_factory=list)


def records_of(organisation_id: int) -> QualityRecords:
    """The organisation's latest policy versions and reviews, and its objectives (three
    queries)."""
    return QualityRecords(
        policies=list(
            db.session.execute(
                select(QualityPolicy)
                .where(QualityPolicy.organisation_id == organisation_id)
                .order_by(QualityPolicy.version.desc())
                .limit(POLICIES_OFFERED)
            ).scalars()
        ),
        objectives=objective_choices(organisation_id),
        reviews=list(
            db.session.execute(
                select(ManagementReview)
                .where(ManagementReview.organisation_id == organisation_id)
                .order_by(ManagementReview.held_on.desc(), ManagementReview.id.desc())
                .limit(REVIEWS_OFFERED)
            ).scalars()
        ),
    )


def record_key(link: EvidenceLink) -> str:
    """The record a link points at, as the form names it ("policy-3")."""
    for kind, (_model, column) in RECORD_KINDS.items():
        record_id = getattr(link, column)
        if record_id is not None:
            return f"{kind}-{record_id}"
    return ""


def parse_record_key(key: str) -> tuple[str, int] | None:
    """("policy", 3) from "policy-3"; None for "" (no record); EvidenceNotFound otherwise."""
    if not key:
        return None
    kind, _sep, number = key.partition("-")
    if kind not in RECORD_KINDS or not number.isdigit():
        raise EvidenceNotFound(_("This record is not part of the organisation's quality system."))
    return kind, int(number)


def links_of(answer_ids: list[int]) -> dict[int, list[EvidenceLink]]:
    """The live links of these answers, with their records, in one query."""
    grouped: dict[int, list[EvidenceLink]] = defaultdict(list)
    if answer_ids:
        for link in db.session.execute(
            select(EvidenceLink)
            .where(EvidenceLink.answer_id.in_(answer_ids))
            .order_by(EvidenceLink.answer_id, EvidenceLink.id)
        ).scalars():
            grouped[link.answer_id].append(link)
    return grouped


def check_records(organisation_id: int, keys: list[str]) -> dict[str, tuple[str, int] | None]:
    """Each key ("policy-3", "") read and checked to be a record of the organisation (one
    query per kind given); raises EvidenceNotFound for any other."""
    parsed = {key: parse_record_key(key) for key in set(keys)}
    wanted: dict[str, set[int]] = defaultdict(set)
    for value in parsed.values():
        if value is not None:
            wanted[value[0]].add(value[1])
    for kind, ids in wanted.items():
        model = RECORD_KINDS[kind][0]
        found = set(
            db.session.execute(
                select(model.id).where(model.id.in_(ids), model.organisation_id == organisation_id)
            ).scalars()
        )
        if found != ids:
            raise EvidenceNotFound(
                _("This record is not part of the organisation's quality system.")
            )
    return parsed


def set_evidence(
    answer: DiagnosticAnswer,
    record: tuple[str, int] | None,
    current: list[EvidenceLink],
    *,
    actor: User | None,
) -> None:
    """Make ``record`` (checked by ``check_records``) the answer's linked evidence, or link
    nothing (None): the other live links (``current``) are removed, kept in the audit trail."""
    kept = False
    for link in current:
        if record is not None and record_key(link) == f"{record[0]}-{record[1]}":
            kept = True
        else:
            link.deleted_at = utcnow()
    if record is not None and not kept:
        column = RECORD_KINDS[record[0]][1]
        db.session.add(
            EvidenceLink(
                answer_id=answer.id,
                linked_by_id=actor.id if actor is not None else None,
                **{column: record[1]},
            )
        )
