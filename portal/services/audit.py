"""Writes the audit trail by itself: every flush of an audited model leaves an entry.

Services never call this module; the session listener below sees inserts, updates,
soft deletes and restores of every model marked ``Audited`` and records them in the
same transaction, so a rolled-back change leaves no entry and a committed one always has.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import g, has_app_context, has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from portal.models.audit import AuditEntry
from portal.models.base import Audited, primary_key_of, utcnow

REDACTED = "***"


def set_actor(user_id: int | None) -> None:
    """Name the user whose changes the current app context makes (CLI, background jobs)."""
    g.audit_actor_id = user_id


def _actor_id() -> int | None:
    if has_app_context():
        return g.get("audit_actor_id")
    return None


def _ip_address() -> str | None:
    return request.remote_addr if has_request_context() else None


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _column_keys(obj: Audited) -> list[str]:
    mapper = inspect(obj).mapper
    ignored = set(obj.__audit_ignored__)
    return [attr.key for attr in mapper.column_attrs if attr.key not in ignored]


def _side(obj: Audited, key: str, value: Any) -> Any:
    return REDACTED if key in obj.__audit_redacted__ and value is not None else _plain(value)


def _insert_changes(obj: Audited) -> dict[str, list[Any]]:
    changes = {}
    for key in _column_keys(obj):
        value = getattr(obj, key)
        if value is not None:
            changes[key] = [None, _side(obj, key, value)]
    return changes


def _update_changes(obj: Audited) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes = {}
    for key in _column_keys(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before == after:
            continue
        changes[key] = [_side(obj, key, before), _side(obj, key, after)]
    return changes


def _entry(action: str, obj: Audited, changes: dict[str, list[Any]]) -> dict[str, Any]:
    return {
        "occurred_at": utcnow(),
        "actor_id": _actor_id(),
        "action": action,
        "entity_type": obj.__tablename__,
        "entity_id": primary_key_of(obj),
        "changes": changes,
        "ip_address": _ip_address(),
    }


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, flush_context: Any) -> None:
    """Turn what this flush wrote to audited models into audit entries."""
    rows = []
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.append(_entry("insert", obj, _insert_changes(obj)))
    for obj in session.dirty:
        if not isinstance(obj, Audited) or obj in session.new:
            continue
        changes = _update_changes(obj)
        if not changes:
            continue
        action = "update"
        if "deleted_at" in changes:
            before, after = changes["deleted_at"]
            action = "delete" if before is None and after is not None else "restore"
        rows.append(_entry(action, obj, changes))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            before = {k: [_side(obj, k, getattr(obj, k)), None] for k in _column_keys(obj)}
            rows.append(_entry("purge", obj, before))
    if rows:
        session.connection().execute(AuditEntry.__table__.insert(), rows)
