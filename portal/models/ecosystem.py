"""Sectoral quality ecosystems and the memberships of organisations in them."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import (
    Audited,
    LabelledEnum,
    SoftDeleteMixin,
    TimestampMixin,
    UTCDateTime,
    VersionedMixin,
    enum_column,
    set_labels,
)
from portal.models.organisation import Organisation, OrganisationKind


class EcosystemStatus(LabelledEnum):
    """Where an ecosystem stands."""

    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


set_labels(
    {
        # i18n: status of an ecosystem
        EcosystemStatus.PLANNED: _l("Planned"),
        # i18n: status of an ecosystem
        EcosystemStatus.ACTIVE: _l("Active"),
        # i18n: status of an ecosystem
        EcosystemStatus.CLOSED: _l("Closed"),
    }
)


class Ecosystem(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A sectoral quality ecosystem led by a federation (automotive with AMICA, ...)."""

    __tablename__ = "ecosystems"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    sector_fr: Mapped[str] = mapped_column(String(120))
    sector_ar: Mapped[str] = mapped_column(String(120))
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="")
    lead_federation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    launch_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[EcosystemStatus] = mapped_column(
        enum_column(EcosystemStatus, "ecosystem_status"), default=EcosystemStatus.ACTIVE
    )

    # Loaded when read (the pages that show it ask for it: ``joinedload`` in the summaries),
    # not joined into every statement that loads an ecosystem: memberships, conventions,
    # complaints and surveys join their ecosystem, and each statement shape the ORM compiles
    # is kept with its columns (about 2 KB a column in each worker, issue 11).
    lead_federation: Mapped[Organisation] = relationship(lazy="select")


class MembershipRole(LabelledEnum):
    """Why an organisation is in an ecosystem."""

    MEMBER_SME = "member_sme"
    TRAINING_PARTNER = "training_partner"
    INFRASTRUCTURE_PARTNER = "infrastructure_partner"
    MEMBER_PUBLIC_BODY = "member_public_body"


set_labels(
    {
        MembershipRole.MEMBER_SME: _l("Member company"),
        MembershipRole.TRAINING_PARTNER: _l("Training partner"),
        MembershipRole.INFRASTRUCTURE_PARTNER: _l("Quality infrastructure partner"),
        MembershipRole.MEMBER_PUBLIC_BODY: _l("Member public body"),
    }
)


class MembershipStatus(LabelledEnum):
    """Where a membership stands."""

    REQUESTED = "requested"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    LEFT = "left"
    REJECTED = "rejected"


set_labels(
    {
        # i18n: status of a membership in an ecosystem
        MembershipStatus.REQUESTED: _l("Requested"),
        # i18n: status of a membership in an ecosystem
        MembershipStatus.ACTIVE: _l("Active member"),
        # i18n: status of a membership in an ecosystem
        MembershipStatus.SUSPENDED: _l("Membership suspended"),
        # i18n: status of a membership in an ecosystem
        MembershipStatus.LEFT: _l("Left"),
        # i18n: status of a membership in an ecosystem: the request was refused
        MembershipStatus.REJECTED: _l("Request rejected"),
    }
)


class Membership(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An organisation's place in an ecosystem, with who decided on it and when."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("ecosystem_id", "organisation_id"),
        # An ecosystem's members newest first, all of them or those of one status (the
        # requests to join): read through the index, never sorted (issue 11).
        Index("ix_memberships_ecosystem_requested_at_id", "ecosystem_id", "requested_at", "id"),
        Index(
            "ix_memberships_ecosystem_status_requested_at_id",
            "ecosystem_id",
            "status",
            "requested_at",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ecosystem_id: Mapped[int] = mapped_column(ForeignKey("ecosystems.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(enum_column(MembershipRole, "membership_role"))
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus, "membership_status"), default=MembershipStatus.REQUESTED
    )
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Why the federation rejected, suspended or ended the membership (shown to the member).
    decision_reason: Mapped[str | None] = mapped_column(Text)

    ecosystem: Mapped[Ecosystem] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    decided_by = relationship("User", foreign_keys=[decided_by_id], lazy="raise")


MEMBERSHIP_ROLE_OF_KIND = {
    OrganisationKind.SME: MembershipRole.MEMBER_SME,
    OrganisationKind.INSTITUTE: MembershipRole.TRAINING_PARTNER,
    OrganisationKind.INFRASTRUCTURE: MembershipRole.INFRASTRUCTURE_PARTNER,
    OrganisationKind.PUBLIC_BODY: MembershipRole.MEMBER_PUBLIC_BODY,
    OrganisationKind.RESEARCH_CENTRE: MembershipRole.INFRASTRUCTURE_PARTNER,
}
