"""Who offers what (issue 15): the reference fields of each kind of service, the service
catalogue of each infrastructure body or research centre (kind, field, what it covers,
regions served, lead time, the accreditation covering it), and the infrastructure needs a
company declares before addressing any body."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import (
    Audited,
    SoftDeleteMixin,
    TimestampMixin,
    VersionedMixin,
    enum_column,
)
from portal.models.organisation import Accreditation, Organisation
from portal.models.reference import REGION_CODES
from portal.models.service_requests import ServiceKind


class ServiceField(db.Model):
    """A field of a kind of service (calibration: mass, temperature…; testing: chemical,
    EMC…): reference data written by the migrations, with its names in three languages."""

    __tablename__ = "service_fields"
    __table_args__ = (Index("ix_service_fields_kind_position", "kind", "position", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "service_field_kind"))
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def label(self) -> str:
        """The field's name in the current language (English for an English reader)."""
        language = str(get_locale() or "fr")[:2]
        return getattr(self, f"name_{language}", None) or self.name_fr


def regions_text(codes: list[str] | tuple[str, ...]) -> str:
    """The regions served as stored: known codes, in the reference order, space-separated."""
    chosen = set(codes)
    return " ".join(code for code in REGION_CODES if code in chosen)


class ServiceOffer(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """One entry of a body's service catalogue: a kind and field of service, what it covers
    (standards, measured quantities and ranges), the regions it serves, its usual lead time,
    and the accreditation covering it if any (accredited is derived from that
    accreditation's dates)."""

    __tablename__ = "service_offers"
    __table_args__ = (
        CheckConstraint("lead_time_days IS NULL OR lead_time_days >= 0", name="lead_time"),
        # A body's catalogue in its order; the bodies offering a kind and field.
        Index("ix_service_offers_body", "body_id", "kind", "field_id", "id", "deleted_at"),
        Index("ix_service_offers_kind_field", "kind", "field_id", "body_id", "deleted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "service_offer_kind"))
    field_id: Mapped[int] = mapped_column(ForeignKey("service_fields.id"))
    # Standards or measured quantities (and ranges) covered, as the body writes them.
    coverage: Mapped[str] = mapped_column(Text, default="")
    # Region codes served, space-separated in the reference order ("MA-01 MA-06").
    regions: Mapped[str] = mapped_column(String(100), default="")
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    accreditation_id: Mapped[int | None] = mapped_column(
        ForeignKey("accreditations.id"), index=True
    )

    body: Mapped[Organisation] = relationship(lazy="raise")
    field: Mapped[ServiceField] = relationship(lazy="joined")
    accreditation: Mapped[Accreditation | None] = relationship(lazy="joined")

    @property
    def region_codes(self) -> list[str]:
        return self.regions.split() if self.regions else []


class InfrastructureNeed(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A company's declared need for a service, not yet addressed to any body ("calibration of
    torque wrenches, 40 a year, Tangier"): it counts in the demand of its cell."""

    __tablename__ = "infrastructure_needs"
    __table_args__ = (
        CheckConstraint("quantity_per_year > 0", name="quantity_positive"),
        Index(
            "ix_infrastructure_needs_organisation_created",
            "organisation_id",
            "created_at",
            "id",
            "deleted_at",
        ),
        Index("ix_infrastructure_needs_created", "created_at", "id", "deleted_at"),
        Index(
            "ix_infrastructure_needs_cell",
            "kind",
            "field_id",
            "region",
            "quarter",
            "created_at",
            "id",
            "deleted_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "infrastructure_need_kind"))
    field_id: Mapped[int] = mapped_column(ForeignKey("service_fields.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    quantity_per_year: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(5))
    quarter: Mapped[str] = mapped_column(String(7))  # wanted by, "2027-Q1"

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    field: Mapped[ServiceField] = relationship(lazy="joined")
