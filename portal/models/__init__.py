"""All models, imported here so that Alembic and the app see the whole schema."""

from portal.models.audit import AuditEntry
from portal.models.ecosystem import (
    MEMBERSHIP_ROLE_OF_KIND,
    Ecosystem,
    EcosystemStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from portal.models.expert import Availability, CompetencyKind, ExpertCompetency, QualityExpert
from portal.models.notification import Notification
from portal.models.organisation import (
    Accreditation,
    AccreditationStandard,
    HeadcountBand,
    InfrastructureType,
    InstituteType,
    LegalForm,
    Organisation,
    OrganisationKind,
    is_valid_ice,
)
from portal.models.user import LoginSession, Role, User

__all__ = [
    "MEMBERSHIP_ROLE_OF_KIND",
    "Accreditation",
    "AccreditationStandard",
    "AuditEntry",
    "Availability",
    "CompetencyKind",
    "Ecosystem",
    "EcosystemStatus",
    "ExpertCompetency",
    "HeadcountBand",
    "InfrastructureType",
    "InstituteType",
    "LegalForm",
    "LoginSession",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "Notification",
    "Organisation",
    "OrganisationKind",
    "QualityExpert",
    "Role",
    "User",
    "is_valid_ice",
]
