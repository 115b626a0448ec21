"""Organisation profiles and the accreditations of quality infrastructure bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import Accreditation, AccreditationStandard, InfrastructureType, Organisation
from portal.models.base import utcnow
from portal.services.editing import apply_edit
from portal.services.onboarding import find_by_ice


class IceTaken(ValueError):
    """Another organisation already holds the ICE."""

    def __init__(self) -> None:
        super().__init__(_("Another organisation already uses this ICE."))


def update_profile(organisation: Organisation, version: Any, changes: dict[str, Any]) -> None:
    """Save an edit of the profile based on ``version``; raises IceTaken or StaleEdit."""
    holder = find_by_ice(changes["ice"]) if changes.get("ice") else None
    if holder is not None and holder.id != organisation.id:
        raise IceTaken()
    apply_edit(organisation, version, changes)


def accreditations_of(organisation: Organisation) -> list[Accreditation]:
    """The organisation's accreditations, the longest valid first."""
    return list(
        db.session.execute(
            select(Accreditation)
            .where(Accreditation.organisation_id == organisation.id)
            .order_by(Accreditation.valid_until.desc())
        ).scalars()
    )


def accrediting_bodies() -> list[Organisation]:
    """The accreditation bodies, by name (who may have granted an accreditation)."""
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.infrastructure_type == InfrastructureType.ACCREDITATION_BODY)
            .order_by(Organisation.name_fr)
        ).scalars()
    )


@dataclass
class AccreditationValues:
    """An accreditation as typed in its form."""

    standard: AccreditationStandard
    certificate_number: str
    accrediting_body_id: int | None
    scope_fr: str
    scope_ar: str
    valid_until: date | None
    valid_from: date | None = None
    accrediting_body_name: str = ""

    def as_changes(self) -> dict[str, Any]:
        """The values as model attributes (the number trimmed, empty scopes as '')."""
        return {
            "standard": self.standard,
            "certificate_number": self.certificate_number.strip(),
            "accrediting_body_id": self.accrediting_body_id or None,
            "scope_fr": self.scope_fr or "",
            "scope_ar": self.scope_ar or "",
            "valid_until": self.valid_until,
            "valid_from": self.valid_from,
            "accrediting_body_name": (self.accrediting_body_name or "").strip(),
        }


def record_accreditation(organisation: Organisation, values: AccreditationValues) -> Accreditation:
    """Record an accreditation of a quality infrastructure body."""
    accreditation = Accreditation(organisation_id=organisation.id, **values.as_changes())
    db.session.add(accreditation)
    db.session.flush()
    return accreditation


def update_accreditation(
    accreditation: Accreditation, version: Any, values: AccreditationValues
) -> None:
    """Save an edit of an accreditation based on ``version``; raises StaleEdit."""
    apply_edit(accreditation, version, values.as_changes())


def remove_accreditation(accreditation: Accreditation) -> None:
    """Remove an accreditation (kept in the database, marked deleted)."""
    accreditation.deleted_at = utcnow()
    db.session.flush()
