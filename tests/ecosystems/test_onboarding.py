"""Sign-up with e-mail confirmation, joining an ecosystem, the federation's decisions."""

import re

from sqlalchemy import select

from portal.models import (
    Membership,
    MembershipStatus,
    Notification,
    Organisation,
    OrganisationKind,
    User,
)
from tests.conftest import post_form, sent_mail, sign_in
from tests.factories import (
    DEFAULT_PASSWORD,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    valid_ice,
)

SIGNUP = {
    "kind": "sme",
    "name_fr": "Forge du Souss",
    "name_ar": "مطرقة سوس",
    "ice": valid_ice(4242),
    "region": "MA-09",
    "city": "Agadir",
    "full_name": "Yasmine Ouhadi",
    "email": "yasmine@forge-souss.example.org",
    "preferred_locale": "fr",
    "new_password": "le marteau de la forge 2026",
    "confirm_password": "le marteau de la forge 2026",
}


def _link(app, path):
    body = sent_mail(app)[-1].get_body(("plain",)).get_content()
    return re.search(rf"http://localhost({path}/\S+)", body).group(1)


def test_sign_up_confirm_and_sign_in(app, client, db):
    response = post_form(client, "/auth/signup", SIGNUP)
    assert response.status_code == 200
    user = db.session.execute(select(User).where(User.email == SIGNUP["email"])).scalar_one()
    assert user.is_org_admin and user.email_confirmed_at is None
    assert user.organisation.kind == OrganisationKind.SME
    assert user.organisation.ice == SIGNUP["ice"]
    # Not confirmed yet: the right password leads to the confirmation page, not in.
    login = post_form(
        client, "/auth/login", {"email": SIGNUP["email"], "password": SIGNUP["new_password"]}
    )
    assert login.headers["Location"] == "/auth/confirm"
    link = _link(app, "/auth/confirm")
    assert client.get(link).status_code == 302
    assert client.get(link).status_code == 400  # single use
    login = post_form(
        client, "/auth/login", {"email": SIGNUP["email"], "password": SIGNUP["new_password"]}
    )
    assert login.headers["Location"] == "/home"


def test_the_same_ice_points_to_the_existing_organisation(client, db):
    existing = OrganisationFactory(ice=SIGNUP["ice"], name_fr="Forge déjà là")
    response = post_form(client, "/auth/signup", SIGNUP)
    assert response.status_code == 422
    assert "Forge déjà là" in response.get_data(as_text=True)
    count = db.session.execute(select(Organisation).where(Organisation.ice == SIGNUP["ice"])).all()
    assert len(count) == 1 and existing.id


def test_a_bad_ice_or_a_weak_password_changes_nothing(client, db):
    for bad in (
        {"ice": "001561191000065"},
        {"new_password": "password1234", "confirm_password": "password1234"},
    ):
        response = post_form(client, "/auth/signup", {**SIGNUP, **bad})
        assert response.status_code == 422
    assert db.session.execute(select(User).where(User.email == SIGNUP["email"])).first() is None


def test_join_approve_and_notify(app, client, db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    staff = make_user("federation_staff", organisation=amica)
    ecosystem = EcosystemFactory(lead_federation=amica, slug="automobile")
    sme_user = make_user("sme_user", is_org_admin=True)
    sign_in(client, sme_user)
    assert post_form(client, "/ecosystems/automobile/join").status_code == 302
    membership = db.session.execute(
        select(Membership).where(Membership.organisation_id == sme_user.organisation_id)
    ).scalar_one()
    assert membership.status == MembershipStatus.REQUESTED
    assert db.session.execute(select(Notification).where(Notification.user_id == staff.id)).first()
    # Asking twice is refused and changes nothing.
    post_form(client, "/ecosystems/automobile/join")
    assert db.session.execute(select(Membership)).scalars().all() == [membership]

    sign_in(client, staff)
    page = client.get("/ecosystems/automobile/requests").get_data(as_text=True)
    assert sme_user.organisation.name_fr.replace("'", "&#39;") in page
    rejected = post_form(
        client, f"/ecosystems/memberships/{membership.id}/decision", {"decision": "reject"}
    )
    assert rejected.status_code == 302
    db.session.refresh(membership)
    assert membership.status == MembershipStatus.REQUESTED  # a rejection needs a reason
    post_form(client, f"/ecosystems/memberships/{membership.id}/decision", {"decision": "approve"})
    db.session.refresh(membership)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by_id == staff.id and membership.decided_at is not None
    members = client.get("/ecosystems/automobile/members").get_data(as_text=True)
    assert sme_user.organisation.ice in members
    assert any(m["To"] == sme_user.email for m in sent_mail(app))
    assert ecosystem.id


def test_reject_with_reason_then_ask_again(client, db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    staff = make_user("federation_staff", organisation=amica)
    ecosystem = EcosystemFactory(lead_federation=amica)
    membership = MembershipFactory(ecosystem=ecosystem, status=MembershipStatus.REQUESTED)
    sign_in(client, staff)
    post_form(
        client,
        f"/ecosystems/memberships/{membership.id}/decision",
        {"decision": "reject", "reason": "ICE introuvable au registre"},
    )
    db.session.refresh(membership)
    assert membership.status == MembershipStatus.REJECTED
    assert membership.decision_reason == "ICE introuvable au registre"
    applicant = make_user("sme_user", organisation=membership.organisation)
    sign_in(client, applicant)
    page = client.get(f"/ecosystems/{ecosystem.slug}").get_data(as_text=True)
    assert "ICE introuvable au registre" in page
    post_form(client, f"/ecosystems/{ecosystem.slug}/join")
    db.session.refresh(membership)
    assert membership.status == MembershipStatus.REQUESTED


def test_fcp_staff_cannot_manage_amica_members(client, db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    automobile = EcosystemFactory(lead_federation=amica)
    membership = MembershipFactory(ecosystem=automobile, status=MembershipStatus.REQUESTED)
    sign_in(client, make_user("federation_staff", organisation=fcp))
    for path in (
        f"/ecosystems/{automobile.slug}/members",
        f"/ecosystems/{automobile.slug}/requests",
        f"/ecosystems/{automobile.slug}/members.csv",
        f"/organisations/{membership.organisation_id}",
        f"/ecosystems/{automobile.slug}/import",
    ):
        assert client.get(path).status_code == 404, path
    decision = post_form(
        client, f"/ecosystems/memberships/{membership.id}/decision", {"decision": "approve"}
    )
    assert decision.status_code == 404
    db.session.refresh(membership)
    assert membership.status == MembershipStatus.REQUESTED


def test_an_sme_cannot_see_another_smes_profile_or_requests(client, db):
    ecosystem = EcosystemFactory()
    mine = MembershipFactory(ecosystem=ecosystem, status=MembershipStatus.REQUESTED)
    theirs = MembershipFactory(ecosystem=ecosystem, status=MembershipStatus.REQUESTED)
    sign_in(client, make_user("sme_user", organisation=mine.organisation))
    assert client.get(f"/organisations/{theirs.organisation_id}").status_code == 404
    assert client.get(f"/organisations/{theirs.organisation_id}/edit").status_code == 404
    assert client.get(f"/organisations/{theirs.organisation_id}/colleagues").status_code == 404
    assert client.get(f"/ecosystems/{ecosystem.slug}/requests").status_code == 403
    own = client.get(f"/organisations/{mine.organisation_id}").get_data(as_text=True)
    assert theirs.organisation.ice not in own
    home = client.get("/home").get_data(as_text=True)
    assert theirs.organisation.name_fr not in home


def test_deactivating_a_colleague_ends_their_sessions(app, client, db):
    admin = make_user("sme_user", is_org_admin=True)
    colleague = make_user("sme_user", organisation=admin.organisation)
    their_browser = app.test_client()
    sign_in(their_browser, colleague)
    assert their_browser.get("/home").status_code == 200
    sign_in(client, admin)
    post_form(
        client, f"/organisations/{admin.organisation_id}/colleagues/{colleague.id}/deactivate"
    )
    assert their_browser.get("/home").status_code == 302
    db.session.refresh(colleague)
    assert colleague.active is False
    # The last administrator cannot be deactivated, nor oneself.
    response = post_form(
        client, f"/organisations/{admin.organisation_id}/colleagues/{admin.id}/deactivate"
    )
    assert response.status_code == 302
    db.session.refresh(admin)
    assert admin.active


def test_invitation_creates_a_confirmed_colleague_once(app, client, db):
    admin = make_user("sme_user", is_org_admin=True)
    sign_in(client, admin)
    response = post_form(
        client,
        f"/organisations/{admin.organisation_id}/colleagues",
        {"full_name": "Omar Filali", "email": "omar@example.org"},
    )
    assert response.status_code == 302
    link = _link(app, "/auth/invitation")
    guest = app.test_client()
    data = {
        "full_name": "Omar Filali",
        "preferred_locale": "ar",
        "new_password": "une invitation bien reçue",
        "confirm_password": "une invitation bien reçue",
    }
    assert post_form(guest, link, data).status_code == 302
    omar = db.session.execute(select(User).where(User.email == "omar@example.org")).scalar_one()
    assert omar.organisation_id == admin.organisation_id and omar.email_confirmed_at
    assert post_form(guest, link, data).status_code == 400  # used
    assert DEFAULT_PASSWORD


CSRF_VALUE = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+"')


def _visible(response, email: str) -> str:
    """The page as a visitor sees it, its CSRF token and the typed address set aside."""
    return CSRF_VALUE.sub(r'\1"', response.get_data(as_text=True)).replace(email, "EMAIL")


def test_sign_up_never_tells_whether_an_address_has_an_account(app, client, db):
    owner = make_user("sme_user", email="amal@atlas.example.org", full_name="Amal Berrada")
    organisations_before = db.session.execute(select(Organisation.id)).all()
    fresh_visitor, other_visitor = client, app.test_client()
    fresh = post_form(fresh_visitor, "/auth/signup", SIGNUP)
    outbox = sent_mail(app)
    fresh_mail = outbox[-1]
    taken = post_form(
        other_visitor,
        "/auth/signup",
        {**SIGNUP, "ice": valid_ice(4343), "email": "AMAL@atlas.example.org"},
    )

    # The same answer to the visitor, whatever the address.
    assert taken.status_code == fresh.status_code == 200
    assert _visible(taken, "AMAL@atlas.example.org") == _visible(fresh, SIGNUP["email"])
    # Nothing created for the taken address: one account, the other visitor's organisation only.
    accounts = db.session.execute(
        select(User).where(User.email.ilike("amal@atlas.example.org"))
    ).all()
    assert len(accounts) == 1
    assert (
        db.session.execute(select(Organisation).where(Organisation.ice == valid_ice(4343))).first()
        is None
    )
    assert len(db.session.execute(select(Organisation.id)).all()) == len(organisations_before) + 1
    # The new address got its confirmation link; the owner of the taken one, a notice.
    assert (
        fresh_mail["To"] == SIGNUP["email"]
        and "/auth/confirm/" in fresh_mail.get_body(("plain",)).get_content()
    )
    outbox = sent_mail(app)
    notice = outbox[-1]
    assert notice is not fresh_mail and len(outbox) == 2
    assert notice["To"] == owner.email
    body = notice.get_body(("plain",)).get_content()
    assert "Amal Berrada" in body
    assert "http://localhost/auth/reset" in body and "http://localhost/auth/login" in body
    assert "/auth/confirm/" not in body
