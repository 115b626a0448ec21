"""factory_boy factories for the models, and ``make_user`` for any role."""

from __future__ import annotations

import factory
from factory.alchemy import SQLAlchemyModelFactory

from portal.extensions import db
from portal.models import (
    Ecosystem,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from portal.models.base import utcnow
from portal.models.organisation import ice_check_digits
from portal.models.user import ROLE_ORGANISATION_KIND
from portal.services.passwords import hash_password

DEFAULT_PASSWORD = "correct horse battery staple 42"


def valid_ice(n: int) -> str:
    """A valid ICE built from a sequence number."""
    first13 = f"{n:013d}"
    return first13 + ice_check_digits(first13)


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.SME
    name_fr = factory.Sequence(lambda n: f"Société d'essai {n}")
    name_ar = factory.Sequence(lambda n: f"شركة تجريبية {n}")
    region = "MA-06"
    city = "Casablanca"
    ice = factory.LazyAttributeSequence(
        lambda o, n: valid_ice(9_000_000 + n) if o.kind == OrganisationKind.SME else None
    )


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Utilisatrice {n}")
    role = Role.SME_USER
    organisation = factory.SubFactory(OrganisationFactory)
    password_hash = factory.LazyFunction(lambda: hash_password(DEFAULT_PASSWORD))
    preferred_locale = "fr"
    active = True
    email_confirmed_at = factory.LazyFunction(utcnow)


class EcosystemFactory(BaseFactory):
    class Meta:
        model = Ecosystem

    slug = factory.Sequence(lambda n: f"ecosysteme-{n}")
    sector_fr = "Industrie automobile"
    sector_ar = "صناعة السيارات"
    name_fr = factory.Sequence(lambda n: f"Écosystème {n}")
    name_ar = factory.Sequence(lambda n: f"منظومة {n}")
    lead_federation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FEDERATION)


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    ecosystem = factory.SubFactory(EcosystemFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER_SME
    status = MembershipStatus.ACTIVE
    requested_at = factory.LazyFunction(utcnow)


def make_user(role: str | Role, organisation: Organisation | None = None, **kwargs) -> User:
    """A user of the role, in a new organisation of the matching kind unless one is given."""
    role = Role(role)
    if organisation is None:
        kind = ROLE_ORGANISATION_KIND[role] or OrganisationKind.MINISTRY
        organisation = OrganisationFactory(kind=kind)
    return UserFactory(role=role, organisation=organisation, **kwargs)
