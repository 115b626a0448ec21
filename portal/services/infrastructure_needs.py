"""Infrastructure needs (issue 15, item 3): a company declares a need for a service (kind,
field, quantity per year, region, wanted by quarter) without addressing a body yet; it edits
(version-guarded) and withdraws (soft delete) its own. The needs count in the demand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from portal.authz.service_catalogue import need_scope
from portal.extensions import db
from portal.models import InfrastructureNeed, Organisation, ServiceField
from portal.models.base import utcnow
from portal.models.reference import REGIONS
from portal.services.editing import apply_edit
from portal.services.paging import paginate

MAX_QUANTITY = 1_000_000


class NeedError(ValueError):
    """Something the rules refuse; the message is translated."""


@dataclass
class NeedValues:
    """A need as typed in its form."""

    field_id: int
    description: str
    quantity_per_year: int
    region: str
    quarter: str


def valid_quarter(value: str) -> bool:
    """Whether a value is a quarter as "2027-Q1" (years 2000 to 2099)."""
    return (
        len(value) == 7
        and value[:2] == "20"
        and value[:4].isdigit()
        and value[4:6] == "-Q"
        and value[6] in "1234"
    )


def _changes(values: NeedValues) -> dict[str, Any]:
    service_field = field_of_any(values.field_id)
    if service_field is None:
        raise NeedError(_("Choose the field of the service requested."))
    if values.region not in REGIONS:
        raise NeedError(_("Choose a region."))
    if not valid_quarter(values.quarter):
        raise NeedError(_("Choose a quarter."))
    if not 0 < values.quantity_per_year <= MAX_QUANTITY:
        raise NeedError(_("Give a quantity between 1 and %(max)s.", max=MAX_QUANTITY))
    return {
        "kind": service_field.kind,
        "field_id": service_field.id,
        "description": (values.description or "").strip(),
        "quantity_per_year": values.quantity_per_year,
        "region": values.region,
        "quarter": values.quarter,
    }


def field_of_any(field_id: int | None) -> ServiceField | None:
    """The reference field of that id, whatever its kind, else None."""
    return db.session.get(ServiceField, field_id) if field_id else None


def declare_need(company: Organisation, values: NeedValues) -> InfrastructureNeed:
    """A company's infrastructure need (flushed): it counts in the demand at once."""
    if not company.is_beneficiary:
        raise NeedError(_("Only companies and public bodies declare needs."))
    need = InfrastructureNeed(organisation_id=company.id, **_changes(values))
    db.session.add(need)
    db.session.flush()
    return need


def update_need(need: InfrastructureNeed, version: Any, values: NeedValues) -> None:
    """Save an edit of a need based on ``version``; raises StaleEdit."""
    apply_edit(need, version, _changes(values))


def withdraw_need(need: InfrastructureNeed, version: Any) -> None:
    """Withdraw a need (kept, marked deleted); raises StaleEdit."""
    apply_edit(need, version, {"deleted_at": utcnow()})


def needs_page(user: Any, *, page: int, per_page: int):
    """One page of the needs the user may see, newest first (read in the creation index)."""
    query = (
        select(InfrastructureNeed)
        .where(need_scope(user))
        .order_by(InfrastructureNeed.created_at.desc(), InfrastructureNeed.id.desc())
    )
    return paginate(query, page=page, per_page=per_page)
