"""Organisation profiles: kind-specific fields, concurrent edits refused, accreditations."""

import pytest
from sqlalchemy import select

from portal.models import Accreditation, AuditEntry, InfrastructureType, OrganisationKind
from tests.conftest import post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user


def _profile(org, **changes):
    data = {
        "name_fr": org.name_fr,
        "name_ar": org.name_ar,
        "region": org.region,
        "city": org.city,
        "version": org.version,
    }
    if org.kind == OrganisationKind.SME:
        data["ice"] = org.ice
    return {**data, **changes}


def test_an_edit_is_saved_and_audited(client, db):
    user = make_user("sme_user")
    org = user.organisation
    sign_in(client, user)
    response = post_form(
        client,
        f"/organisations/{org.id}/edit",
        _profile(org, city="Kénitra", headcount_band="pme", legal_form="sarl"),
    )
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.city == "Kénitra" and org.headcount_band.value == "pme"
    entry = (
        db.session.execute(
            select(AuditEntry).where(
                AuditEntry.entity_type == "organisations",
                AuditEntry.entity_id == str(org.id),
                AuditEntry.action == "update",
            )
        )
        .scalars()
        .all()[-1]
    )
    assert entry.changes["city"][1] == "Kénitra"
    assert entry.actor_id == user.id


def test_a_concurrent_edit_is_refused_and_the_first_kept(app, client, db):
    user = make_user("sme_user")
    org = user.organisation
    other = app.test_client()
    sign_in(client, user)
    sign_in(other, make_user("sme_user", organisation=org))
    opened = _profile(org)
    assert (
        post_form(client, f"/organisations/{org.id}/edit", {**opened, "city": "Safi"}).status_code
        == 302
    )
    second = post_form(other, f"/organisations/{org.id}/edit", {**opened, "city": "Essaouira"})
    assert second.status_code == 302
    assert second.headers["Location"].endswith("/edit")
    db.session.refresh(org)
    assert org.city == "Safi"


def test_an_invalid_ice_is_refused(client, db):
    user = make_user("sme_user")
    sign_in(client, user)
    response = post_form(
        client,
        f"/organisations/{user.organisation_id}/edit",
        _profile(user.organisation, ice="123456789012345"),
    )
    assert response.status_code == 422


def test_federation_staff_edit_their_members_profiles_only(client, db):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    staff = make_user("federation_staff", organisation=amica)
    mine = MembershipFactory(ecosystem=EcosystemFactory(lead_federation=amica)).organisation
    theirs = MembershipFactory(ecosystem=EcosystemFactory()).organisation
    sign_in(client, staff)
    assert (
        post_form(
            client, f"/organisations/{mine.id}/edit", _profile(mine, city="Oujda")
        ).status_code
        == 302
    )
    assert client.get(f"/organisations/{theirs.id}/edit").status_code == 404


def test_accreditations_of_a_laboratory(client, db):
    semac = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.ACCREDITATION_BODY,
    )
    lab = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE, infrastructure_type=InfrastructureType.TESTING_LAB
    )
    user = make_user("infrastructure_user", organisation=lab)
    sign_in(client, user)
    response = post_form(
        client,
        f"/organisations/{lab.id}/accreditations/new",
        {
            "standard": "iso_iec_17025",
            "certificate_number": "L-0042",
            "accrediting_body_id": semac.id,
            "scope_fr": "Essais mécaniques",
            "valid_until": "2028-06-30",
        },
    )
    assert response.status_code == 302
    accreditation = db.session.execute(select(Accreditation)).scalar_one()
    assert accreditation.accrediting_body_id == semac.id
    page = client.get(f"/organisations/{lab.id}").get_data(as_text=True)
    assert "L-0042" in page and "ISO/IEC 17025" in page
    post_form(client, f"/organisations/{lab.id}/accreditations/{accreditation.id}/delete")
    assert db.session.execute(select(Accreditation)).first() is None
    assert db.session.execute(select(Accreditation).execution_options(include_deleted=True)).first()


# --- federation staff and the status of a membership -----------------------------------------

# What a federation's staff may do with an organisation whose membership of the ecosystem it
# leads has this status: (read the profile, edit it, follow its certificates).
MEMBERSHIP_REACH = {
    "active": (True, True, True),
    "suspended": (True, True, True),
    "requested": (True, False, False),  # read while deciding, not edit
    "left": (False, False, False),  # ended: no longer theirs
    "rejected": (False, False, False),
}


@pytest.mark.parametrize("status", sorted(MEMBERSHIP_REACH))
def test_federation_staff_reach_an_organisation_by_its_membership_status(client, db, status):
    from datetime import date

    from portal.models import Certificate, MembershipStatus, Standard

    readable, editable, follows = MEMBERSHIP_REACH[status]
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    staff = make_user("federation_staff", organisation=amica)
    ecosystem = EcosystemFactory(lead_federation=amica, slug=f"eco-{status}")
    lab = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.TESTING_LAB,
        name_fr=f"Laboratoire {status}",
        email=f"contact-{status}@example.org",
    )
    MembershipFactory(ecosystem=ecosystem, organisation=lab, status=MembershipStatus(status))
    standard = db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    certificate = Certificate(
        number=f"CERT-{status}",
        organisation_id=lab.id,
        standard_id=standard.id,
        issuing_body_id=OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE).id,
        issued_on=date(2024, 3, 1),
        scope_fr="Essais",
    )
    db.session.add(certificate)
    db.session.flush()
    sign_in(client, staff)

    shown = client.get(f"/organisations/{lab.id}")
    assert shown.status_code == (200 if readable else 404)
    edit_link = f"/organisations/{lab.id}/edit"
    assert (edit_link in shown.get_data(as_text=True)) is editable
    not_editable = 403 if readable else 404
    assert client.get(edit_link).status_code == (200 if editable else not_editable)
    saved = post_form(client, edit_link, _profile(lab, email="pris@example.org"))
    assert saved.status_code == (302 if editable else not_editable)
    db.session.refresh(lab)
    assert (lab.email == "pris@example.org") is editable
    new_accreditation = f"/organisations/{lab.id}/accreditations/new"
    assert client.get(new_accreditation).status_code == (200 if editable else not_editable)

    # The staff list and its export show the organisations they may read, no others.
    listed = client.get("/directory/organisations").get_data(as_text=True)
    exported = client.get("/directory/organisations.csv").get_data(as_text=True)
    assert (lab.name_fr in listed) is readable
    assert (lab.name_fr in exported) is readable
    # The member list keeps the membership's history, its link only where the profile opens.
    members = client.get(f"/ecosystems/{ecosystem.slug}/members").get_data(as_text=True)
    assert lab.name_fr in members
    assert (f'href="/organisations/{lab.id}"' in members) is readable
    # Certificates are followed for members only.
    assert client.get(f"/certificates/{certificate.id}").status_code == (200 if follows else 404)
    assert (certificate.number in client.get("/certificates/").get_data(as_text=True)) is follows
