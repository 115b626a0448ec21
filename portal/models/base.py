"""Column types and mixins shared by the models: timestamps, soft delete, optimistic lock."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, event, inspect
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    declared_attr,
    mapped_column,
    with_loader_criteria,
)
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every database and always gives back an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


# Translated labels of enum members, keyed by (enum class, value): members of different
# enums with the same value ("active") compare equal, so the class is part of the key.
_LABELS: dict[tuple[type, str], Any] = {}


class LabelledEnum(enum.StrEnum):
    """A model enum whose members have a translated label (``member.label``)."""

    @property
    def label(self) -> str:
        return str(_LABELS[(type(self), self.value)])


def set_labels(labels: Mapping[LabelledEnum, Any]) -> None:
    """Register the (lazy) labels of an enum's members; every member must have one."""
    classes = {type(member) for member in labels}
    for cls in classes:
        missing = set(cls) - set(labels)
        if missing:
            raise ValueError(f"{cls.__name__} members without a label: {missing}")
    _LABELS.update({(type(member), member.value): label for member, label in labels.items()})


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: VARCHAR with a CHECK constraint on every database."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )


class TimestampMixin:
    """When the row was created and last changed."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )


class SoftDeleteMixin:
    """Rows are marked deleted, never removed; queries leave them out unless asked."""

    # Who deleted the row is in the audit trail's "delete" entry, not repeated here.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    @property
    def is_deleted(self) -> bool:
        """Whether the row has been soft-deleted."""
        return self.deleted_at is not None


class VersionedMixin:
    """An optimistic-lock counter: an UPDATE of a stale version fails instead of overwriting."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class Audited:
    """Marker: inserts, updates and soft deletes of this model are written to the audit trail.

    ``__audit_redacted__`` names columns whose change is recorded without its values.
    """

    __audit_redacted__: tuple[str, ...] = ()
    __audit_ignored__: tuple[str, ...] = ("updated_at", "version")


@event.listens_for(Session, "do_orm_execute")
def _hide_soft_deleted(state: ORMExecuteState) -> None:
    """Leave soft-deleted rows out of every ORM SELECT unless ``include_deleted`` is set."""
    if (
        state.is_select
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get("include_deleted", False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(
                SoftDeleteMixin,
                lambda cls: cls.deleted_at.is_(None),
                include_aliases=True,
            )
        )


def primary_key_of(obj: object) -> str:
    """The primary key of a mapped object as text (for audit entries)."""
    # The mapper reads the key from the attributes, so it works inside a flush too, before
    # the object's identity key is set.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return "-".join(str(part) for part in key)
