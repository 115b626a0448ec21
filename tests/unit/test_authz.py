"""The role -> permission table and the scoped queries, tested directly."""

import pytest

from portal.authz import (
    ROLE_PERMISSIONS,
    Permission,
    can_edit_organisation,
    has_permission,
    scoped_memberships,
    scoped_organisations,
)
from portal.models import MembershipStatus, OrganisationKind, Role
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
)


def test_every_role_has_an_entry_and_every_permission_is_granted_to_someone():
    assert set(ROLE_PERMISSIONS) == set(Role)
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted == set(Permission)


# Who holds each permission, written out (decisions of issue 10: admins stand in for a
# federation on needs, sessions and support cases; certificates are issued by certification
# bodies' staff, their status changed by admins and bodies; the topic catalogue is edited by
# admins and federations; sessions are exported by those who plan, follow or run them;
# permissions nothing asked were removed).
ADMIN = "admin"
MINISTRY = "ministry_officer"
FEDERATION = "federation_staff"
SME = "sme_user"
INSTITUTE = "institute_user"
INFRASTRUCTURE = "infrastructure_user"
CONSULTANT = "consultant"
EVERY_ROLE = {ADMIN, MINISTRY, FEDERATION, SME, INSTITUTE, INFRASTRUCTURE, CONSULTANT}

HOLDERS = {
    "manage_platform": {ADMIN},
    "view_audit_trail": {ADMIN},
    "manage_ecosystems": {ADMIN, MINISTRY},
    "monitor_all_ecosystems": {ADMIN, MINISTRY},
    "manage_conventions": {ADMIN, MINISTRY},
    "manage_members": {ADMIN, FEDERATION},
    "validate_training_needs": {ADMIN, FEDERATION},
    "plan_training_sessions": {ADMIN, FEDERATION},
    "manage_support_cases": {ADMIN, FEDERATION},
    "manage_training_topics": {ADMIN, FEDERATION},
    "export_training_sessions": {ADMIN, MINISTRY, FEDERATION, INSTITUTE},
    "record_convention_progress": {FEDERATION},
    "edit_own_organisation": EVERY_ROLE,
    "declare_training_needs": {SME},
    "request_certification_support": {SME},
    "enrol_staff": {SME},
    "file_service_requests": {SME},
    "publish_training_offers": {INSTITUTE},
    "run_training_sessions": {INSTITUTE},
    "view_training_demand": {ADMIN, MINISTRY, FEDERATION, INSTITUTE},
    "answer_service_requests": {INFRASTRUCTURE},
    "issue_certificates": {INFRASTRUCTURE},
    "record_member_certificates": {FEDERATION},
    "change_certificate_status": {ADMIN, INFRASTRUCTURE},
    "view_support_cases": {ADMIN, MINISTRY, FEDERATION, SME, CONSULTANT},
    "view_certification_pipeline": {ADMIN, MINISTRY, FEDERATION},
    "view_certificates": {ADMIN, MINISTRY, FEDERATION, SME, INFRASTRUCTURE},
    "view_service_requests": {ADMIN, MINISTRY, FEDERATION, SME, INFRASTRUCTURE},
    "view_service_figures": {ADMIN, MINISTRY, FEDERATION, INFRASTRUCTURE},
    "view_training_sessions": {ADMIN, MINISTRY, FEDERATION, SME, INSTITUTE},
    "view_training_needs": {ADMIN, MINISTRY, FEDERATION, SME},
    "file_complaints": EVERY_ROLE,
    "handle_complaints": {ADMIN, MINISTRY, FEDERATION, INSTITUTE, INFRASTRUCTURE},
    "manage_surveys": {ADMIN, FEDERATION},
    "view_survey_results": {ADMIN, MINISTRY, FEDERATION, INSTITUTE, INFRASTRUCTURE},
    "view_dashboard": {ADMIN, MINISTRY, FEDERATION},
    "override_case_gates": {ADMIN},
    "consult_on_cases": {CONSULTANT},
    "manage_standards": {ADMIN},
    "manage_service_catalogue": {INFRASTRUCTURE},
    "view_service_catalogues": {ADMIN, MINISTRY, FEDERATION, SME, INFRASTRUCTURE},
    "declare_infrastructure_needs": {SME},
    "view_infrastructure_needs": {ADMIN, MINISTRY, FEDERATION, SME},
    "view_service_demand": {ADMIN, MINISTRY, FEDERATION, INFRASTRUCTURE},
}


def test_each_permission_is_held_by_exactly_these_roles():
    held = {
        permission.value: {
            role.value for role, granted in ROLE_PERMISSIONS.items() if permission in granted
        }
        for permission in Permission
    }
    assert held == HOLDERS


@pytest.mark.parametrize(
    ("role", "permission", "expected"),
    [
        (Role.ADMIN, Permission.VIEW_AUDIT_TRAIL, True),
        (Role.MINISTRY_OFFICER, Permission.VIEW_AUDIT_TRAIL, False),
        (Role.MINISTRY_OFFICER, Permission.MANAGE_CONVENTIONS, True),
        (Role.FEDERATION_STAFF, Permission.MANAGE_CONVENTIONS, False),
        (Role.FEDERATION_STAFF, Permission.MANAGE_MEMBERS, True),
        (Role.FEDERATION_STAFF, Permission.RECORD_CONVENTION_PROGRESS, True),
        (Role.SME_USER, Permission.MANAGE_MEMBERS, False),
        (Role.SME_USER, Permission.DECLARE_TRAINING_NEEDS, True),
        (Role.SME_USER, Permission.PUBLISH_TRAINING_OFFERS, False),
        (Role.INSTITUTE_USER, Permission.PUBLISH_TRAINING_OFFERS, True),
        (Role.INSTITUTE_USER, Permission.ANSWER_SERVICE_REQUESTS, False),
        (Role.INFRASTRUCTURE_USER, Permission.ANSWER_SERVICE_REQUESTS, True),
        (Role.INFRASTRUCTURE_USER, Permission.DECLARE_TRAINING_NEEDS, False),
    ],
)
def test_role_permissions(db, role, permission, expected):
    assert has_permission(make_user(role), permission) is expected


def test_anonymous_users_have_no_permission():
    from flask_login import AnonymousUserMixin

    assert not any(has_permission(AnonymousUserMixin(), p) for p in Permission)
    assert not has_permission(None, Permission.VIEW_AUDIT_TRAIL)


@pytest.fixture
def two_ecosystems(db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    auto = EcosystemFactory(lead_federation=amica)
    chem = EcosystemFactory(lead_federation=fcp)
    sme_auto = MembershipFactory(ecosystem=auto).organisation
    sme_chem = MembershipFactory(ecosystem=chem).organisation
    pending = MembershipFactory(ecosystem=auto, status=MembershipStatus.REQUESTED).organisation
    loner = OrganisationFactory()
    return {
        "amica": amica,
        "fcp": fcp,
        "auto": auto,
        "chem": chem,
        "sme_auto": sme_auto,
        "sme_chem": sme_chem,
        "pending": pending,
        "loner": loner,
    }


def _ids(db, query):
    return {row.id for row in db.session.execute(query).scalars()}


def test_federation_staff_see_their_own_organisation_and_their_ecosystems_members(
    db, two_ecosystems
):
    w = two_ecosystems
    staff = make_user(Role.FEDERATION_STAFF, organisation=w["amica"])
    seen = _ids(db, scoped_organisations(staff))
    assert {w["amica"].id, w["sme_auto"].id, w["pending"].id} <= seen
    assert not seen & {w["fcp"].id, w["sme_chem"].id, w["loner"].id}
    assert can_edit_organisation(staff, w["sme_auto"])
    assert not can_edit_organisation(staff, w["sme_chem"])
    # A requester's profile is read while the federation decides, not edited.
    assert not can_edit_organisation(staff, w["pending"])
    memberships = db.session.execute(scoped_memberships(staff)).scalars().all()
    assert {m.ecosystem_id for m in memberships} == {w["auto"].id}


def test_an_sme_sees_only_itself(db, two_ecosystems):
    w = two_ecosystems
    user = make_user(Role.SME_USER, organisation=w["sme_auto"])
    assert _ids(db, scoped_organisations(user)) == {w["sme_auto"].id}
    assert can_edit_organisation(user, w["sme_auto"])
    assert not can_edit_organisation(user, w["sme_chem"])
    memberships = db.session.execute(scoped_memberships(user)).scalars().all()
    assert {m.organisation_id for m in memberships} == {w["sme_auto"].id}


def test_ministry_and_admin_see_everything_but_only_admin_edits_others(db, two_ecosystems):
    w = two_ecosystems
    officer = make_user(Role.MINISTRY_OFFICER)
    admin = make_user(Role.ADMIN)
    everything = {o.id for o in w.values() if hasattr(o, "kind")}
    assert everything <= _ids(db, scoped_organisations(officer))
    assert everything <= _ids(db, scoped_organisations(admin))
    assert not can_edit_organisation(officer, w["sme_chem"])
    assert can_edit_organisation(admin, w["sme_chem"])


def test_anonymous_scope_is_empty(db, two_ecosystems):
    from flask_login import AnonymousUserMixin

    assert _ids(db, scoped_organisations(AnonymousUserMixin())) == set()
