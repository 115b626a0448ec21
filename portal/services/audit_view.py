"""Reading the audit trail: filters, pagination, and each entry told in words.

Entries are stored untranslated, with table and column names and JSON values; here they
become lines a reader understands: the kind of record and its number (with a link where the
record has a page), each changed field's label, and values typed for display (labels of
choices, yes/no, dates and times, amounts), translated when shown.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Boolean, Date, DateTime, Enum, Numeric, func, inspect, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.i18n import LANGUAGE_NAMES, localized
from portal.models import AuditEntry, Ecosystem, Organisation, User
from portal.models.base import Audited
from portal.models.reference import region_label
from portal.services.audit import REDACTED
from portal.services.audit_labels import (
    FIELD_LABELS,
    IN_ARABIC,
    IN_ENGLISH,
    IN_FRENCH,
    RECORD_LABELS,
)
from portal.services.paging import paginate

AUDITED_ENTITIES = RECORD_LABELS

AUDIT_ACTIONS = {
    # i18n: audit trail action
    "insert": _l("Created"),
    # i18n: audit trail action
    "update": _l("Changed"),
    # i18n: audit trail action
    "delete": _l("Deleted"),
    # i18n: audit trail action
    "restore": _l("Restored"),
    # i18n: audit trail action, a row removed outside the portal's pages
    "purge": _l("Removed"),
}

# Fields a creation line leaves out: the entry's own number, date and (empty) deletion.
NOT_SHOWN_ON_CREATION = {"id", "created_at", "deleted_at"}

# Records that have a page of their own: the endpoint and the name of its id argument.
RECORD_PAGES = {
    "organisations": ("organisations.show", "organisation_id"),
    "conventions": ("conventions.show", "convention_id"),
    "support_cases": ("certification.case", "case_id"),
    "certificates": ("certification.certificate", "certificate_id"),
    "service_requests": ("service_requests.show", "request_id"),
    "training_sessions": ("training.session", "session_id"),
    "quality_experts": ("experts.detail", "expert_id"),
}

LANGUAGE_SUFFIXES = {"_fr": IN_FRENCH, "_ar": IN_ARABIC, "_en": IN_ENGLISH}


@dataclass
class ShownValue:
    """A value typed for display: ``kind`` is empty, yes, no, date, datetime, number,
    record (a number of another record, with its ``name`` when known), hidden (a secret) or
    text."""

    kind: str
    value: Any = None
    name: str = ""
    table: str = ""


@dataclass
class ShownChange:
    """One field of a record, before and after."""

    label: str
    before: ShownValue
    after: ShownValue


@dataclass
class AuditLine:
    """An audit entry told in words."""

    entry: AuditEntry
    record: str
    url: str | None
    action: str
    changes: list[ShownChange] = field(default_factory=list)


def audited_models() -> dict[str, type[Audited]]:
    """Every audited model by its table name."""
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in db.Model.registry.mappers
        if issubclass(mapper.class_, Audited)
    }


def field_label(key: str) -> str:
    """A column's label; ``name_fr`` is "Name (French)"."""
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    stem, suffix = key[:-3], key[-3:]
    if suffix in LANGUAGE_SUFFIXES and stem in FIELD_LABELS:
        return str(LANGUAGE_SUFFIXES[suffix]) % {"field": FIELD_LABELS[stem]}
    return key


def _shown(column: Any, key: str, value: Any) -> ShownValue:
    """A stored JSON value read back with its column's type."""
    if value is None or value == "":
        return ShownValue("empty")
    if value == REDACTED:
        return ShownValue("hidden")
    if column is None:
        return ShownValue("text", value)
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        return ShownValue("record", value, table=target)
    column_type = column.type
    try:
        if isinstance(column_type, Boolean):
            return ShownValue("yes" if value else "no")
        if isinstance(column_type, Enum) and isinstance(column_type.enum_class, type):
            choice: enum.Enum = column_type.enum_class(value)
            return ShownValue("text", str(getattr(choice, "label", choice.value)))
        if isinstance(column_type, DateTime) or isinstance(
            getattr(column_type, "impl", None), DateTime
        ):
            return ShownValue("datetime", datetime.fromisoformat(value))
        if isinstance(column_type, Date):
            return ShownValue("date", date.fromisoformat(value))
        if isinstance(column_type, Numeric):
            return ShownValue("number", Decimal(str(value)))
    except (ValueError, TypeError, InvalidOperation):
        return ShownValue("text", value)
    if key == "region":
        return ShownValue("text", region_label(value) or value)
    if key == "preferred_locale":
        return ShownValue("text", LANGUAGE_NAMES.get(value, value))
    if isinstance(value, list | dict):
        return ShownValue("text", ", ".join(str(item) for item in value))
    return ShownValue("text", value)


def describe(entry: AuditEntry, models: dict[str, type[Audited]] | None = None) -> AuditLine:
    """One entry in words."""
    models = models if models is not None else audited_models()
    model = models.get(entry.entity_type)
    columns = inspect(model).columns if model is not None else {}
    label = RECORD_LABELS.get(entry.entity_type)
    # i18n: a record in the audit trail: its kind, then its number, e.g. "Training need no. 14"
    record = _(
        "%(record)s no. %(number)s", record=label or entry.entity_type, number=entry.entity_id
    )
    page = RECORD_PAGES.get(entry.entity_type)
    url = None
    if page and entry.action != "purge" and str(entry.entity_id).isdigit():
        url = url_for(page[0], **{page[1]: int(entry.entity_id)})
    changes = []
    for key, (before, after) in sorted((entry.changes or {}).items()):
        if entry.action == "insert" and key in NOT_SHOWN_ON_CREATION:
            continue
        column = columns.get(key) if columns else None
        changes.append(
            ShownChange(field_label(key), _shown(column, key, before), _shown(column, key, after))
        )
    changes.sort(key=lambda change: change.label)
    return AuditLine(
        entry=entry,
        record=record,
        url=url,
        action=str(AUDIT_ACTIONS.get(entry.action, entry.action)),
        changes=changes,
    )


def describe_all(entries: list[AuditEntry]) -> list[AuditLine]:
    """Entries in words (the models are looked up once), the organisations, people and
    ecosystems they point at named (one query per kind of record, whatever the page)."""
    models = audited_models()
    lines = [describe(entry, models) for entry in entries]
    wanted: dict[str, set[int]] = {table: set() for table in NAMED_RECORDS}
    shown = [
        value
        for line in lines
        for change in line.changes
        for value in (change.before, change.after)
        if value.kind == "record" and value.table in NAMED_RECORDS
    ]
    for value in shown:
        if isinstance(value.value, int):
            wanted[value.table].add(value.value)
    names: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        if ids:
            names.update(((table, key), name) for key, name in NAMED_RECORDS[table](ids))
    for value in shown:
        value.name = names.get((value.table, value.value), "")
    return lines


def _organisation_names(ids: set[int]) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Organisation).where(Organisation.id.in_(ids)).execution_options(include_deleted=True)
    ).scalars()
    return [(o.id, localized(o, "name")) for o in rows]


def _user_names(ids: set[int]) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(User.id, User.full_name)
        .where(User.id.in_(ids))
        .execution_options(include_deleted=True)
    )
    return [(user_id, name) for user_id, name in rows]


def _ecosystem_names(ids: set[int]) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Ecosystem).where(Ecosystem.id.in_(ids)).execution_options(include_deleted=True)
    ).scalars()
    return [(e.id, localized(e, "name")) for e in rows]


# Records named in the changes rather than numbered: their table and how to read names.
NAMED_RECORDS = {
    "organisations": _organisation_names,
    "users": _user_names,
    "ecosystems": _ecosystem_names,
}


def record_choices() -> list[tuple[str, str]]:
    """The kinds of records, for the filter, sorted by their label in the reader's language."""
    return sorted(((key, str(label)) for key, label in RECORD_LABELS.items()), key=lambda c: c[1])


def newest_entry_id() -> int:
    """The id of the newest audit entry (0 when none): entries are only ever added, so it
    says which entries there are (the key of the kept audit pages)."""
    return db.session.execute(select(func.max(AuditEntry.id))).scalar() or 0


def audit_page(*, entity: str | None, action: str | None, page: int, per_page: int) -> Pagination:
    """One page of audit entries, each with its actor loaded in the same query."""
    query = (
        select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .order_by(AuditEntry.occurred_at.desc(), AuditEntry.id.desc())
        .execution_options(include_deleted=True)
    )
    if entity:
        query = query.where(AuditEntry.entity_type == entity)
    if action:
        query = query.where(AuditEntry.action == action)
    return paginate(query, page=page, per_page=per_page)
