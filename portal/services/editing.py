"""Guarded edits: a save based on an older version of a record is refused, never applied."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.models.base import VersionedMixin

# i18n: shown when a form was saved after someone else saved the same record
STALE_EDIT_MESSAGE = _l(
    "Someone else saved this record while you were editing it. Your changes were not "
    "saved; here is the current version."
)


class StaleEdit(Exception):
    """The record changed since the form was opened; the edit was not applied.

    Routes let it go: the application answers it (portal/errors.py) with STALE_EDIT_MESSAGE
    and the page of the form, or ``back`` when given."""

    def __init__(self, back: str | None = None) -> None:
        super().__init__(back)
        self.back = back


def check_version(record: VersionedMixin, submitted_version: Any) -> None:
    """Raise StaleEdit unless ``submitted_version`` is the record's current version (for a
    service that must know before other work, such as storing a file, that the edit holds)."""
    try:
        version = int(submitted_version)
    except (TypeError, ValueError):
        raise StaleEdit() from None
    if version != record.version:
        raise StaleEdit()


def apply_edit(record: VersionedMixin, submitted_version: Any, changes: dict[str, Any]) -> bool:
    """Apply ``changes`` if ``submitted_version`` is the record's current version.

    Returns whether anything changed. Raises StaleEdit when the form was based on an older
    version, or when another transaction saved the record between our read and our write.
    """
    check_version(record, submitted_version)
    changed = False
    for key, value in changes.items():
        if getattr(record, key) != value:
            setattr(record, key, value)
            changed = True
    if changed:
        try:
            db.session.flush()
        except StaleDataError:
            db.session.rollback()
            raise StaleEdit() from None
    return changed
