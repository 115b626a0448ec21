"""Organisation profiles: kind-specific fields, concurrent edits refused, accreditations."""

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
