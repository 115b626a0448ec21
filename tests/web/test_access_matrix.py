"""Every route, for every audience, answers what this table says.

Adding a route without adding it here fails ``test_every_route_is_in_the_matrix``. For routes
on objects, ``World`` gives an object of the signed-in user's own organisation and one of
another organisation: out-of-scope objects must answer 404, not 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from portal.extensions import db as _db
from portal.models import (
    Accreditation,
    AccreditationStandard,
    MembershipStatus,
    OrganisationKind,
    Role,
)
from tests.conftest import post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

ANONYMOUS = "anonymous"
AUDIENCES = [ANONYMOUS, *(role.value for role in Role)]
SIGNED_IN = [role.value for role in Role]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(AUDIENCES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {ANONYMOUS: anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(roles: list[Role], status: int = 200, others: int = 403) -> dict[str, int]:
    expected = signed_in(others)
    expected.update({role.value: status for role in roles})
    return expected


@dataclass
class World:
    """Objects the paths of a case may point at: "own" ones belong to (or are led by) the
    signed-in user's organisation where its role allows, "other" ones never do."""

    own_organisation_id: int | None
    other_organisation_id: int
    own_ecosystem: str
    other_ecosystem: str
    own_membership_id: int
    public_member_id: int
    own_accreditation_id: int
    colleague_id: int
    own_convention_id: int
    own_party_id: int
    own_commitment_id: int
    own_milestone_id: int
    own_document_id: int
    other_convention_id: int
    other_indicator_id: int


def build_conventions(user, federation) -> dict[str, int]:
    """OWN-1: the user's organisation is a party (with the ministry and an institute whose
    party row has no commitment, so it can be removed); OTHER-1: the user's is not."""
    import io
    from datetime import date
    from decimal import Decimal

    from portal.models import (
        Commitment,
        Convention,
        ConventionParty,
        ConventionStatus,
        ConventionType,
        DocumentKind,
        Indicator,
        Milestone,
        PartyRole,
    )
    from portal.services.convention_files import store_document

    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    institute = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    ecosystem = EcosystemFactory(lead_federation=federation)
    ids: dict[str, int] = {}
    for reference, members in (
        ("OWN-1", [ministry, user.organisation if user else federation, institute]),
        ("OTHER-1", [ministry, federation]),
    ):
        convention = Convention(
            reference=reference,
            title_fr=reference,
            title_ar=reference,
            ecosystem_id=ecosystem.id,
            type=ConventionType.PARTNERSHIP,
            signed_on=date(2024, 1, 10),
            effective_from=date(2024, 1, 10),
            ends_on=date(2027, 12, 31),
            status=ConventionStatus.IN_PROGRESS,
        )
        _db.session.add(convention)
        _db.session.flush()
        parties = []
        for organisation in dict.fromkeys(members):
            party = ConventionParty(
                convention_id=convention.id,
                organisation_id=organisation.id,
                role=PartyRole.SIGNATORY,
            )
            _db.session.add(party)
            parties.append(party)
        milestone = Milestone(
            convention_id=convention.id,
            title_fr="Jalon",
            title_ar="مرحلة",
            due_date=date(2026, 6, 30),
        )
        indicator = Indicator(
            convention_id=convention.id,
            name_fr="PME",
            name_ar="مقاولات",
            baseline=Decimal(0),
            baseline_date=date(2024, 1, 10),
            target=Decimal(10),
            target_date=date(2027, 12, 31),
        )
        _db.session.add_all([milestone, indicator])
        _db.session.flush()
        commitment = Commitment(
            convention_id=convention.id,
            party_id=parties[0].id,
            description_fr="Engagement",
            description_ar="التزام",
        )
        _db.session.add(commitment)
        _db.session.flush()
        key = "own" if reference == "OWN-1" else "other"
        ids[f"{key}_convention_id"] = convention.id
        ids[f"{key}_indicator_id"] = indicator.id
        if key == "own":
            ids["own_party_id"] = parties[-1].id
            ids["own_commitment_id"] = commitment.id
            ids["own_milestone_id"] = milestone.id
            ids["own_document_id"] = store_document(
                convention,
                kind=DocumentKind.SIGNED_CONVENTION,
                title="Convention signée",
                filename="c.pdf",
                stream=io.BytesIO(b"%PDF-1.4\n%%EOF\n"),
                uploader=None,
            ).id
    ids.pop("own_indicator_id")
    return ids


def build_world(user) -> World:
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    led_by_user = (
        user.organisation if user is not None and user.role == Role.FEDERATION_STAFF else federation
    )
    own_ecosystem = EcosystemFactory(lead_federation=led_by_user)
    other_ecosystem = EcosystemFactory(lead_federation=federation)
    requested = MembershipFactory(ecosystem=own_ecosystem, status=MembershipStatus.REQUESTED)
    public_member = MembershipFactory(ecosystem=other_ecosystem).organisation
    other = OrganisationFactory(kind=OrganisationKind.SME)
    accreditation_id = 999_999
    colleague_id = 999_999
    if user is not None:
        if user.organisation.kind == OrganisationKind.INFRASTRUCTURE:
            accreditation = Accreditation(
                organisation_id=user.organisation_id,
                standard=AccreditationStandard.ISO_IEC_17025,
                certificate_number="17025-01",
            )
            _db.session.add(accreditation)
            _db.session.flush()
            accreditation_id = accreditation.id
        colleague_id = make_user(user.role, organisation=user.organisation).id
    return World(
        **build_conventions(user, federation),
        own_organisation_id=user.organisation_id if user else None,
        other_organisation_id=other.id,
        own_ecosystem=own_ecosystem.slug,
        other_ecosystem=other_ecosystem.slug,
        own_membership_id=requested.id,
        public_member_id=public_member.id,
        own_accreditation_id=accreditation_id,
        colleague_id=colleague_id,
    )


@dataclass
class Case:
    path: str | Callable[[World], str]
    expect: dict[str, int]
    data: dict = field(default_factory=dict)


EDITORS = [Role.ADMIN, Role.MINISTRY_OFFICER]
RECORDERS = [*EDITORS, Role.FEDERATION_STAFF]

MATRIX: dict[tuple[str, str], Case] = {
    ("public.index", "GET"): Case("/", everyone(200)),
    ("public.healthz", "GET"): Case("/healthz", everyone(200)),
    ("public.switch_language", "POST"): Case(
        "/language", everyone(302), {"language": "ar", "next": "/"}
    ),
    ("auth.login", "GET"): Case("/auth/login", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.login", "POST"): Case(
        "/auth/login",
        {**signed_in(302), ANONYMOUS: 401},
        {"email": "nobody@example.org", "password": "not a password at all"},
    ),
    ("auth.logout", "POST"): Case("/auth/logout", signed_in(302)),
    ("auth.reset_request", "GET"): Case("/auth/reset", everyone(200)),
    ("auth.reset_request", "POST"): Case("/auth/reset", everyone(422), {"email": "not-an-email"}),
    ("auth.reset_password", "GET"): Case("/auth/reset/forged", everyone(400)),
    ("auth.reset_password", "POST"): Case("/auth/reset/forged", everyone(400)),
    ("account.profile", "GET"): Case("/account/", signed_in(200)),
    ("account.profile", "POST"): Case("/account/", signed_in(422), {"full_name": ""}),
    ("account.change_password", "GET"): Case("/account/password", signed_in(200)),
    ("account.change_password", "POST"): Case("/account/password", signed_in(422)),
    ("home.index", "GET"): Case("/home", signed_in(200)),
    ("admin.audit_trail", "GET"): Case("/admin/audit", only([Role.ADMIN])),
    # sign-up, confirmation, invitations
    ("auth.signup", "GET"): Case("/auth/signup", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.signup", "POST"): Case("/auth/signup", {**signed_in(302), ANONYMOUS: 422}),
    ("auth.confirm_email", "GET"): Case("/auth/confirm/forged", everyone(400)),
    ("auth.resend_confirmation", "GET"): Case("/auth/confirm", everyone(200)),
    ("auth.resend_confirmation", "POST"): Case("/auth/confirm", everyone(422)),
    ("auth.accept_invitation", "GET"): Case("/auth/invitation/forged", everyone(400)),
    ("auth.accept_invitation", "POST"): Case("/auth/invitation/forged", everyone(400)),
    # ecosystems
    ("ecosystems.show", "GET"): Case(lambda w: f"/ecosystems/{w.own_ecosystem}", everyone(200)),
    ("ecosystems.create", "GET"): Case(
        "/ecosystems/new", only([Role.ADMIN, Role.MINISTRY_OFFICER])
    ),
    ("ecosystems.create", "POST"): Case(
        "/ecosystems/new", only([Role.ADMIN, Role.MINISTRY_OFFICER], 422)
    ),
    ("ecosystems.edit", "GET"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/edit", only([Role.ADMIN, Role.MINISTRY_OFFICER])
    ),
    ("ecosystems.edit", "POST"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/edit",
        only([Role.ADMIN, Role.MINISTRY_OFFICER], 422),
        {"name_fr": ""},
    ),
    ("ecosystems.join", "POST"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/join", signed_in(302)
    ),
    ("ecosystems.members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/members",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.export_members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/members.xlsx",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.requests", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/requests",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.decide", "POST"): Case(
        lambda w: f"/ecosystems/memberships/{w.own_membership_id}/decision",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 302),
        {"decision": "approve"},
    ),
    # organisations
    ("organisations.show", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}",
        signed_in(200),
    ),
    ("organisations.edit", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}/edit",
        signed_in(200),
    ),
    ("organisations.edit", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}/edit",
        signed_in(422),
        {"name_fr": ""},
    ),
    ("organisations.new_accreditation", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/accreditations/new",
        only([Role.INFRASTRUCTURE_USER], 200, others=404),
    ),
    ("organisations.new_accreditation", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/accreditations/new",
        only([Role.INFRASTRUCTURE_USER], 422, others=404),
    ),
    ("organisations.edit_accreditation", "GET"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/edit"
        ),
        only([Role.INFRASTRUCTURE_USER], 200, others=404),
    ),
    ("organisations.edit_accreditation", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/edit"
        ),
        only([Role.INFRASTRUCTURE_USER], 422, others=404),
        {"certificate_number": ""},
    ),
    ("organisations.delete_accreditation", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/delete"
        ),
        only([Role.INFRASTRUCTURE_USER], 302, others=404),
    ),
    ("organisations.colleagues", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/colleagues", signed_in(200)
    ),
    # Test users are not organisation administrators: only platform administrators invite.
    ("organisations.colleagues", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/colleagues",
        only([Role.ADMIN], 422),
    ),
    ("organisations.set_colleague_active", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/colleagues/{w.colleague_id}/deactivate"
        ),
        only([Role.ADMIN], 302),
    ),
    # directories
    ("directory.organisations", "GET"): Case(
        "/directory/organisations",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("directory.export_organisations", "GET"): Case(
        "/directory/organisations.csv",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("directory.public", "GET"): Case("/directory/", everyone(200)),
    ("directory.public_profile", "GET"): Case(
        lambda w: f"/directory/{w.public_member_id}", everyone(200)
    ),
    # member import
    ("imports.upload", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("imports.upload", "POST"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 422),
    ),
    ("imports.confirm", "POST"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import/confirm",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 404),
    ),
    ("imports.template_csv", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import/template.csv",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    # quality experts
    ("experts.directory", "GET"): Case("/experts/", signed_in(200)),
    ("experts.detail", "GET"): Case("/experts/999999", signed_in(404)),
    ("experts.own_profile", "GET"): Case("/experts/me", signed_in(200)),
    ("experts.own_profile", "POST"): Case("/experts/me", signed_in(422), {"full_name": ""}),
    ("experts.delete_own_profile", "POST"): Case("/experts/me/delete", signed_in(404)),
    # conventions
    ("conventions.index", "GET"): Case("/conventions/", everyone(200)),
    # Out of scope (anonymous, not a party): the public summary.
    ("conventions.show", "GET"): Case(
        lambda w: f"/conventions/{w.other_convention_id}", everyone(200)
    ),
    ("conventions.create", "GET"): Case("/conventions/new", only(EDITORS)),
    ("conventions.create", "POST"): Case("/conventions/new", only(EDITORS, 422)),
    ("conventions.edit", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/edit", only(EDITORS)
    ),
    ("conventions.edit", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/edit", only(EDITORS, 422), {"title_fr": ""}
    ),
    ("conventions.change_status", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/status",
        only(EDITORS, 302),
        {"status": "completed"},
    ),
    ("conventions.add_party", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/new", only(EDITORS)
    ),
    ("conventions.add_party", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/new", only(EDITORS, 422)
    ),
    ("conventions.remove_party", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/{w.own_party_id}/remove",
        only(EDITORS, 302),
    ),
    ("conventions.add_commitment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/new", only(EDITORS)
    ),
    ("conventions.add_commitment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/new", only(EDITORS, 422)
    ),
    ("conventions.edit_commitment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/{w.own_commitment_id}/edit",
        only(EDITORS),
    ),
    ("conventions.edit_commitment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/{w.own_commitment_id}/edit",
        only(EDITORS, 422),
        {"description_fr": ""},
    ),
    ("conventions.add_milestone", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/new", only(EDITORS)
    ),
    ("conventions.add_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/new", only(EDITORS, 422)
    ),
    ("conventions.complete_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/complete",
        only(RECORDERS, 302),
    ),
    ("conventions.add_indicator", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/indicators/new", only(EDITORS)
    ),
    ("conventions.add_indicator", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/indicators/new", only(EDITORS, 422)
    ),
    # On a convention the federation is not party to: 404 for its staff.
    ("conventions.add_measurement", "POST"): Case(
        lambda w: (
            f"/conventions/{w.other_convention_id}/indicators/{w.other_indicator_id}/measurements"
        ),
        {**only(RECORDERS, 422), Role.FEDERATION_STAFF.value: 404},
    ),
    ("conventions.add_amendment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/amendments/new", only(EDITORS)
    ),
    ("conventions.add_amendment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/amendments/new", only(EDITORS, 422)
    ),
    # convention documents, report, export
    ("convention_files.upload", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents", only(EDITORS, 422)
    ),
    ("convention_files.download", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents/{w.own_document_id}",
        signed_in(200, anonymous=404),
    ),
    ("convention_files.delete", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents/{w.own_document_id}/delete",
        only(EDITORS, 302),
    ),
    ("convention_files.report", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/report", signed_in(200, anonymous=404)
    ),
    ("convention_files.export_xlsx", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/export.xlsx",
        signed_in(200, anonymous=404),
    ),
    # notifications
    ("notifications.index", "GET"): Case("/notifications/", signed_in(200)),
    ("notifications.mark_read", "POST"): Case("/notifications/read", signed_in(302)),
}


def routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def test_every_route_is_in_the_matrix(app):
    missing = routes(app) - set(MATRIX)
    stale = set(MATRIX) - routes(app)
    assert not missing, f"routes without access expectations: {sorted(missing)}"
    assert not stale, f"expectations for routes that do not exist: {sorted(stale)}"


def test_every_case_covers_every_audience():
    for key, case in MATRIX.items():
        assert set(case.expect) == set(AUDIENCES), key


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]}:{r[1]}")
def test_access(client, db, route, audience):
    case = MATRIX[route]
    user = None
    if audience != ANONYMOUS:
        user = make_user(audience)
        sign_in(client, user)
    world = build_world(user)
    path = case.path(world) if callable(case.path) else case.path
    _endpoint, method = route
    response = client.get(path) if method == "GET" else post_form(client, path, case.data)
    assert response.status_code == case.expect[audience], (
        f"{method} {path} as {audience}: {response.status_code}"
    )
