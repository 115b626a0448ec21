"""A support case's plan and steering committee (issue 14, item 2): planned start and
duration, phases whose lateness is derived from their dates, and the committee's meetings
with their minutes (PDF only), read by whoever opens the case and recorded by those who work
on it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select

from portal.models import (
    CasePhase,
    ManagementReview,
    OrganisationKind,
    QualityPolicy,
    Role,
    SteeringMeeting,
)
from tests.conftest import post_form, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    SupportCaseFactory,
    make_user,
)

TODAY = date(2026, 11, 16)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db, fixed_clock):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = OrganisationFactory(kind=OrganisationKind.SME)
    MembershipFactory(ecosystem=ecosystem, organisation=company)
    case = SupportCaseFactory(organisation_id=company.id, ecosystem_id=ecosystem.id)
    return {
        "case": case,
        "company_user": make_user(Role.SME_USER, organisation=company, preferred_locale="fr"),
        "staff": make_user(Role.FEDERATION_STAFF, organisation=federation, preferred_locale="fr"),
    }


def test_a_twelve_month_plan_with_its_phases_late_ones_marked(client, world, db):
    case = world["case"]
    sign_in(client, world["staff"])
    base = f"/support/{case.id}"
    assert post_form(client, f"{base}/plan", {"planned_months": "0"}).status_code == 422
    saved = post_form(
        client, f"{base}/plan", {"planned_start": "2026-03-01", "planned_months": "12"}
    )
    assert saved.status_code == 302
    db.session.refresh(case)
    assert (case.planned_start, case.planned_end) == (date(2026, 3, 1), date(2027, 3, 1))
    phases = [
        ("Diagnostic", "التشخيص", "2026-03-01", "2026-04-30"),
        ("Documentation", "التوثيق", "2026-05-01", "2026-09-30"),
        ("Audit interne", "التدقيق الداخلي", "2026-12-01", "2026-12-31"),
    ]
    for name_fr, name_ar, start, end in phases:
        added = post_form(
            client,
            f"{base}/phases",
            {"name_fr": name_fr, "name_ar": name_ar, "starts_on": start, "ends_on": end},
        )
        assert added.status_code == 302
    backwards = {"name_fr": "x", "name_ar": "س", "starts_on": "2026-05-01", "ends_on": "2026-04-01"}
    assert post_form(client, f"{base}/phases", backwards).status_code == 422
    stored = db.session.execute(select(CasePhase).order_by(CasePhase.starts_on)).scalars().all()
    assert [p.is_late(TODAY) for p in stored] == [True, True, False]
    post_form(client, f"{base}/phases/{stored[0].id}/done")
    db.session.refresh(stored[0])
    assert stored[0].completed_on == TODAY and not stored[0].is_late(TODAY)
    page = client.get(base).get_data(as_text=True)
    assert page.count('class="table-danger"') == 1  # Documentation, still late


def test_a_steering_meeting_with_its_minutes(client, world, db):
    case = world["case"]
    sign_in(client, world["company_user"])  # the company works on its case
    path = f"/support/{case.id}/meetings"
    fields = {
        "held_on": "2026-06-15",
        "attendees": "DG, responsable qualité, consultant, AMICA",
        "decisions": "Valider la politique qualité; audit interne en décembre.",
    }
    not_pdf = fields | {"minutes": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 64), "pv.pdf")}
    assert post_form(client, path, not_pdf, content_type="multipart/form-data").status_code == 422
    later = fields | {"held_on": "2026-12-01"}
    assert post_form(client, path, later).status_code == 422
    assert db.session.execute(select(SteeringMeeting)).scalars().all() == []
    with_minutes = fields | {"minutes": (io.BytesIO(PDF), "pv-comite-1.pdf")}
    assert (
        post_form(client, path, with_minutes, content_type="multipart/form-data").status_code == 302
    )
    meeting = db.session.execute(select(SteeringMeeting)).scalar_one()
    assert (meeting.held_on, meeting.minutes_name) == (date(2026, 6, 15), "pv-comite-1.pdf")
    # The federation reads it and downloads the minutes; another company does not see them.
    sign_in(client, world["staff"])
    page = client.get(f"/support/{case.id}").get_data(as_text=True)
    assert "audit interne en décembre" in page
    minutes = client.get(f"/support/{case.id}/meetings/{meeting.id}/minutes")
    assert minutes.status_code == 200 and minutes.data == PDF
    sign_in(client, make_user(Role.SME_USER))
    assert client.get(f"/support/{case.id}/meetings/{meeting.id}/minutes").status_code == 404


def test_the_quality_policy_is_versioned_in_both_languages(client, world, db):
    """The company records its policy, then a new version: the page shows the current one in
    French and Arabic with its approval, and the earlier versions; the federation reads it;
    another company does not see it."""
    case = world["case"]
    sign_in(client, world["company_user"])
    path = f"/support/{case.id}/quality-policy"
    fields = {
        "text_fr": "Satisfaire nos clients du secteur automobile.\nZéro défaut livré.",
        "text_ar": "إرضاء زبنائنا في قطاع السيارات.",
        "approved_by": "Nadia Berrada, directrice générale",
        "approved_on": "2026-04-02",
    }
    assert post_form(client, path, fields | {"text_ar": ""}).status_code == 422
    assert post_form(client, path, fields | {"approved_on": "2026-12-01"}).status_code == 422
    assert post_form(client, path, fields).status_code == 302
    second = fields | {"text_fr": "Satisfaire nos clients; réduire les rebuts de moitié."}
    assert post_form(client, path, second | {"approved_on": "2026-10-01"}).status_code == 302
    versions = db.session.execute(
        select(QualityPolicy.version, QualityPolicy.text_fr).order_by(QualityPolicy.version)
    ).all()
    assert [v for v, _text in versions] == [1, 2]
    sign_in(client, world["staff"])
    page = client.get(path).get_data(as_text=True)
    assert "réduire les rebuts de moitié" in page and 'lang="ar" dir="rtl"' in page
    assert "Zéro défaut livré" in page  # the earlier version, in the history
    sign_in(client, make_user(Role.SME_USER))
    assert client.get(path).status_code == 404


def test_a_management_review_with_the_inputs_it_covered(client, world, db):
    """The company records a review with the inputs of 9.3.2 it covered and its decisions;
    the page lists them and says how many inputs were left out."""
    case = world["case"]
    sign_in(client, world["company_user"])
    path = f"/support/{case.id}/management-reviews"
    fields = {
        "held_on": "2026-10-20",
        "inputs": ["a", "c", "f"],
        "decisions": "Renforcer l'étalonnage; recruter un technicien qualité.",
    }
    assert post_form(client, path, fields | {"inputs": []}).status_code == 422
    assert post_form(client, path, fields | {"inputs": ["z"]}).status_code == 422
    assert post_form(client, path, fields | {"held_on": "2026-12-01"}).status_code == 422
    assert db.session.execute(select(ManagementReview)).scalars().all() == []
    assert post_form(client, path, fields).status_code == 302
    review = db.session.execute(select(ManagementReview)).scalar_one()
    assert (review.inputs, review.held_on) == ("a,c,f", date(2026, 10, 20))
    sign_in(client, world["staff"])
    page = client.get(path).get_data(as_text=True)
    assert "recruter un technicien qualité" in page
    assert "3 entrées non couvertes" in page
