"""Public bodies (issue 14, item 1): an administration, local authority or public agency signs
up without an ICE, asks to join an ecosystem, is accepted by the lead federation as a member
public body, and asks for ISO 9001 support as a company does; the figures count it as its own
kind."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.authz import HomeKind, home_kind
from portal.models import (
    CaseStage,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PublicBodyType,
    Role,
    SupportCase,
    User,
)
from portal.services import accounts
from portal.services.accounts import AccountError, NewUser
from portal.services.ecosystems.summaries import membership_counts
from portal.services.onboarding import SignUp, sign_up
from tests.conftest import post_form, sent_mail, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    standard,
)

SIGNUP = {
    "kind": "public_body",
    "name_fr": "Agence urbaine de Tanger",
    "name_ar": "الوكالة الحضرية لطنجة",
    "region": "MA-01",
    "city": "Tanger",
    "full_name": "Samira Idrissi",
    "email": "samira@aut.example.org",
    "preferred_locale": "fr",
    "new_password": "la rose des vents de tanger 2026",
    "confirm_password": "la rose des vents de tanger 2026",
}


def test_a_public_body_signs_up_is_accepted_and_asks_for_iso_9001_support(app, client, db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    staff = make_user(Role.FEDERATION_STAFF, organisation=amica)
    ecosystem = EcosystemFactory(lead_federation=amica, slug="automobile")

    # Sign-up: no ICE asked of a public body.
    assert post_form(client, "/auth/signup", SIGNUP).status_code == 200
    user = db.session.execute(select(User).where(User.email == SIGNUP["email"])).scalar_one()
    body = user.organisation
    assert (body.kind, body.ice, user.role) == (OrganisationKind.PUBLIC_BODY, None, Role.SME_USER)
    assert user.is_org_admin and home_kind(user) == HomeKind.COMPANY
    body_text = sent_mail(app)[-1].get_body(("plain",)).get_content()
    link = re.search(r"http://localhost(/auth/confirm/\S+)", body_text).group(1)
    assert client.get(link).status_code == 302

    # It asks to join; the lead federation accepts it as a member public body.
    sign_in(client, user)
    assert post_form(client, "/ecosystems/automobile/join").status_code == 302
    membership = db.session.execute(
        select(Membership).where(Membership.organisation_id == body.id)
    ).scalar_one()
    assert (membership.role, membership.status) == (
        MembershipRole.MEMBER_PUBLIC_BODY,
        MembershipStatus.REQUESTED,
    )
    sign_in(client, staff)
    decided = post_form(
        client, f"/ecosystems/memberships/{membership.id}/decision", {"decision": "approve"}
    )
    assert decided.status_code == 302
    db.session.refresh(membership)
    assert membership.status == MembershipStatus.ACTIVE
    members = client.get("/ecosystems/automobile/members").get_data(as_text=True)
    assert "Agence urbaine de Tanger" in members

    # It asks for ISO 9001 support, as a company does; the federation sees the request.
    sign_in(client, user)
    assert client.get("/support/new").status_code == 200
    asked = post_form(
        client,
        "/support/new",
        {
            "standard_id": standard("iso_9001").id,
            "kind": "initial",
            "ecosystem_id": ecosystem.id,
            "motivation": "Certifier l'instruction des autorisations d'urbanisme.",
        },
    )
    assert asked.status_code == 302
    case = db.session.execute(
        select(SupportCase).where(SupportCase.organisation_id == body.id)
    ).scalar_one()
    assert case.stage == CaseStage.REQUESTED
    assert client.get(f"/support/{case.id}").status_code == 200
    sign_in(client, staff)
    assert client.get(f"/support/{case.id}").status_code == 200
    assert "Agence urbaine de Tanger" in client.get("/support/").get_data(as_text=True)


def test_the_sign_up_offers_public_bodies_and_consulting_firms(client, db):
    page = client.get("/auth/signup").get_data(as_text=True)
    assert 'value="public_body"' in page and 'value="consulting_firm"' in page


def test_a_consulting_firm_signs_up_and_its_user_is_a_consultant(app, db):
    with app.test_request_context():
        user = sign_up(
            SignUp(
                kind=OrganisationKind.CONSULTING_FIRM,
                name_fr="Qualitas Conseil",
                name_ar="كواليتاس للاستشارة",
                region="MA-06",
                city="Casablanca",
                full_name="Omar Lahlou",
                email="omar@qualitas.example.org",
                password="le conseil de qualitas 2026",
                preferred_locale="fr",
            )
        )
    assert user.role == Role.CONSULTANT
    assert home_kind(user) == HomeKind.CONSULTANT


def test_a_company_user_may_belong_to_a_public_body_and_a_consultant_only_to_a_firm(db):
    body = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY)
    firm = OrganisationFactory(kind=OrganisationKind.CONSULTING_FIRM)
    made = accounts.create_user(
        NewUser(
            email="agent@commune.example.org",
            full_name="Agent",
            role=Role.SME_USER,
            organisation=body,
            password="un mot de passe assez long 2026",
        )
    )
    assert made.organisation_id == body.id
    for role, organisation in ((Role.CONSULTANT, body), (Role.SME_USER, firm)):
        with pytest.raises(AccountError):
            accounts.create_user(
                NewUser(
                    email=f"{role.value}@example.org",
                    full_name="Personne",
                    role=role,
                    organisation=organisation,
                    password="un mot de passe assez long 2026",
                )
            )


def test_public_bodies_are_counted_as_their_own_kind(db):
    ecosystem = EcosystemFactory()
    MembershipFactory(ecosystem=ecosystem)  # a company
    body = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY)
    MembershipFactory(
        ecosystem=ecosystem, organisation=body, role=MembershipRole.MEMBER_PUBLIC_BODY
    )
    counts = membership_counts(ecosystem.id)
    assert counts["by_role"] == {"member_sme": 1, "member_public_body": 1}
    assert db.session.get(Organisation, body.id).is_beneficiary


def test_a_public_body_keeps_its_type_and_no_company_fields(client, db):
    body = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY, ice=None)
    user = make_user(Role.SME_USER, organisation=body, is_org_admin=True)
    sign_in(client, user)
    form = client.get(f"/organisations/{body.id}/edit").get_data(as_text=True)
    assert 'name="public_body_type"' in form
    assert 'name="ice"' not in form and 'name="legal_form"' not in form
    saved = post_form(
        client,
        f"/organisations/{body.id}/edit",
        {
            "name_fr": body.name_fr,
            "name_ar": body.name_ar,
            "region": "MA-01",
            "city": "Tanger",
            "public_body_type": "local_authority",
            "version": body.version,
        },
    )
    assert saved.status_code == 302
    db.session.refresh(body)
    assert body.public_body_type == PublicBodyType.LOCAL_AUTHORITY
    shown = client.get(f"/organisations/{body.id}").get_data(as_text=True)
    assert "Collectivité territoriale" in shown


def test_the_dashboards_count_public_bodies_as_their_own_kind(db):
    from portal.services import cockpit
    from portal.services.cockpit import figures
    from portal.services.cockpit.periods import period_of_key

    ecosystem = EcosystemFactory()
    MembershipFactory(ecosystem=ecosystem)  # a company
    body = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY, region="MA-01")
    MembershipFactory(
        ecosystem=ecosystem, organisation=body, role=MembershipRole.MEMBER_PUBLIC_BODY
    )
    counted = figures.members((ecosystem.id,), "", period_of_key("2026"))
    assert counted["ecosystems"][str(ecosystem.id)]["by_kind"] == {"sme": 1, "public_body": 1}
    assert counted["by_region"]["MA-01"] == {"public_body": 1}
    assert OrganisationKind.PUBLIC_BODY in cockpit.MEMBER_KINDS  # a row of its own
