"""All models, imported here so that Alembic and the app see the whole schema."""

from portal.models.audit import AuditEntry
from portal.models.ecosystem import (
    Ecosystem,
    EcosystemStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from portal.models.organisation import (
    HeadcountBand,
    InfrastructureType,
    Organisation,
    OrganisationKind,
    is_valid_ice,
)
from portal.models.user import LoginSession, Role, User

__all__ = [
    "AuditEntry",
    "Ecosystem",
    "EcosystemStatus",
    "HeadcountBand",
    "InfrastructureType",
    "LoginSession",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "Organisation",
    "OrganisationKind",
    "Role",
    "User",
    "is_valid_ice",
]
