"""Organisations: the ministry, federations, SMEs, training institutes, infrastructure bodies."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import (
    Audited,
    LabelledEnum,
    SoftDeleteMixin,
    TimestampMixin,
    VersionedMixin,
    enum_column,
    set_labels,
)
from portal.models.reference import REGION_CODES


class OrganisationKind(LabelledEnum):
    """What kind of body an organisation is; it decides which roles its users may hold."""

    MINISTRY = "ministry"
    FEDERATION = "federation"
    SME = "sme"
    INSTITUTE = "institute"
    INFRASTRUCTURE = "infrastructure"


set_labels(
    {
        OrganisationKind.MINISTRY: _l("Ministry"),
        OrganisationKind.FEDERATION: _l("Federation or association"),
        OrganisationKind.SME: _l("Company (SME)"),
        OrganisationKind.INSTITUTE: _l("Training institute or school"),
        OrganisationKind.INFRASTRUCTURE: _l("Quality infrastructure body"),
    }
)


class InfrastructureType(LabelledEnum):
    """The service a quality-infrastructure body provides."""

    TESTING_LAB = "testing_lab"
    CALIBRATION_LAB = "calibration_lab"
    INSPECTION_BODY = "inspection_body"
    CERTIFICATION_BODY = "certification_body"
    STANDARDIZATION_BODY = "standardization_body"
    ACCREDITATION_BODY = "accreditation_body"


set_labels(
    {
        InfrastructureType.TESTING_LAB: _l("Testing laboratory"),
        InfrastructureType.CALIBRATION_LAB: _l("Calibration and metrology laboratory"),
        InfrastructureType.INSPECTION_BODY: _l("Inspection body"),
        InfrastructureType.CERTIFICATION_BODY: _l("Certification body"),
        InfrastructureType.STANDARDIZATION_BODY: _l("Standardization body"),
        InfrastructureType.ACCREDITATION_BODY: _l("Accreditation body"),
    }
)


class HeadcountBand(LabelledEnum):
    """Company size by headcount, as used in Moroccan SME statistics."""

    TPE = "tpe"
    PME = "pme"
    ETI = "eti"
    GE = "ge"


set_labels(
    {
        # i18n: company size band "très petite entreprise"
        HeadcountBand.TPE: _l("Very small company (fewer than 10 people)"),
        # i18n: company size band "petite et moyenne entreprise"
        HeadcountBand.PME: _l("Small or medium company (10 to 249 people)"),
        # i18n: company size band "entreprise de taille intermédiaire"
        HeadcountBand.ETI: _l("Mid-sized company (250 to 4,999 people)"),
        # i18n: company size band "grande entreprise"
        HeadcountBand.GE: _l("Large company (5,000 people or more)"),
    }
)


def ice_check_digits(first13: str) -> str:
    """The two control digits of an ICE for its first 13 digits: the whole number is then a
    multiple of 97 (the rule of the published ICE numbers, e.g. 001561191000066)."""
    return f"{(97 - int(first13) * 100 % 97) % 97:02d}"


def normalise_ice(value: str | None) -> str:
    """An ICE without the spaces, dots and dashes people type in it."""
    return "".join(ch for ch in (value or "") if ch not in " .-\u00a0")


def is_valid_ice(value: str | None) -> bool:
    """Whether a value is a 15-digit ICE whose control digits match."""
    ice = normalise_ice(value)
    return len(ice) == 15 and ice.isascii() and ice.isdigit() and int(ice) % 97 == 0


class Organisation(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A body taking part in the portal; every user belongs to exactly one."""

    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint(
            "region IS NULL OR region IN ({})".format(", ".join(f"'{c}'" for c in REGION_CODES)),
            name="region_code",
        ),
        CheckConstraint("kind <> 'sme' OR ice IS NOT NULL", name="sme_has_ice"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(
        enum_column(OrganisationKind, "kind"), index=True
    )
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    acronym: Mapped[str | None] = mapped_column(String(40))
    region: Mapped[str | None] = mapped_column(String(5), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    # SME identifiers: ICE is unique per establishment; RC and IF are kept as typed.
    ice: Mapped[str | None] = mapped_column(String(15), unique=True)
    rc: Mapped[str | None] = mapped_column(String(40))
    if_number: Mapped[str | None] = mapped_column(String(40))
    headcount_band: Mapped[HeadcountBand | None] = mapped_column(
        enum_column(HeadcountBand, "headcount_band")
    )
    infrastructure_type: Mapped[InfrastructureType | None] = mapped_column(
        enum_column(InfrastructureType, "infrastructure_type")
    )

    users = relationship("User", back_populates="organisation", lazy="raise")

    def display_name(self, locale: str) -> str:
        """The name in the given language, falling back to the other one."""
        if locale == "ar":
            return self.name_ar or self.name_fr
        return self.name_fr or self.name_ar

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.acronym or self.name_fr!r}>"
