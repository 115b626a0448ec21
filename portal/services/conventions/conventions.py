"""A convention itself: the list of conventions, creating and editing one, its status
workflow and its amendments. Every change keeps its values before and after in the audit
trail (the models are audited); a status change is kept with its date, actor and comment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    Amendment,
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionStatusChange,
    ConventionType,
    Ecosystem,
    User,
)
from portal.services.conventions.parties import parties_by_convention, parties_of
from portal.services.conventions.progress import progress_by_convention
from portal.services.conventions.rules import TRANSITIONS, ConventionError, S
from portal.services.editing import apply_edit
from portal.services.paging import paginate

# What a convention's form sets, besides its type.
EDITABLE = (
    "reference",
    "title_fr",
    "title_ar",
    "summary_fr",
    "summary_ar",
    "ecosystem_id",
    "signed_on",
    "effective_from",
    "ends_on",
    "budget_mad",
)

# --- reading -----------------------------------------------------------------------------------


@dataclass
class ConventionList:
    """A page of conventions with the progress, risk and parties of each."""

    pagination: Pagination
    conventions: list[Convention]
    progress: dict[int, tuple[float, bool]] = field(default_factory=dict)
    parties: dict[int, list[ConventionParty]] = field(default_factory=dict)


def list_conventions(
    *,
    include_drafts: bool,
    page: int,
    per_page: int,
    today: date,
    ecosystem: Ecosystem | None = None,
) -> ConventionList:
    """The live conventions (of one ecosystem, if given), most recently signed first (drafts
    only when asked: those who edit them), with their progress and at-risk on ``today`` and
    their parties. Read in the order of the (signed_on, id) index — (ecosystem_id,
    signed_on, id) for one ecosystem —, the newest first for the same day (issue 11)."""
    query = (
        select(Convention)
        .where(Convention.deleted_at.is_(None))
        .order_by(Convention.signed_on.desc().nulls_last(), Convention.id.desc())
    )
    if ecosystem is not None:
        query = query.where(Convention.ecosystem_id == ecosystem.id)
    if not include_drafts:
        query = query.where(Convention.status != ConventionStatus.DRAFT)
    pagination = paginate(query, page=page, per_page=per_page)
    items = list(pagination.items)
    return ConventionList(
        pagination,
        items,
        progress_by_convention(items, today),
        parties_by_convention([c.id for c in items]),
    )


@dataclass
class ConventionSummary:
    """What anyone may read of a convention that is not a draft."""

    convention: Convention
    parties: list[ConventionParty]
    progress: float


def summary(convention: Convention, today: date) -> ConventionSummary:
    """The public summary of a convention: its parties and its progress on ``today``."""
    progress, _at_risk = progress_by_convention([convention], today)[convention.id]
    return ConventionSummary(convention, parties_of(convention), progress)


def ecosystem_by_slug(slug: str | None) -> Ecosystem | None:
    """The ecosystem a list is filtered on, from its slug (none for an unknown one)."""
    if not slug:
        return None
    return db.session.execute(select(Ecosystem).where(Ecosystem.slug == slug)).scalar_one_or_none()


def ecosystem_choices() -> list[Ecosystem]:
    """The ecosystems a convention may belong to, by French name."""
    return list(db.session.execute(select(Ecosystem).order_by(Ecosystem.name_fr)).scalars())


def reference_taken(reference: str, convention_id: int | None = None) -> bool:
    """Whether another convention (a deleted one too) already has this reference."""
    query = (
        select(Convention.id)
        .where(Convention.reference == reference)
        .execution_options(include_deleted=True)
    )
    if convention_id is not None:
        query = query.where(Convention.id != convention_id)
    return db.session.execute(query).first() is not None


# --- creating and editing ----------------------------------------------------------------------


class ReferenceTaken(ConventionError):
    """Another convention already has this reference."""

    def __init__(self) -> None:
        super().__init__(_("Another convention already has this reference."))


def _values(fields: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: fields.get(name) for name in EDITABLE}
    values["reference"] = (values["reference"] or "").strip()
    return values


def create_convention(
    fields: Mapping[str, Any], convention_type: ConventionType, actor: User
) -> Convention:
    """Create a convention as a draft (``fields``: EDITABLE), the first line of its history
    naming ``actor``. Raises ReferenceTaken."""
    values = _values(fields)
    if reference_taken(values["reference"]):
        raise ReferenceTaken()
    convention = Convention(status=ConventionStatus.DRAFT, type=convention_type, **values)
    db.session.add(convention)
    db.session.flush()
    _record_creation(convention, actor)
    return convention


def update_convention(
    convention: Convention,
    version: object,
    fields: Mapping[str, Any],
    convention_type: ConventionType,
) -> None:
    """Save a convention's form (``fields``: EDITABLE). Raises ReferenceTaken, or StaleEdit
    when the convention changed since the form was opened."""
    values = _values(fields)
    if reference_taken(values["reference"], convention.id):
        raise ReferenceTaken()
    apply_edit(convention, version, {**values, "type": convention_type})


# --- status and amendments ---------------------------------------------------------------------


def change_status(
    convention: Convention, new_status: ConventionStatus, actor: User, comment: str = ""
) -> None:
    """Move a convention along its workflow; the change is kept with date, actor, comment."""
    old = convention.status
    if new_status not in TRANSITIONS[old]:
        raise ConventionError(
            _(
                "A convention cannot go from %(old)s to %(new)s.",
                old=old.label,
                new=new_status.label,
            )
        )
    if new_status == S.SIGNED:
        parties = db.session.execute(
            select(func.count(ConventionParty.id)).where(
                ConventionParty.convention_id == convention.id
            )
        ).scalar_one()
        if parties < 2:
            raise ConventionError(_("A convention needs at least two parties to be signed."))
        if convention.signed_on is None:
            raise ConventionError(_("Give the signature date before marking it signed."))
    if new_status in (S.SUSPENDED, S.TERMINATED) and not comment.strip():
        raise ConventionError(_("Say why the convention is suspended or terminated."))
    convention.status = new_status
    db.session.add(
        ConventionStatusChange(
            convention_id=convention.id,
            from_status=old,
            to_status=new_status,
            actor_id=actor.id,
            comment=comment.strip(),
        )
    )
    db.session.flush()


def _record_creation(convention: Convention, actor: User) -> None:
    """The first line of a convention's history."""
    db.session.add(
        ConventionStatusChange(
            convention_id=convention.id,
            from_status=None,
            to_status=convention.status,
            actor_id=actor.id,
            comment="",
        )
    )


def add_amendment(
    convention: Convention,
    *,
    signed_on: date,
    summary_fr: str,
    summary_ar: str,
    new_ends_on: date | None,
    new_budget_mad: Decimal | None,
    commitments_change_fr: str = "",
    commitments_change_ar: str = "",
) -> Amendment:
    """Record an amendment and apply what it changes; the values before are kept on it."""
    number = (
        db.session.execute(
            select(func.max(Amendment.number))
            .where(Amendment.convention_id == convention.id)
            .execution_options(include_deleted=True)
        ).scalar()
        or 0
    ) + 1
    amendment = Amendment(
        convention_id=convention.id,
        number=number,
        signed_on=signed_on,
        summary_fr=summary_fr,
        summary_ar=summary_ar,
        previous_ends_on=convention.ends_on,
        new_ends_on=new_ends_on,
        previous_budget_mad=convention.budget_mad,
        new_budget_mad=new_budget_mad,
        commitments_change_fr=commitments_change_fr,
        commitments_change_ar=commitments_change_ar,
    )
    db.session.add(amendment)
    if new_ends_on is not None:
        convention.ends_on = new_ends_on
    if new_budget_mad is not None:
        convention.budget_mad = new_budget_mad
    db.session.flush()
    return amendment
