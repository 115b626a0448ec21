"""Who offers what (issue 15, item 1): the request form offers only the bodies whose catalogue
covers the service in the region, accredited (on the day) first and marked; the service
refuses any other body and writes nothing; a body keeps its own catalogue (stale edits
refused, audited, soft deleted) and nobody else's; research centres are bodies too; a
company declares, edits and withdraws its infrastructure needs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.models import (
    AuditEntry,
    InfrastructureNeed,
    OrganisationKind,
    Role,
    ServiceKind,
    ServiceOffer,
    ServiceRequest,
    User,
)
from portal.models.user import ROLE_OF_KIND
from portal.services import service_catalogue as catalogue
from portal.services import service_requests as requests_service
from portal.services.service_requests import ServiceRequestError
from tests.conftest import post_form, sign_in
from tests.factories import (
    AccreditationFactory,
    InfrastructureNeedFactory,
    OrganisationFactory,
    make_user,
    offer_service,
    service_field,
)
from tests.factories import (
    testing_lab as make_lab,
)

TODAY = date(2026, 6, 15)


def message(msgid: str, **values) -> str:
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(gettext(msgid, **values)))


@pytest.fixture
def labs(db, fixed_clock):
    """Four labs around mechanical testing in Casablanca-Settat (MA-06): Zeta accredited,
    Alpha not, Beta elsewhere only, Gamma in another field; Delta's accreditation expired."""
    zeta = make_lab(name_fr="Zeta Essais", acronym=None)
    alpha = make_lab(name_fr="Alpha Essais", acronym=None)
    beta = make_lab(name_fr="Beta Essais", acronym=None)
    gamma = make_lab(name_fr="Gamma Essais", acronym=None)
    delta = make_lab(name_fr="Delta Essais", acronym=None)
    offer_service(zeta, "testing_mechanical", "MA-04 MA-06", accredited=True)
    offer_service(alpha, "testing_mechanical", "MA-06")
    offer_service(beta, "testing_mechanical", "MA-01")
    offer_service(gamma, "testing_chemical", "MA-06", accredited=True)
    expired = AccreditationFactory(organisation_id=delta.id, valid_until=date(2026, 1, 31))
    offer_service(delta, "testing_mechanical", "MA-06", accreditation_id=expired.id)
    company = OrganisationFactory(kind=OrganisationKind.SME, region="MA-06")
    return {
        "zeta": zeta,
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "delta": delta,
        "company": company,
        "sme_user": make_user("sme_user", organisation=company),
    }


def test_the_form_offers_only_the_bodies_covering_the_service_accredited_first(client, labs):
    sign_in(client, labs["sme_user"])
    field_id = service_field("testing_mechanical").id
    # Without a service chosen, no body is offered yet (the first step works without script).
    first = client.get("/requests/new").get_data(as_text=True)
    assert 'name="body_id"' not in first and "Zeta Essais" not in first
    # The region defaults to the company's.
    page = client.get(f"/requests/new?field_id={field_id}").get_data(as_text=True)
    offered = re.findall(r'name="body_id"[^>]*value="(\d+)"', page) or re.findall(
        r'value="(\d+)"[^>]*name="body_id"', page
    )
    assert [int(v) for v in offered] == [labs["zeta"].id, labs["alpha"].id, labs["delta"].id]
    with current_app.test_request_context(), force_locale("fr"):
        zeta = f"Zeta Essais ({gettext('Testing laboratory')})"
    assert message("%(body)s — accredited until %(date)s", body=zeta, date="31 décembre 2028") in (
        page
    )
    assert "Beta Essais" not in page and "Gamma Essais" not in page
    # Another region: only what serves it.
    page = client.get(f"/requests/new?field_id={field_id}&region=MA-04").get_data(as_text=True)
    assert "Zeta Essais" in page and "Alpha Essais" not in page


def test_the_service_refuses_a_body_that_does_not_cover_the_request(client, db, labs):
    sign_in(client, labs["sme_user"])
    field_id = service_field("testing_mechanical").id
    for body in ("beta", "gamma"):
        response = post_form(
            client,
            "/requests/new",
            {
                "field_id": str(field_id),
                "region": "MA-06",
                "body_id": str(labs[body].id),
                "subject": "Essais de traction",
            },
        )
        assert response.status_code == 422
        assert message(
            "This body does not offer this service in this region: choose one of the "
            "bodies offered."
        ) in response.get_data(as_text=True)
    assert db.session.execute(select(func.count(ServiceRequest.id))).scalar_one() == 0
    context = current_app.test_request_context()
    context.push()
    with pytest.raises(ServiceRequestError) as refused:
        requests_service.file_request(
            labs["company"],
            body_id=labs["beta"].id,
            kind=ServiceKind.TESTING,
            field_id=field_id,
            subject="Essais",
            description="",
            files=[],
            actor=labs["sme_user"],
            today=TODAY,
        )
    assert "ne propose pas" in str(refused.value) or "does not offer" in str(refused.value)
    # A covering body is accepted, with the field and region kept on the request.
    filed = requests_service.file_request(
        labs["company"],
        body_id=labs["alpha"].id,
        kind=ServiceKind.TESTING,
        field_id=field_id,
        subject="Essais",
        description="",
        files=[],
        actor=labs["sme_user"],
        today=TODAY,
    )
    context.pop()
    assert (filed.field_id, filed.region, filed.quarter) == (field_id, "MA-06", "2026-Q2")


def test_accredited_is_derived_from_the_accreditation_dates(labs, fixed_clock):
    field_id = service_field("testing_mechanical").id
    providers = catalogue.providers_for(ServiceKind.TESTING, field_id, "MA-06", TODAY)
    assert [(p.body.id, p.accredited) for p in providers] == [
        (labs["zeta"].id, True),
        (labs["alpha"].id, False),
        (labs["delta"].id, False),
    ]
    # Before its start date an accreditation is not in force either.
    later = catalogue.providers_for(ServiceKind.TESTING, field_id, "MA-06", date(2023, 6, 1))
    assert not any(p.accredited for p in later)


def test_a_body_keeps_its_own_catalogue_and_no_other(client, db, labs):
    user = make_user("infrastructure_user", organisation=labs["alpha"])
    sign_in(client, user)
    field_id = service_field("calibration_mass").id
    response = post_form(
        client,
        "/requests/catalogue/new",
        {
            "field_id": str(field_id),
            "coverage": "Masses de 1 mg à 20 kg",
            "regions": ["MA-06", "MA-04"],
            "lead_time_days": "8",
            "accreditation_id": "0",
        },
    )
    assert response.status_code == 302
    offer = db.session.execute(
        select(ServiceOffer).where(ServiceOffer.field_id == field_id)
    ).scalar_one()
    assert (offer.body_id, offer.kind, offer.regions, offer.lead_time_days) == (
        labs["alpha"].id,
        ServiceKind.CALIBRATION,
        "MA-04 MA-06",
        8,
    )
    page = client.get(f"/requests/bodies/{labs['alpha'].id}").get_data(as_text=True)
    assert "Masses de 1 mg à 20 kg" in page
    # A stale edit is refused and changes nothing.
    edit = f"/requests/catalogue/{offer.id}/edit"
    values = {
        "field_id": str(field_id),
        "coverage": "Masses de 1 mg à 50 kg",
        "regions": ["MA-06"],
        "lead_time_days": "5",
        "accreditation_id": "0",
    }
    assert post_form(client, edit, {**values, "version": "1"}).status_code == 302
    db.session.refresh(offer)
    assert (offer.coverage, offer.regions, offer.version) == ("Masses de 1 mg à 50 kg", "MA-06", 2)
    post_form(client, edit, {**values, "coverage": "Ancienne", "version": "1"})
    db.session.refresh(offer)
    assert offer.coverage == "Masses de 1 mg à 50 kg"
    # Another body's entry, and another body's accreditation, are out of reach.
    zeta_offer = db.session.execute(
        select(ServiceOffer).where(ServiceOffer.body_id == labs["zeta"].id)
    ).scalar_one()
    assert client.get(f"/requests/catalogue/{zeta_offer.id}/edit").status_code == 404
    assert (
        post_form(client, f"/requests/catalogue/{zeta_offer.id}/remove", {"version": "1"})
    ).status_code == 404
    # Removed: kept, marked deleted, gone from the catalogue; every step audited.
    response = post_form(client, f"/requests/catalogue/{offer.id}/remove", {"version": "2"})
    assert response.status_code == 302
    assert catalogue.covers(labs["alpha"].id, ServiceKind.CALIBRATION, field_id, "MA-06") is False
    kept = db.session.execute(
        select(ServiceOffer.deleted_at)
        .where(ServiceOffer.id == offer.id)
        .execution_options(include_deleted=True)
    ).scalar_one()
    assert kept is not None
    actions = db.session.execute(
        select(AuditEntry.action).where(
            AuditEntry.entity_type == "service_offers", AuditEntry.entity_id == str(offer.id)
        )
    ).scalars()
    assert len(list(actions)) >= 3


def test_research_centres_are_bodies_offering_services(client, db, labs):
    centre = OrganisationFactory(
        kind=OrganisationKind.RESEARCH_CENTRE, name_fr="Centre d'innovation Moteurs", ice=None
    )
    assert ROLE_OF_KIND[OrganisationKind.RESEARCH_CENTRE] == Role.INFRASTRUCTURE_USER
    offer_service(centre, "research_materials", "MA-06")
    sign_in(client, labs["sme_user"])
    page = client.get("/requests/bodies?kind=research_development").get_data(as_text=True)
    assert "Centre d&#39;innovation Moteurs" in page
    field_id = service_field("research_materials").id
    page = client.get(f"/requests/new?field_id={field_id}").get_data(as_text=True)
    assert re.search(rf'value="{centre.id}"', page)


def test_a_company_declares_edits_and_withdraws_its_needs(client, db, labs):
    sign_in(client, labs["sme_user"])
    field_id = service_field("calibration_torque_force").id
    form = client.get(f"/requests/needs/new?field_id={field_id}").get_data(as_text=True)
    assert re.search(r'<option selected value="MA-06">|<option value="MA-06" selected', form)
    response = post_form(
        client,
        "/requests/needs/new",
        {
            "field_id": str(field_id),
            "description": "Clés dynamométriques",
            "quantity_per_year": "40",
            "region": "MA-01",
            "quarter": "2026-Q3",
        },
    )
    assert response.status_code == 302
    need = db.session.execute(select(InfrastructureNeed)).scalar_one()
    assert (need.kind, need.quantity_per_year, need.region, need.quarter) == (
        ServiceKind.CALIBRATION,
        40,
        "MA-01",
        "2026-Q3",
    )
    values = {
        "field_id": str(field_id),
        "description": "Clés",
        "quantity_per_year": "60",
        "region": "MA-01",
        "quarter": "2026-Q3",
    }
    assert post_form(client, f"/requests/needs/{need.id}/edit", {**values, "version": "1"})
    db.session.refresh(need)
    assert need.quantity_per_year == 60
    stale = post_form(
        client,
        f"/requests/needs/{need.id}/edit",
        {**values, "quantity_per_year": "1", "version": "1"},
    )
    assert stale.status_code in (302, 409)
    db.session.refresh(need)
    assert need.quantity_per_year == 60
    # Another company's need: 404 for this company.
    other = InfrastructureNeedFactory()
    assert client.get(f"/requests/needs/{other.id}/edit").status_code == 404
    response = post_form(client, f"/requests/needs/{need.id}/withdraw", {"version": "2"})
    assert response.status_code == 302
    assert (
        db.session.execute(select(func.count(InfrastructureNeed.id))).scalar_one() == 1
    )  # the other company's only


def test_an_accreditation_recorded_by_the_body_covers_the_entries_it_names(client, db, labs):
    user = make_user("infrastructure_user", organisation=labs["alpha"])
    sign_in(client, user)
    offer = db.session.execute(
        select(ServiceOffer).where(ServiceOffer.body_id == labs["alpha"].id)
    ).scalar_one()
    response = post_form(
        client,
        f"/organisations/{labs['alpha'].id}/accreditations/new",
        {
            "standard": "iso_iec_17025",
            "certificate_number": "COFRAC 1-2345",
            "accrediting_body_id": "0",
            "accrediting_body_name": "COFRAC",
            "valid_from": "2026-01-01",
            "valid_until": "2030-12-31",
            "offer_ids": [str(offer.id)],
        },
    )
    assert response.status_code == 302
    db.session.refresh(offer)
    assert offer.accreditation.accrediting_body_name == "COFRAC"
    assert catalogue.is_accredited(offer, TODAY)
    page = client.get(f"/requests/bodies/{labs['alpha'].id}").get_data(as_text=True)
    assert "31 décembre 2030" in page
    # Alpha now comes first among the non-expired… with Zeta: accredited ones by name.
    field_id = service_field("testing_mechanical").id
    providers = catalogue.providers_for(ServiceKind.TESTING, field_id, "MA-06", TODAY)
    assert [p.body.id for p in providers][:2] == [labs["alpha"].id, labs["zeta"].id]


def test_a_research_centre_signs_up_and_keeps_its_catalogue(client, db, labs):
    page = client.get("/auth/signup").get_data(as_text=True)
    assert 'value="research_centre"' in page
    response = post_form(
        client,
        "/auth/signup",
        {
            "kind": "research_centre",
            "name_fr": "Centre de recherche Matériaux",
            "name_ar": "مركز أبحاث المواد",
            "region": "MA-04",
            "city": "Rabat",
            "full_name": "Salma Bennani",
            "email": "salma@crm.example.org",
            "preferred_locale": "fr",
            "new_password": "les materiaux de demain 2026",
            "confirm_password": "les materiaux de demain 2026",
        },
    )
    assert response.status_code == 200

    user = db.session.execute(
        select(User).where(User.email == "salma@crm.example.org")
    ).scalar_one()
    assert user.role == Role.INFRASTRUCTURE_USER
    assert user.organisation.kind == OrganisationKind.RESEARCH_CENTRE
    user.email_confirmed_at = user.created_at
    db.session.flush()
    sign_in(client, user)
    assert client.get("/requests/catalogue/new").status_code == 200
    assert client.get(f"/requests/bodies/{user.organisation_id}").status_code == 200


def test_the_kept_directory_follows_a_new_offer(client, db, labs):
    """The directory's results are kept as HTML (issue 11) until a table they were read
    from changes: a body's new catalogue entry shows on the next visit."""
    centre = OrganisationFactory(
        kind=OrganisationKind.RESEARCH_CENTRE, name_fr="Centre Nouveau", ice=None
    )
    sign_in(client, labs["sme_user"])
    url = "/requests/bodies?kind=research_development"
    assert "Centre Nouveau" not in client.get(url).get_data(as_text=True)
    offer_service(centre, "research_materials", "MA-06")
    assert "Centre Nouveau" in client.get(url).get_data(as_text=True)


def test_the_kept_needs_list_follows_an_edit_and_a_withdrawal(client, db, labs):
    """The needs list is kept as HTML (issue 11) until a table it was read from changes:
    an edit shows on the next visit, its withdraw form carrying the new version."""
    need = InfrastructureNeedFactory(organisation_id=labs["company"].id, quantity_per_year=40)
    sign_in(client, labs["sme_user"])
    url = "/requests/needs"
    assert f'name="version" value="{need.version}"' in client.get(url).get_data(as_text=True)
    need.quantity_per_year = 75
    db.session.flush()
    page = client.get(url).get_data(as_text=True)
    assert ">75<" in page
    assert f'name="version" value="{need.version}"' in page
    response = post_form(client, f"/requests/needs/{need.id}/withdraw", {"version": need.version})
    assert response.status_code == 302
    assert f"/requests/needs/{need.id}/" not in client.get(url).get_data(as_text=True)
