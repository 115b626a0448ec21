"""The audit trail: who changed which business record, when, from what to what."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One change to one record. Stored untranslated; labels are translated when shown."""

    __tablename__ = "audit_entries"
    # The trail's order (newest first), alone and by record kind or action (issue 11).
    __table_args__ = (
        Index("ix_audit_entries_entity", "entity_type", "entity_id"),
        Index("ix_audit_entries_occurred", "occurred_at", "id"),
        Index("ix_audit_entries_type_occurred", "entity_type", "occurred_at", "id"),
        Index("ix_audit_entries_action_occurred", "action", "occurred_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # insert, update, delete (soft), restore, purge (a hard delete outside the interface)
    action: Mapped[str] = mapped_column(String(16))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    # {column: [before, after]}; redacted columns have both sides replaced by "***"
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ip_address: Mapped[str | None] = mapped_column(String(45))

    actor = relationship("User", lazy="raise", foreign_keys=[actor_id])
