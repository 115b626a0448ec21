"""Who offers what (issue 15, item 1): the reference fields of each kind of service, a body's
or research centre's service catalogue (kept by its own users, version-guarded, soft
deleted, audited), the accreditations covering its entries, the directory of what bodies
offer, and the bodies a company may address for a kind, field and region (accredited first).

"Accredited" is derived from the accreditation's dates on the day asked, never stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, or_, select

from portal.bounds import query_int
from portal.extensions import db
from portal.models import (
    SERVICE_PROVIDER_KINDS,
    Accreditation,
    Organisation,
    ServiceField,
    ServiceKind,
    ServiceOffer,
)
from portal.models.base import utcnow
from portal.models.reference import REGIONS
from portal.models.service_catalogue import regions_text
from portal.services.editing import apply_edit, check_version
from portal.services.paging import paginate


class CatalogueError(ValueError):
    """Something the catalogue's rules refuse; the message is translated."""


# --- reference fields --------------------------------------------------------------------------


def fields_by_kind() -> dict[ServiceKind, list[ServiceField]]:
    """The reference fields of each kind of service, in their order (one query)."""
    grouped: dict[ServiceKind, list[ServiceField]] = defaultdict(list)
    for service_field in db.session.execute(
        select(ServiceField).order_by(ServiceField.kind, ServiceField.position, ServiceField.id)
    ).scalars():
        grouped[service_field.kind].append(service_field)
    return dict(grouped)


def field_of(kind: ServiceKind, field_id: int | None) -> ServiceField | None:
    """The reference field of that id if it belongs to the kind, else None."""
    if not field_id:
        return None
    service_field = db.session.get(ServiceField, field_id)
    return service_field if service_field is not None and service_field.kind == kind else None


def fields_by_id(ids: Iterable[int]) -> dict[int, ServiceField]:
    """Reference fields by id (one query)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = db.session.execute(select(ServiceField).where(ServiceField.id.in_(wanted))).scalars()
    return {row.id: row for row in rows}


# --- accreditation validity --------------------------------------------------------------------


def valid_accreditation_clause(today: date):
    """SQL: the accreditation (joined, maybe outer) is there, live and in force on the day."""
    return and_(
        Accreditation.id.is_not(None),
        Accreditation.deleted_at.is_(None),
        or_(Accreditation.valid_from.is_(None), Accreditation.valid_from <= today),
        or_(Accreditation.valid_until.is_(None), Accreditation.valid_until >= today),
    )


def is_accredited(offer: ServiceOffer, today: date) -> bool:
    """Whether an entry is covered by an accreditation in force on the day."""
    return offer.accreditation is not None and offer.accreditation.is_valid_on(today)


# --- a body's catalogue --------------------------------------------------------------------------


@dataclass
class OfferValues:
    """A catalogue entry as typed in its form."""

    kind: ServiceKind
    field_id: int
    coverage: str
    regions: list[str]
    lead_time_days: int | None
    accreditation_id: int | None = None


def _changes(body: Organisation, values: OfferValues) -> dict[str, Any]:
    if field_of(values.kind, values.field_id) is None:
        raise CatalogueError(_("Choose a field of the service chosen."))
    regions = [code for code in values.regions if code in REGIONS]
    if not regions:
        raise CatalogueError(_("Choose at least one region served."))
    accreditation_id = values.accreditation_id or None
    if accreditation_id is not None:
        accreditation = db.session.get(Accreditation, accreditation_id)
        if accreditation is None or accreditation.organisation_id != body.id:
            raise CatalogueError(_("Choose one of your organisation's accreditations."))
    return {
        "kind": values.kind,
        "field_id": values.field_id,
        "coverage": (values.coverage or "").strip(),
        "regions": regions_text(regions),
        "lead_time_days": values.lead_time_days,
        "accreditation_id": accreditation_id,
    }


def add_offer(body: Organisation, values: OfferValues) -> ServiceOffer:
    """Add an entry to a body's or centre's catalogue (flushed)."""
    if body.kind not in SERVICE_PROVIDER_KINDS:
        raise CatalogueError(_("Only quality infrastructure bodies and centres offer services."))
    offer = ServiceOffer(body_id=body.id, **_changes(body, values))
    db.session.add(offer)
    db.session.flush()
    return offer


def update_offer(offer: ServiceOffer, version: Any, values: OfferValues) -> None:
    """Save an edit of a catalogue entry based on ``version``; raises StaleEdit."""
    check_version(offer, version)
    body = db.session.get(Organisation, offer.body_id)
    apply_edit(offer, version, _changes(body, values))


def remove_offer(offer: ServiceOffer, version: Any) -> None:
    """Take an entry out of the catalogue (kept, marked deleted); raises StaleEdit."""
    apply_edit(offer, version, {"deleted_at": utcnow()})


def catalogue_of(body_id: int) -> list[ServiceOffer]:
    """A body's live catalogue entries, by kind and field (one query; bounded by the kinds
    and fields of the reference list, and the regions)."""
    return list(
        db.session.execute(
            select(ServiceOffer)
            .join(ServiceField, ServiceField.id == ServiceOffer.field_id)
            .where(ServiceOffer.body_id == body_id)
            .order_by(ServiceOffer.kind, ServiceField.position, ServiceOffer.id)
            .limit(CATALOGUE_LIMIT)
        ).scalars()
    )


CATALOGUE_LIMIT = 500


def accreditations_of(body_id: int) -> list[Accreditation]:
    """A body's live accreditations, the latest valid first."""
    return list(
        db.session.execute(
            select(Accreditation)
            .where(Accreditation.organisation_id == body_id)
            .order_by(Accreditation.valid_until.desc(), Accreditation.id)
        ).scalars()
    )


def set_covered_offers(accreditation: Accreditation, offer_ids: Iterable[int]) -> None:
    """The catalogue entries of the accreditation's body that it covers: the chosen ones
    point at it, those it covered and are no longer chosen point at nothing (flushed; each
    change is in the entry's audit trail)."""
    chosen = set(offer_ids)
    for offer in catalogue_of(accreditation.organisation_id):
        if offer.id in chosen and offer.accreditation_id != accreditation.id:
            offer.accreditation_id = accreditation.id
        elif offer.id not in chosen and offer.accreditation_id == accreditation.id:
            offer.accreditation_id = None
    db.session.flush()


# --- who offers a service ------------------------------------------------------------------------


@dataclass
class Provider:
    """A body or centre offering a kind and field of service in a region, accredited for it
    (on the day asked) or not, with its shortest lead time."""

    body: Organisation
    accredited: bool = False
    accredited_until: date | None = None
    lead_time_days: int | None = None
    offers: list[ServiceOffer] = field(default_factory=list)


def _covering(kind: ServiceKind, field_id: int, region: str | None):
    conditions = [
        ServiceOffer.kind == kind,
        ServiceOffer.field_id == field_id,
        ServiceOffer.deleted_at.is_(None),
    ]
    if region:
        conditions.append(ServiceOffer.regions.contains(region))
    return conditions


def providers_for(
    kind: ServiceKind, field_id: int, region: str | None, today: date
) -> list[Provider]:
    """The live bodies and centres whose catalogue covers the kind and field in the region:
    accredited (on the day) first, then by name (two queries)."""
    offers = list(
        db.session.execute(
            select(ServiceOffer)
            .join(Organisation, Organisation.id == ServiceOffer.body_id)
            .where(
                *_covering(kind, field_id, region),
                Organisation.kind.in_(SERVICE_PROVIDER_KINDS),
                Organisation.deleted_at.is_(None),
            )
            .order_by(ServiceOffer.body_id, ServiceOffer.id)
            .limit(CATALOGUE_LIMIT)
        ).scalars()
    )
    bodies = {
        body.id: body
        for body in db.session.execute(
            select(Organisation).where(Organisation.id.in_({o.body_id for o in offers}))
        ).scalars()
    }
    found: dict[int, Provider] = {}
    for offer in offers:
        provider = found.setdefault(offer.body_id, Provider(bodies[offer.body_id]))
        provider.offers.append(offer)
        if is_accredited(offer, today):
            provider.accredited = True
            until = offer.accreditation.valid_until
            if until is not None and (
                provider.accredited_until is None or until > provider.accredited_until
            ):
                provider.accredited_until = until
        if offer.lead_time_days is not None and (
            provider.lead_time_days is None or offer.lead_time_days < provider.lead_time_days
        ):
            provider.lead_time_days = offer.lead_time_days
    return sorted(
        found.values(),
        key=lambda p: (not p.accredited, (p.body.acronym or p.body.name_fr).casefold(), p.body.id),
    )


def covers(body_id: int, kind: ServiceKind, field_id: int, region: str | None) -> bool:
    """Whether the body's live catalogue covers the kind and field in the region."""
    return bool(
        db.session.execute(
            select(
                exists().where(ServiceOffer.body_id == body_id, *_covering(kind, field_id, region))
            )
        ).scalar()
    )


# --- the directory of what bodies offer ----------------------------------------------------------


@dataclass
class DirectoryFilters:
    """The directory's filters, read from the query string; unknown values are ignored."""

    kind: str = ""
    field: int = 0
    region: str = ""

    @classmethod
    def from_args(cls, args: Any) -> DirectoryFilters:
        kind = args.get("kind", "")
        kind = kind if kind in {k.value for k in ServiceKind} else ""
        region = args.get("region", "")
        field_id = query_int(args, "field")
        service_field = field_of(ServiceKind(kind), field_id) if kind and field_id else None
        return cls(
            kind=kind,
            field=service_field.id if service_field else 0,
            region=region if region in REGIONS else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.field or self.region)


def directory_page(filters: DirectoryFilters, *, page: int, per_page: int):
    """One page of the bodies and centres with a live catalogue entry matching the filters,
    by name. Unfiltered, read in the names' index, each body probed for an entry (most bodies
    have one: the page fills at once). Filtered, read from the matching entries (a few per
    body): probing every organisation for a rare kind and region read most of the 100,000
    organisations (0.8 s at national scale)."""
    conditions = [ServiceOffer.deleted_at.is_(None)]
    if filters.kind:
        conditions.append(ServiceOffer.kind == ServiceKind(filters.kind))
    if filters.field:
        conditions.append(ServiceOffer.field_id == filters.field)
    if filters.region:
        conditions.append(ServiceOffer.regions.contains(filters.region))
    query = (
        select(Organisation)
        .where(
            Organisation.kind.in_(SERVICE_PROVIDER_KINDS),
            Organisation.id.in_(select(ServiceOffer.body_id).where(*conditions))
            if filters.active
            else exists().where(ServiceOffer.body_id == Organisation.id, *conditions),
        )
        .order_by(Organisation.name_fr, Organisation.id)
    )
    return paginate(query, page=page, per_page=per_page)


def offers_of(body_ids: Iterable[int]) -> dict[int, list[ServiceOffer]]:
    """The live catalogue entries of bodies, by body (one query, a page of bodies)."""
    grouped: dict[int, list[ServiceOffer]] = defaultdict(list)
    ids = list(body_ids)
    if ids:
        for offer in db.session.execute(
            select(ServiceOffer)
            .where(ServiceOffer.body_id.in_(ids))
            .order_by(ServiceOffer.body_id, ServiceOffer.kind, ServiceOffer.id)
        ).scalars():
            grouped[offer.body_id].append(offer)
    return grouped


def offer_count(body_id: int) -> int:
    """How many live entries a body's catalogue holds."""
    return db.session.execute(
        select(func.count(ServiceOffer.id)).where(ServiceOffer.body_id == body_id)
    ).scalar_one()
