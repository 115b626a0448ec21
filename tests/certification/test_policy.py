"""Who may do what in certification support: the roles holding each permission of the domain
(written out, not derived from the table), the object predicates, and a guard on every route
of the blueprint."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.authz import (
    ROLE_PERMISSIONS,
    Permission,
    can_change_certificate_status,
    can_confirm_certificate,
    can_manage_case,
    can_record_certificates,
    issues_certificates,
)
from portal.models import (
    Certificate,
    CertificateStatus,
    InfrastructureType,
    OrganisationKind,
    Role,
    Standard,
    SupportCase,
)
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

HOLDERS = {
    Permission.MANAGE_SUPPORT_CASES: {Role.ADMIN, Role.FEDERATION_STAFF},
    Permission.ISSUE_CERTIFICATES: {Role.INFRASTRUCTURE_USER},
    Permission.RECORD_MEMBER_CERTIFICATES: {Role.FEDERATION_STAFF},
    Permission.CHANGE_CERTIFICATE_STATUS: {Role.ADMIN, Role.INFRASTRUCTURE_USER},
    Permission.VIEW_CERTIFICATION_PIPELINE: {
        Role.ADMIN,
        Role.MINISTRY_OFFICER,
        Role.FEDERATION_STAFF,
    },
}


@pytest.mark.parametrize("permission", sorted(HOLDERS), ids=str)
def test_roles_holding_each_permission_of_the_domain(permission):
    holders = {role for role, granted in ROLE_PERMISSIONS.items() if permission in granted}
    assert holders == HOLDERS[permission]


def body(kind: InfrastructureType):
    return OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE, infrastructure_type=kind)


@pytest.fixture
def world(db):
    standard = db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    ecosystem = EcosystemFactory()
    sme = OrganisationFactory()
    case = SupportCase(
        organisation_id=sme.id, ecosystem_id=ecosystem.id, standard_id=standard.id, kind="initial"
    )
    issuer = body(InfrastructureType.CERTIFICATION_BODY)
    certificate = Certificate(
        number="CERT-POLICY-1",
        organisation_id=sme.id,
        standard_id=standard.id,
        issuing_body_id=issuer.id,
        scope_fr="Conception",
        issued_on=date(2025, 1, 1),
        status=CertificateStatus.VALID,
    )
    db.session.add_all([case, certificate])
    db.session.flush()
    return {
        "case": case,
        "certificate": certificate,
        "lead": make_user(Role.FEDERATION_STAFF, ecosystem.lead_federation),
        "sme": make_user(Role.SME_USER, sme),
        "issuer": make_user(Role.INFRASTRUCTURE_USER, issuer),
    }


def test_who_runs_a_case(world):
    case = world["case"]
    assert can_manage_case(make_user(Role.ADMIN), case)  # admins stand in for any federation
    assert can_manage_case(world["lead"], case)
    assert not can_manage_case(make_user(Role.FEDERATION_STAFF), case)  # another federation
    assert not can_manage_case(world["sme"], case)
    assert not can_manage_case(make_user(Role.MINISTRY_OFFICER), case)


def test_who_records_certificates(world):
    """A certification body's users issue certificates (valid at once) and confirm those a
    federation recorded as theirs; federation staff record their members' certificates."""
    assert can_record_certificates(world["issuer"]) and issues_certificates(world["issuer"])
    lab_user = make_user(Role.INFRASTRUCTURE_USER, body(InfrastructureType.TESTING_LAB))
    assert not can_record_certificates(lab_user)
    assert can_record_certificates(world["lead"]) and not issues_certificates(world["lead"])
    assert not can_record_certificates(make_user(Role.ADMIN))
    assert not can_record_certificates(world["sme"])
    certificate = world["certificate"]
    assert can_confirm_certificate(world["issuer"], certificate)
    other_body = body(InfrastructureType.CERTIFICATION_BODY)
    assert not can_confirm_certificate(make_user(Role.INFRASTRUCTURE_USER, other_body), certificate)
    assert not can_confirm_certificate(world["lead"], certificate)
    assert not can_confirm_certificate(make_user(Role.ADMIN), certificate)


def test_who_changes_a_certificate_status(world):
    certificate = world["certificate"]
    assert can_change_certificate_status(make_user(Role.ADMIN), certificate)
    assert can_change_certificate_status(world["issuer"], certificate)
    other_body = body(InfrastructureType.CERTIFICATION_BODY)
    assert not can_change_certificate_status(
        make_user(Role.INFRASTRUCTURE_USER, other_body), certificate
    )
    assert not can_change_certificate_status(world["lead"], certificate)
    assert not can_change_certificate_status(world["sme"], certificate)


def test_every_route_of_the_blueprint_has_a_guard(app):
    views = {
        endpoint: view
        for endpoint, view in app.view_functions.items()
        if endpoint.startswith("certification.")
    }
    assert len(views) == 46
    assert [e for e, view in views.items() if not getattr(view, "__authz__", None)] == []
