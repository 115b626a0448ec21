"""Quality experts: one's own profile (create, edit, delete, restore) and the directory."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, literal, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    Availability,
    CompetencyKind,
    Ecosystem,
    ExpertCompetency,
    QualityExpert,
    User,
)
from portal.models.base import utcnow
from portal.services.editing import StaleEdit, apply_edit
from portal.services.paging import paginate
from portal.text_search import like_pattern, search_words

# --- accent-insensitive names without a stored folded column ---------------------------------

# --- own profile ------------------------------------------------------------------------------


@dataclass
class ProfileData:
    """What the owner submits: the profile's columns and its competency codes by kind."""

    values: dict[str, Any]
    competencies: dict[CompetencyKind, list[str]] = field(default_factory=dict)


def own_profile(user: User, *, include_deleted: bool = False) -> QualityExpert | None:
    """The user's expert profile (a soft-deleted one only when asked), or None."""
    statement = select(QualityExpert).where(QualityExpert.user_id == user.id)
    if include_deleted:
        statement = statement.execution_options(include_deleted=True)
    return db.session.execute(statement).scalars().first()


def _competency_set(expert: QualityExpert) -> set[tuple[CompetencyKind, str]]:
    return {(c.kind, c.code) for c in expert.competencies}


def _wanted_set(data: ProfileData) -> set[tuple[CompetencyKind, str]]:
    return {(kind, code) for kind, codes in data.competencies.items() for code in codes}


def _replace_competencies(expert: QualityExpert, wanted: set[tuple[CompetencyKind, str]]) -> None:
    """Keep the rows still wanted, drop the others (delete-orphan), add the new ones."""
    kept = [c for c in expert.competencies if (c.kind, c.code) in wanted]
    have = {(c.kind, c.code) for c in kept}
    added = [ExpertCompetency(kind=kind, code=code) for kind, code in sorted(wanted - have)]
    expert.competencies = kept + added


def _clean(data: ProfileData) -> dict[str, Any]:
    values = dict(data.values)
    values["full_name"] = unicodedata.normalize("NFC", values["full_name"].strip())
    return values


def save_own_profile(user: User, submitted_version: Any, data: ProfileData) -> QualityExpert:
    """Create, edit or restore the user's own profile; never touches another user's row.

    Editing a live profile is guarded by its version: StaleEdit when the form is older, when
    a creation form (no version) arrives after the profile was created elsewhere, or when an
    edit form arrives after the profile was deleted.
    """
    expert = own_profile(user, include_deleted=True)
    creating = not str(submitted_version or "").strip()
    values = _clean(data)
    wanted = _wanted_set(data)
    if expert is None:
        expert = QualityExpert(user_id=user.id, **values)
        _replace_competencies(expert, wanted)
        db.session.add(expert)
        try:
            db.session.flush()
        except IntegrityError:
            # The same user created it in another tab at the same moment.
            db.session.rollback()
            raise StaleEdit() from None
        return expert
    if expert.is_deleted:
        if not creating:
            raise StaleEdit()
        # Creating again restores the same row (user_id is unique), with the new values.
        for key, value in values.items():
            setattr(expert, key, value)
        expert.deleted_at = None
        _replace_competencies(expert, wanted)
        db.session.flush()
        return expert
    if wanted != _competency_set(expert):
        # Competencies live in child rows: touch the profile so its version moves too.
        values["updated_at"] = utcnow()
    apply_edit(expert, submitted_version, values)
    _replace_competencies(expert, wanted)
    db.session.flush()
    return expert


def delete_own_profile(user: User) -> bool:
    """Soft-delete the user's profile; False when there is none."""
    expert = own_profile(user)
    if expert is None:
        return False
    expert.deleted_at = utcnow()
    db.session.flush()
    return True


# --- reading ----------------------------------------------------------------------------------


def sectors() -> dict[str, Ecosystem]:
    """The ecosystems by slug (the codes of sector competencies), in one query."""
    rows = db.session.execute(select(Ecosystem).order_by(Ecosystem.name_fr)).scalars()
    return {ecosystem.slug: ecosystem for ecosystem in rows}


@dataclass
class DirectoryFilters:
    """What the directory is filtered by; None means any."""

    standard: str | None = None
    topic: str | None = None
    sector: str | None = None
    region: str | None = None
    language: str | None = None
    availability: Availability | None = None
    query: str = ""

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any(
            (
                self.standard,
                self.topic,
                self.sector,
                self.region,
                self.language,
                self.availability,
                self.query.strip(),
            )
        )


def _has_competency(kind: CompetencyKind, code: str) -> ColumnElement[bool]:
    return (
        select(ExpertCompetency.id)
        .where(
            ExpertCompetency.expert_id == QualityExpert.id,
            ExpertCompetency.kind == kind,
            ExpertCompetency.code == code,
        )
        .exists()
    )


def directory_page(filters: DirectoryFilters, *, page: int, per_page: int) -> Pagination:
    """One page of the visible experts matching the filters, sorted by name, all in SQL."""
    statement = (
        select(QualityExpert)
        .where(
            QualityExpert.visible.is_(True),
            # Profiles of deactivated accounts leave the directory with them.
            # (Probed row by row: the directory reads experts in its order and stops at the
            # page, and a search with LIKE '%word%' is bounded the same way.)
            select(User.id).where(User.id == QualityExpert.user_id, User.active.is_(True)).exists(),
        )
        .order_by(QualityExpert.search_text, QualityExpert.id)
    )
    for kind, code in (
        (CompetencyKind.STANDARD, filters.standard),
        (CompetencyKind.TOPIC, filters.topic),
        (CompetencyKind.SECTOR, filters.sector),
    ):
        if code:
            statement = statement.where(_has_competency(kind, code))
    if filters.region:
        statement = statement.where(QualityExpert.region == filters.region)
    if filters.language:
        listed = literal(",") + QualityExpert.languages + literal(",")
        pattern = like_pattern(f",{filters.language},")
        statement = statement.where(listed.like(pattern, escape="\\"))
    if filters.availability:
        statement = statement.where(QualityExpert.availability == filters.availability)
    for word in search_words(filters.query):
        statement = statement.where(QualityExpert.search_text.like(like_pattern(word), escape="\\"))
    return paginate(statement, page=page, per_page=per_page)
