"""Organisations: the ministry, federations, SMEs and public bodies, training institutes,
infrastructure bodies, consulting firms."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, event
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
from portal.text_search import fold


class OrganisationKind(LabelledEnum):
    """What kind of body an organisation is; it decides which roles its users may hold."""

    MINISTRY = "ministry"
    FEDERATION = "federation"
    SME = "sme"
    INSTITUTE = "institute"
    INFRASTRUCTURE = "infrastructure"
    # A beneficiary like an SME (administration, local authority, public agency): its users
    # are company users (Role.SME_USER) without the company fields (ICE, legal form, size).
    PUBLIC_BODY = "public_body"
    # Assigned to support cases beside (or instead of) an expert; its users are consultants.
    CONSULTING_FIRM = "consulting_firm"
    # Research and innovation centre (issue 15): offers services like an infrastructure body
    # (its users are infrastructure users), often R&D, testing and metrology.
    RESEARCH_CENTRE = "research_centre"


set_labels(
    {
        OrganisationKind.MINISTRY: _l("Ministry"),
        OrganisationKind.FEDERATION: _l("Federation or association"),
        OrganisationKind.SME: _l("Company (SME)"),
        OrganisationKind.INSTITUTE: _l("Training institute or school"),
        OrganisationKind.INFRASTRUCTURE: _l("Quality infrastructure body"),
        OrganisationKind.PUBLIC_BODY: _l(
            "Public body (administration, local authority, public agency)"
        ),
        OrganisationKind.CONSULTING_FIRM: _l("Consulting firm"),
        OrganisationKind.RESEARCH_CENTRE: _l("Research and innovation centre"),
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


class LegalForm(LabelledEnum):
    """Legal form of a Moroccan company."""

    SARL = "sarl"
    SARL_AU = "sarl_au"
    SA = "sa"
    SAS = "sas"
    SNC = "snc"
    GIE = "gie"
    COOPERATIVE = "cooperative"
    SOLE_TRADER = "sole_trader"
    OTHER = "other"


set_labels(
    {
        # i18n: legal form, keep the French abbreviation
        LegalForm.SARL: _l("SARL (limited liability company)"),
        # i18n: legal form, keep the French abbreviation
        LegalForm.SARL_AU: _l("SARL AU (single-member limited company)"),
        # i18n: legal form, keep the French abbreviation
        LegalForm.SA: _l("SA (public limited company)"),
        # i18n: legal form, keep the French abbreviation
        LegalForm.SAS: _l("SAS (simplified joint-stock company)"),
        # i18n: legal form, keep the French abbreviation
        LegalForm.SNC: _l("SNC (general partnership)"),
        # i18n: legal form, keep the French abbreviation
        LegalForm.GIE: _l("GIE (economic interest group)"),
        LegalForm.COOPERATIVE: _l("Cooperative"),
        LegalForm.SOLE_TRADER: _l("Sole trader"),
        # i18n: legal form
        LegalForm.OTHER: _l("Other legal form"),
    }
)


class InstituteType(LabelledEnum):
    """What kind of training body an institute is."""

    PUBLIC_INSTITUTE = "public_institute"
    VOCATIONAL_SCHOOL = "vocational_school"
    ENGINEERING_SCHOOL = "engineering_school"
    UNIVERSITY = "university"
    PRIVATE_CENTRE = "private_centre"


set_labels(
    {
        InstituteType.PUBLIC_INSTITUTE: _l("Public training institute"),
        InstituteType.VOCATIONAL_SCHOOL: _l("Vocational training school"),
        InstituteType.ENGINEERING_SCHOOL: _l("Engineering school"),
        InstituteType.UNIVERSITY: _l("University"),
        InstituteType.PRIVATE_CENTRE: _l("Private training centre"),
    }
)


class PublicBodyType(LabelledEnum):
    """What kind of public body a public body is."""

    ADMINISTRATION = "administration"
    LOCAL_AUTHORITY = "local_authority"
    PUBLIC_AGENCY = "public_agency"


set_labels(
    {
        # i18n: a public body type: a ministry's department, a regional directorate...
        PublicBodyType.ADMINISTRATION: _l("Administration"),
        # i18n: a public body type: region, province, commune (French "collectivité territoriale")
        PublicBodyType.LOCAL_AUTHORITY: _l("Local authority"),
        # i18n: a public body type (French "établissement public"), e.g. an urban agency
        PublicBodyType.PUBLIC_AGENCY: _l("Public agency"),
    }
)


# The kinds of organisation the programme supports: they join ecosystems as members, declare
# needs, ask for certification support (their users are company users, Role.SME_USER).
BENEFICIARY_KINDS = (OrganisationKind.SME, OrganisationKind.PUBLIC_BODY)

# The kinds of organisation that offer services to the beneficiaries (a service catalogue,
# accreditations, service requests addressed to them): their users are infrastructure users.
SERVICE_PROVIDER_KINDS = (OrganisationKind.INFRASTRUCTURE, OrganisationKind.RESEARCH_CENTRE)


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
    __audit_ignored__ = ("updated_at", "version", "search_text")
    __table_args__ = (
        CheckConstraint(
            "region IS NULL OR region IN ({})".format(", ".join(f"'{c}'" for c in REGION_CODES)),
            name="region_code",
        ),
        CheckConstraint("kind <> 'sme' OR ice IS NOT NULL", name="sme_has_ice"),
        # The orders the lists offer (name in either language, region then name, newest),
        # each ending with the id that breaks ties, so a page reads through an index and
        # stops at its last row instead of sorting every organisation (issue 11).
        Index("ix_organisations_name_fr_id", "name_fr", "id"),
        Index("ix_organisations_name_ar_id", "name_ar", "id"),
        Index("ix_organisations_region_name_fr_id", "region", "name_fr", "id"),
        Index("ix_organisations_region_name_ar_id", "region", "name_ar", "id"),
        Index("ix_organisations_created_at_id", "created_at", "id"),
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
    legal_form: Mapped[LegalForm | None] = mapped_column(enum_column(LegalForm, "legal_form"))
    activity_fr: Mapped[str | None] = mapped_column(String(300))
    activity_ar: Mapped[str | None] = mapped_column(String(300))
    institute_type: Mapped[InstituteType | None] = mapped_column(
        enum_column(InstituteType, "institute_type")
    )
    public_body_type: Mapped[PublicBodyType | None] = mapped_column(
        enum_column(PublicBodyType, "public_body_type")
    )
    domains_fr: Mapped[str | None] = mapped_column(Text)
    domains_ar: Mapped[str | None] = mapped_column(Text)
    # Folded names (accents, Arabic diacritics and letter variants removed) for search;
    # kept in step with the names by the listener below.
    search_text: Mapped[str] = mapped_column(String(800), default="", index=True)

    users = relationship("User", back_populates="organisation", lazy="raise")
    accreditations = relationship(
        "Accreditation",
        back_populates="organisation",
        lazy="raise",
        foreign_keys="Accreditation.organisation_id",
    )

    @property
    def is_beneficiary(self) -> bool:
        """Whether the organisation is one the programme supports (a company or a public
        body): it declares needs and asks for support."""
        return self.kind in BENEFICIARY_KINDS

    def display_name(self, locale: str) -> str:
        """The name in the given language, falling back to the other one."""
        if locale == "ar":
            return self.name_ar or self.name_fr
        return self.name_fr or self.name_ar

    def refresh_search_text(self) -> None:
        """Recompute the folded names that search matches against."""
        self.search_text = fold(" ".join(filter(None, [self.name_fr, self.name_ar, self.acronym])))

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.acronym or self.name_fr!r}>"


@event.listens_for(Organisation, "before_insert")
@event.listens_for(Organisation, "before_update")
def _keep_search_text(_mapper, _connection, organisation: Organisation) -> None:
    organisation.refresh_search_text()


class AccreditationStandard(LabelledEnum):
    """The standard an accreditation is granted against."""

    ISO_IEC_17025 = "iso_iec_17025"
    ISO_IEC_17020 = "iso_iec_17020"
    ISO_IEC_17021_1 = "iso_iec_17021_1"
    ISO_IEC_17065 = "iso_iec_17065"
    ISO_15189 = "iso_15189"
    ISO_IEC_17024 = "iso_iec_17024"


set_labels(
    {
        AccreditationStandard.ISO_IEC_17025: _l(
            "ISO/IEC 17025 (testing and calibration laboratories)"
        ),
        AccreditationStandard.ISO_IEC_17020: _l("ISO/IEC 17020 (inspection bodies)"),
        AccreditationStandard.ISO_IEC_17021_1: _l(
            "ISO/IEC 17021-1 (management system certification)"
        ),
        AccreditationStandard.ISO_IEC_17065: _l("ISO/IEC 17065 (product certification)"),
        AccreditationStandard.ISO_15189: _l("ISO 15189 (medical laboratories)"),
        AccreditationStandard.ISO_IEC_17024: _l("ISO/IEC 17024 (certification of persons)"),
    }
)


class Accreditation(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """An infrastructure body's accreditation, granted by an accreditation body (a record,
    not a hard-coded name)."""

    __tablename__ = "accreditations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    standard: Mapped[AccreditationStandard] = mapped_column(
        enum_column(AccreditationStandard, "accreditation_standard")
    )
    certificate_number: Mapped[str] = mapped_column(String(80))
    scope_fr: Mapped[str] = mapped_column(Text, default="")
    scope_ar: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    accrediting_body_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # The accrediting body's name when it is not an organisation of the portal (a foreign
    # accreditation body, e.g. COFRAC or DAkkS).
    accrediting_body_name: Mapped[str] = mapped_column(String(200), default="")

    organisation: Mapped[Organisation] = relationship(
        back_populates="accreditations", foreign_keys=[organisation_id], lazy="raise"
    )
    accrediting_body: Mapped[Organisation | None] = relationship(
        foreign_keys=[accrediting_body_id], lazy="joined"
    )

    def is_valid_on(self, day: date) -> bool:
        """Whether the accreditation is in force on a day (derived, never stored)."""
        if self.deleted_at is not None:
            return False
        if self.valid_from is not None and self.valid_from > day:
            return False
        return self.valid_until is None or self.valid_until >= day
