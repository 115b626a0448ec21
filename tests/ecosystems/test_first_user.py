"""A company its federation imported has no account: the federation invites its first user
(from the company's page or the member list), the invitee opens the e-mailed link, chooses a
password and lands signed in as the company's administrator; sign-up with its ICE says so;
the member import invites first users from an ``invite_email`` column once confirmed."""

from __future__ import annotations

import re

import pytest
from flask import current_app
from flask_babel import force_locale, gettext, ngettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.models import (
    Invitation,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from portal.services.tabular import csv_bytes
from tests.conftest import post_form, sent_mail, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    valid_ice,
)

PASSWORD = "une invitation bien reçue 2026"


def message(msgid: str, **values) -> str:
    """A message as the French pages show it, escaped."""
    with current_app.test_request_context(), force_locale("fr_MA"):
        return str(escape(gettext(msgid, **values)))


@pytest.fixture
def world(db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    automobile = EcosystemFactory(lead_federation=amica, slug="automobile")
    chimie = EcosystemFactory(lead_federation=fcp, slug="chimie")
    imported = MembershipFactory(
        ecosystem=automobile, organisation=OrganisationFactory(name_fr="Câblerie importée")
    ).organisation
    with_users = MembershipFactory(ecosystem=automobile).organisation
    make_user(Role.SME_USER, organisation=with_users)
    return {
        "automobile": automobile,
        "chimie": chimie,
        "imported": imported,
        "with_users": with_users,
        "amica_staff": make_user(Role.FEDERATION_STAFF, organisation=amica),
        "fcp_staff": make_user(Role.FEDERATION_STAFF, organisation=fcp),
    }


def mails_to(app, email: str) -> list:
    return [m for m in sent_mail(app) if m["To"] == email]


def link_in(mail) -> str:
    return re.search(
        r"http://localhost(/auth/invitation/\S+)", mail.get_body(("plain",)).get_content()
    ).group(1)


def accept(app, link: str, name: str = "Salma Idrissi"):
    guest = app.test_client()
    data = {
        "full_name": name,
        "preferred_locale": "fr",
        "new_password": PASSWORD,
        "confirm_password": PASSWORD,
    }
    return guest, post_form(guest, link, data)


def test_the_federation_invites_the_first_user_who_lands_signed_in(app, client, db, world):
    imported = world["imported"]
    sign_in(client, world["amica_staff"])
    page = client.get(f"/organisations/{imported.id}").get_data(as_text=True)
    assert 'id="first-user"' in page
    assert f'href="/organisations/{imported.id}/invite"' in page
    members = client.get("/ecosystems/automobile/members").get_data(as_text=True)
    assert f'href="/organisations/{imported.id}/invite"' in members
    assert f'href="/organisations/{world["with_users"].id}/invite"' not in members
    assert client.get(f"/organisations/{imported.id}/invite").status_code == 200

    sent = post_form(
        client, f"/organisations/{imported.id}/invite", {"email": "Salma@Cablerie.example.ma"}
    )
    assert sent.status_code == 302
    assert sent.headers["Location"].endswith(f"/organisations/{imported.id}")
    (mail,) = mails_to(app, "Salma@Cablerie.example.ma")
    assert "Câblerie importée" in mail.get_body(("plain",)).get_content()
    page = client.get(f"/organisations/{imported.id}").get_data(as_text=True)
    pending = re.search(r'id="invitation-pending">(.*?)</p>', page, re.S).group(1)
    assert "salma@cablerie.example.ma" in pending

    link = link_in(mail)
    guest = app.test_client()
    assert guest.get(link).status_code == 200
    guest, accepted = accept(app, link)
    assert accepted.status_code == 302
    assert accepted.headers["Location"].endswith(f"/organisations/{imported.id}/edit")
    assert guest.get("/home").status_code == 200  # signed in, no detour by the login page
    salma = db.session.execute(
        select(User).where(User.email == "salma@cablerie.example.ma")
    ).scalar_one()
    assert salma.organisation_id == imported.id
    assert salma.role == Role.SME_USER and salma.is_org_admin and salma.email_confirmed_at
    assert accept(app, link)[1].status_code == 400  # single use
    invitation = db.session.execute(select(Invitation)).scalar_one()
    assert invitation.accepted_at is not None and invitation.first_user

    # The company has its account: the federation no longer invites, its users do.
    page = client.get(f"/organisations/{imported.id}").get_data(as_text=True)
    assert 'id="first-user"' not in page
    assert client.get(f"/organisations/{imported.id}/invite").status_code == 403


def test_sending_again_replaces_the_earlier_link(app, client, db, world):
    imported = world["imported"]
    sign_in(client, world["amica_staff"])
    path = f"/organisations/{imported.id}/invite"
    post_form(client, path, {"email": "erreur@example.ma", "full_name": "Omar"})
    post_form(client, path, {"email": "erreur@example.ma", "full_name": "Omar"})  # again
    post_form(client, path, {"email": "bonne@example.ma"})
    first, again = (link_in(m) for m in mails_to(app, "erreur@example.ma"))
    latest = link_in(mails_to(app, "bonne@example.ma")[0])
    assert app.test_client().get(first).status_code == 400
    assert app.test_client().get(again).status_code == 400
    assert accept(app, latest)[1].status_code == 302
    pending = db.session.scalar(
        select(func.count(Invitation.id)).where(
            Invitation.accepted_at.is_(None), Invitation.replaced_at.is_(None)
        )
    )
    assert pending == 0


def test_a_first_user_link_stops_working_once_the_company_has_an_account(app, client, db, world):
    imported = world["imported"]
    sign_in(client, world["amica_staff"])
    post_form(client, f"/organisations/{imported.id}/invite", {"email": "tard@example.ma"})
    link = link_in(mails_to(app, "tard@example.ma")[0])
    make_user(Role.SME_USER, organisation=imported, is_org_admin=True)
    assert app.test_client().get(link).status_code == 400


def test_who_may_invite_a_first_user(client, db, world):
    imported, with_users = world["imported"], world["with_users"]
    requested = MembershipFactory(
        ecosystem=world["automobile"], status=MembershipStatus.REQUESTED
    ).organisation
    suspended = MembershipFactory(
        ecosystem=world["automobile"], status=MembershipStatus.SUSPENDED
    ).organisation

    sign_in(client, world["amica_staff"])
    assert client.get(f"/organisations/{suspended.id}/invite").status_code == 200
    assert client.get(f"/organisations/{requested.id}/invite").status_code == 403
    assert client.get(f"/organisations/{with_users.id}/invite").status_code == 403
    refused = post_form(client, f"/organisations/{with_users.id}/invite", {"email": "x@y.ma"})
    assert refused.status_code == 403

    sign_in(client, world["fcp_staff"])  # not its federation: the company is out of scope
    assert client.get(f"/organisations/{imported.id}/invite").status_code == 404
    assert post_form(
        client, f"/organisations/{imported.id}/invite", {"email": "x@y.ma"}
    ).status_code == (404)

    sign_in(client, make_user(Role.MINISTRY_OFFICER))
    assert client.get(f"/organisations/{imported.id}/invite").status_code == 403
    sign_in(client, make_user(Role.ADMIN))
    assert client.get(f"/organisations/{imported.id}/invite").status_code == 200
    assert db.session.scalar(select(func.count(Invitation.id))) == 0


def test_a_taken_address_or_a_bad_one_is_refused_and_nothing_sent(app, client, db, world):
    imported = world["imported"]
    taken = make_user(Role.SME_USER)
    sign_in(client, world["amica_staff"])
    path = f"/organisations/{imported.id}/invite"
    for email in (taken.email.upper(), "pas-une-adresse", ""):
        assert post_form(client, path, {"email": email}).status_code == 422
    assert db.session.scalar(select(func.count(Invitation.id))) == 0
    assert sent_mail(app) == []


# --- sign-up with the ICE of a company already on the portal ------------------------------------


SIGNUP = {
    "kind": "sme",
    "name_fr": "Une autre",
    "name_ar": "أخرى",
    "region": "MA-06",
    "city": "Casablanca",
    "full_name": "Yasmine Ouhadi",
    "email": "yasmine@example.ma",
    "preferred_locale": "fr",
    "new_password": "le marteau de la forge 2026",
    "confirm_password": "le marteau de la forge 2026",
}


def test_sign_up_with_the_ice_of_a_company_without_account_names_its_federation(client, db, world):
    imported, with_users = world["imported"], world["with_users"]
    page = post_form(client, "/auth/signup", {**SIGNUP, "ice": imported.ice})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    expected = message(
        "%(name)s is already on the portal, but without an account yet. Its federation, "
        "%(federation)s, can invite you to open it: ask them for an invitation.",
        name="Câblerie importée",
        federation="AMICA",
    )
    assert expected in text
    assert 'id="existing-without-account"' in text

    # A company with accounts: the answer says no more than before (no federation named).
    page = post_form(client, "/auth/signup", {**SIGNUP, "ice": with_users.ice})
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    before = message(
        "%(name)s is already registered with this ICE. Ask one of its users to invite you, "
        "instead of creating it again.",
        name=with_users.name_fr,
    )
    assert before in text
    assert "AMICA" not in text and 'id="existing-without-account"' not in text

    # Not a member of any ecosystem: the administrators invite.
    alone = OrganisationFactory(name_fr="Seule au monde")
    text = post_form(client, "/auth/signup", {**SIGNUP, "ice": alone.ice}).get_data(as_text=True)
    assert (
        message(
            "%(name)s is already on the portal, but without an account yet. Ask the "
            "portal's administrators for an invitation to open it.",
            name="Seule au monde",
        )
        in text
    )
    assert db.session.scalar(select(func.count(User.id)).where(User.email == SIGNUP["email"])) == 0


# --- the member import invites first users once confirmed ---------------------------------------

HEADERS = ["name_fr", "ice", "region", "email", "invite_email", "invite_name"]


def upload(client, data: bytes):
    import io

    return post_form(
        client,
        "/ecosystems/automobile/import",
        {"file": (io.BytesIO(data), "members.csv")},
        content_type="multipart/form-data",
    )


def cell(page: str, row_id: str) -> int:
    return int(re.search(rf'id="{row_id}">.*?<td>([^<]*)</td>', page, re.S).group(1))


def test_the_import_invites_first_users_only_once_confirmed(app, client, db, world):
    taken = make_user(Role.SME_USER)
    user_of = db.session.execute(
        select(User).where(User.organisation_id == world["with_users"].id)
    ).scalar_one()
    rows = [
        # a new company, invited
        ["Nouvelle A", valid_ice(61), "MA-06", "contact@a.ma", "dg@a.ma", "Driss Alami"],
        # the imported member without account, invited
        ["Câblerie importée", world["imported"].ice, "MA-06", "", "qualite@cable.ma", ""],
        # a member with an account: the column is left aside, no error
        ["Avec compte", world["with_users"].ice, "MA-06", "", user_of.email, ""],
        # a new company without invitee: nobody is invited at its contact address
        ["Nouvelle B", valid_ice(62), "MA-06", "contact@b.ma", "", ""],
        # errors: a bad address, an address already used by an account, a repeated one
        ["Nouvelle C", valid_ice(63), "MA-06", "", "pas-une-adresse", ""],
        ["Nouvelle D", valid_ice(64), "MA-06", "", taken.email, ""],
        ["Nouvelle E", valid_ice(65), "MA-06", "", "dg@a.ma", ""],
    ]
    sign_in(client, world["amica_staff"])
    page = upload(client, csv_bytes(HEADERS, rows)).get_data(as_text=True)
    assert cell(page, "count-invite") == 2
    assert cell(page, "count-new") == 2 and cell(page, "count-error") == 3
    reasons = dict(re.findall(r'<tr id="line-(\d+)".*?data-reason="([^"]+)"', page, re.S))
    assert reasons == {
        "6": "invalid_invite_email",
        "7": "invite_email_taken",
        "8": "duplicate_invite_email",
    }
    assert sent_mail(app) == []  # nothing sent at the preview
    assert db.session.scalar(select(func.count(Invitation.id))) == 0

    token = re.search(r'name="token"[^>]*value="([^"]+)"', page).group(1)
    confirmed = post_form(client, "/ecosystems/automobile/import/confirm", {"token": token})
    assert confirmed.status_code == 302
    assert [m["To"] for m in sent_mail(app)] == ["dg@a.ma", "qualite@cable.ma"]
    after = client.get("/ecosystems/automobile/import").get_data(as_text=True)
    with current_app.test_request_context(), force_locale("fr_MA"):
        sent = ngettext(
            "%(num)d invitation sent to open a company's account.",
            "%(num)d invitations sent to open the companies' accounts.",
            2,
        )
    assert str(escape(sent)) in after
    new_a = db.session.execute(select(Organisation).where(Organisation.ice == valid_ice(61)))
    invitation = db.session.execute(
        select(Invitation).where(Invitation.organisation_id == new_a.scalar_one().id)
    ).scalar_one()
    assert (invitation.email, invitation.full_name, invitation.first_user) == (
        "dg@a.ma",
        "Driss Alami",
        True,
    )
    _guest, accepted = accept(app, link_in(sent_mail(app)[0]), "Driss Alami")
    assert accepted.status_code == 302

    # The same file again: nothing to write, the pending invitation is not sent twice.
    page = upload(client, csv_bytes(HEADERS, rows)).get_data(as_text=True)
    assert cell(page, "count-invite") == 0 and 'name="token"' not in page


def test_an_invitation_sent_twice_by_a_double_click_is_sent_once(app, client, db, world):
    from tests.web.test_submissions import token_on

    imported = world["imported"]
    sign_in(client, world["amica_staff"])
    path = f"/organisations/{imported.id}/invite"
    data = {"email": "premier@example.ma", "submission_token": token_on(client, path)}
    first = post_form(client, path, data)
    second = post_form(client, path, data)
    assert first.status_code == 302 and second.status_code == 303
    assert len(mails_to(app, "premier@example.ma")) == 1
    assert db.session.scalar(select(func.count(Invitation.id))) == 1
