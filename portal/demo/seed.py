"""Create the demonstration dataset, or complete it: running it twice changes nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from portal import clock
from portal.authz import Permission, has_permission
from portal.demo import data
from portal.demo.seed_catalogue import seed_catalogue
from portal.demo.seed_certification import assign_demo_firm, seed_certification
from portal.demo.seed_complaints import seed_complaints
from portal.demo.seed_conventions import seed_conventions
from portal.demo.seed_journeys import seed_agency_journey
from portal.demo.seed_requests import seed_request_lifecycle
from portal.demo.seed_surveys import seed_surveys
from portal.demo.seed_training import seed_training
from portal.extensions import db
from portal.models import (
    Accreditation,
    AccreditationStandard,
    Availability,
    CompetencyKind,
    Ecosystem,
    EcosystemStatus,
    ExpertCompetency,
    HeadcountBand,
    InfrastructureType,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PublicBodyType,
    QualityExpert,
    Role,
    User,
)
from portal.models.base import utcnow
from portal.services import open_data
from portal.services.accounts import find_user_by_email
from portal.services.conventions.metrics import record_portal_figures
from portal.services.passwords import hash_password, verify_password

ORGANISATION_FIELDS = ("name_fr", "name_ar", "acronym", "region", "city", "email", "phone")
FIRST_REQUEST = datetime(2023, 12, 4, 9, 0, tzinfo=UTC)


@dataclass
class SeedReport:
    """What the seed created, and the demo accounts with their passwords."""

    created: Counter = field(default_factory=Counter)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line per kind of record created (or a line saying nothing was missing)."""
        if not self.created:
            return "Demo data already complete: nothing created."
        return "Created: " + ", ".join(f"{n} {kind}" for kind, n in sorted(self.created.items()))


def demo_password(email: str) -> str:
    """The demo account's password: derived from SECRET_KEY, so stable for one installation
    and unknown to anyone who does not hold the key."""
    digest = hmac.new(
        current_app.config["SECRET_KEY"].encode(), f"demo-password:{email}".encode(), hashlib.sha256
    ).digest()
    letters = base64.b32encode(digest).decode().rstrip("=").lower()
    return f"demo-{letters[0:4]}-{letters[4:8]}-{letters[8:12]}"


def _find_organisation(kind: OrganisationKind, item: dict[str, Any]) -> Organisation | None:
    query = select(Organisation).execution_options(include_deleted=True)
    if item.get("ice"):
        query = query.where(Organisation.ice == item["ice"])
    else:
        query = query.where(Organisation.kind == kind, Organisation.name_fr == item["name_fr"])
    return db.session.execute(query).scalars().first()


def _organisation(kind: OrganisationKind, item: dict[str, Any], report: SeedReport, **extra: Any):
    organisation = _find_organisation(kind, item)
    if organisation is None:
        values = {key: item.get(key) for key in ORGANISATION_FIELDS}
        organisation = Organisation(kind=kind, **values, **extra)
        db.session.add(organisation)
        report.created["organisations"] += 1
    return organisation


def _membership(
    ecosystem: Ecosystem,
    organisation: Organisation,
    role: MembershipRole,
    status: MembershipStatus,
    index: int,
    decided_by: User | None,
    report: SeedReport,
) -> None:
    db.session.flush()
    existing = db.session.execute(
        select(Membership)
        .where(
            Membership.ecosystem_id == ecosystem.id,
            Membership.organisation_id == organisation.id,
        )
        .execution_options(include_deleted=True)
    ).scalar()
    if existing is not None:
        return
    requested_at = FIRST_REQUEST + timedelta(days=11 * index, hours=index % 7)
    decided = status != MembershipStatus.REQUESTED
    if not decided:
        requested_at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC) + timedelta(days=3 * (index % 6))
    db.session.add(
        Membership(
            ecosystem=ecosystem,
            organisation=organisation,
            role=role,
            status=status,
            requested_at=requested_at,
            decided_at=requested_at + timedelta(days=9) if decided else None,
            decided_by_id=decided_by.id if decided and decided_by else None,
        )
    )
    report.created["memberships"] += 1


def seed() -> SeedReport:
    """Create whatever part of the demo dataset is missing."""
    report = SeedReport()
    ministry = _organisation(OrganisationKind.MINISTRY, data.MINISTRY, report)
    federations = {
        item["key"]: _organisation(OrganisationKind.FEDERATION, item, report)
        for item in data.FEDERATIONS
    }
    smes = [
        _organisation(
            OrganisationKind.SME,
            item,
            report,
            ice=item["ice"],
            rc=item.get("rc"),
            if_number=item.get("if_number"),
            headcount_band=HeadcountBand(item["headcount_band"]),
        )
        for item in data.SMES
    ]
    institutes = [
        _organisation(OrganisationKind.INSTITUTE, item, report) for item in data.INSTITUTES
    ]
    bodies = [
        _organisation(
            OrganisationKind.INFRASTRUCTURE,
            item,
            report,
            infrastructure_type=InfrastructureType(item["infrastructure_type"]),
        )
        for item in data.INFRASTRUCTURE
    ]
    public_bodies = [
        _organisation(
            OrganisationKind.PUBLIC_BODY,
            item,
            report,
            public_body_type=PublicBodyType(item["public_body_type"]),
        )
        for item in data.PUBLIC_BODIES
    ]
    firms = [
        _organisation(OrganisationKind.CONSULTING_FIRM, item, report)
        for item in data.CONSULTING_FIRMS
    ]
    db.session.flush()

    ecosystems = {}
    for item in data.ECOSYSTEMS:
        ecosystem = db.session.execute(
            select(Ecosystem)
            .where(Ecosystem.slug == item["slug"])
            .execution_options(include_deleted=True)
        ).scalar()
        if ecosystem is None:
            ecosystem = Ecosystem(
                slug=item["slug"],
                sector_fr=item["sector_fr"],
                sector_ar=item["sector_ar"],
                name_fr=item["name_fr"],
                name_ar=item["name_ar"],
                description_fr=item["description_fr"],
                description_ar=item["description_ar"],
                lead_federation=federations[item["federation"]],
                launch_date=date.fromisoformat(item["launch_date"]),
                status=EcosystemStatus.ACTIVE,
            )
            db.session.add(ecosystem)
            report.created["ecosystems"] += 1
        ecosystems[item["slug"]] = ecosystem

    references = {"ministry": ministry}
    references.update({f"federation:{key}": org for key, org in federations.items()})
    references.update({f"sme:{i}": org for i, org in enumerate(smes)})
    references.update({f"institute:{i}": org for i, org in enumerate(institutes)})
    references.update({f"infrastructure:{i}": org for i, org in enumerate(bodies)})
    references.update({f"consulting_firm:{i}": org for i, org in enumerate(firms)})
    references.update({f"public_body:{i}": org for i, org in enumerate(public_bodies)})
    staff_of: dict[int, User] = {}
    for item in data.DEMO_USERS:
        password = demo_password(item["email"])
        user = find_user_by_email(item["email"])
        if user is None:
            user = User(
                email=item["email"],
                full_name=item["full_name"],
                role=Role(item["role"]),
                organisation=references[item["organisation"]],
                preferred_locale=item["preferred_locale"],
                password_hash=hash_password(password),
                active=True,
                is_org_admin=True,
                email_confirmed_at=utcnow(),
            )
            db.session.add(user)
            report.created["users"] += 1
        if verify_password(user.password_hash, password):
            report.accounts.append((user.email, item["role"], password))
        if has_permission(user, Permission.MANAGE_MEMBERS):
            # Looked up by an ecosystem's lead federation: its staff decide its memberships.
            staff_of[references[item["organisation"]].id] = user
    db.session.flush()

    statuses = {status.value: status for status in MembershipStatus}
    for index, (item, sme) in enumerate(zip(data.SMES, smes, strict=True)):
        ecosystem = ecosystems[item["ecosystem"]]
        _membership(
            ecosystem,
            sme,
            MembershipRole.MEMBER_SME,
            statuses[item["membership"]],
            index,
            staff_of.get(ecosystem.lead_federation_id),
            report,
        )
    for index, (item, body) in enumerate(
        zip(data.PUBLIC_BODIES, public_bodies, strict=True), start=len(smes)
    ):
        ecosystem = ecosystems[item["ecosystem"]]
        _membership(
            ecosystem,
            body,
            MembershipRole.MEMBER_PUBLIC_BODY,
            MembershipStatus.ACTIVE,
            index,
            staff_of.get(ecosystem.lead_federation_id),
            report,
        )
    partners = [
        (item, org, MembershipRole.TRAINING_PARTNER)
        for item, org in zip(data.INSTITUTES, institutes, strict=True)
    ]
    partners += [
        (item, org, MembershipRole.INFRASTRUCTURE_PARTNER)
        for item, org in zip(data.INFRASTRUCTURE, bodies, strict=True)
    ]
    for index, (item, org, role) in enumerate(partners, start=len(smes)):
        for slug in item["ecosystems"]:
            ecosystem = ecosystems[slug]
            _membership(
                ecosystem,
                org,
                role,
                MembershipStatus.ACTIVE,
                index,
                staff_of.get(ecosystem.lead_federation_id),
                report,
            )
    _seed_experts(references, ecosystems, report)
    _seed_accreditations(bodies, report)
    seed_catalogue(smes, clock.today(), report.created)
    seed_conventions(ministry, federations, ecosystems, report.created)
    seed_certification(smes, report.created)
    seed_request_lifecycle(smes, report.created)
    assign_demo_firm(smes, firms)
    seed_agency_journey(report.created)
    seed_training(smes, institutes, report.created)
    seed_complaints(report.created)
    seed_surveys(report.created)
    figures = record_portal_figures(clock.today())
    if figures:
        report.created["portal figures"] += figures
    open_data.refresh(clock.today())  # rebuilt whole, as the daily command does
    db.session.flush()
    return report


def _expert_account(item: dict, user: User, report: SeedReport) -> None:
    """Give an expert who signs in in the demo a password (and list the account)."""
    if not item.get("signs_in"):
        return
    password = demo_password(item["email"])
    if user.password_hash is None:
        user.password_hash = hash_password(password)
    if verify_password(user.password_hash, password):
        report.accounts.append((user.email, user.role.value, password))


def _seed_experts(references: dict, ecosystems: dict, report: SeedReport) -> None:
    for item in data.EXPERTS:
        existing = find_user_by_email(item["email"])
        if existing is not None:
            _expert_account(item, existing, report)
            continue
        organisation = references[item["organisation"] or "institute:4"]
        user = User(
            email=item["email"],
            full_name=item["full_name"],
            role=Role.INSTITUTE_USER
            if organisation.kind.value == "institute"
            else Role.INFRASTRUCTURE_USER,
            organisation=organisation,
            preferred_locale=item["languages"].split(",")[0],
            active=True,
            email_confirmed_at=utcnow(),
        )
        db.session.add(user)
        db.session.flush()
        _expert_account(item, user, report)
        expert = QualityExpert(
            user_id=user.id,
            organisation_id=organisation.id if item["organisation"] else None,
            full_name=item["full_name"],
            headline_fr=item["headline_fr"],
            headline_ar=item["headline_ar"],
            region=item["region"],
            languages=item["languages"],
            availability=Availability.AVAILABLE,
            contact_email=item["email"],
            visible=True,
        )
        for kind, key in (
            (CompetencyKind.STANDARD, "standards"),
            (CompetencyKind.TOPIC, "topics"),
            (CompetencyKind.SECTOR, "sectors"),
        ):
            for code in item[key]:
                expert.competencies.append(ExpertCompetency(kind=kind, code=code))
        db.session.add(expert)
        report.created["experts"] += 1


def _seed_accreditations(bodies: list[Organisation], report: SeedReport) -> None:
    accreditor = next(
        b for b in bodies if b.infrastructure_type == InfrastructureType.ACCREDITATION_BODY
    )
    for item in data.ACCREDITATIONS:
        body = bodies[item["body"]]
        exists = db.session.execute(
            select(Accreditation.id)
            .where(Accreditation.certificate_number == item["number"])
            .execution_options(include_deleted=True)
        ).first()
        if exists:
            continue
        db.session.add(
            Accreditation(
                organisation_id=body.id,
                standard=AccreditationStandard(item["standard"]),
                certificate_number=item["number"],
                scope_fr=item["scope_fr"],
                scope_ar=item["scope_ar"],
                valid_until=date.fromisoformat(item["valid_until"]),
                accrediting_body_id=accreditor.id,
            )
        )
        report.created["accreditations"] += 1
