"""Certificates a federation records for one of its members (issue 14, item 5): the issuing
body named confirms them before they show as valid — on their page, in the lists, the
pipeline, the cockpit's counts and public verification — or rejects them with a reason;
both are dated, by whom, in the certificate's history; the body sees them waiting in its
work queue and is told when one is recorded; the federation is told the answer."""

from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import select

from portal.models import (
    AuditKind,
    AuditResult,
    Certificate,
    CertificateStatus,
    CertificateStatusChange,
    Notification,
    Role,
)
from portal.services import cockpit, notifications
from portal.services.certification import CertificationError, surveillance
from portal.services.certification.certificate_lists import STATES, CertificateFilters, filtered
from portal.services.certification.certificates import confirm_certificate
from portal.services.certification.pipeline import pipeline_counts
from tests.certification import test_support_cases
from tests.certification.test_support_cases import make_certificate, message
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import make_user

world = test_support_cases.world
TODAY = test_support_cases.TODAY  # 3 June 2024


def record(client, world, **changes):
    data = {
        "holder": world["sme_a"].ice,
        "standard_id": world["iso_9001"].id,
        "issuing_body_id": world["body"].id,
        "number": "CM-2024-0777",
        "issued_on": "2024-05-20",
        "scope_fr": "Fabrication de faisceaux de câbles",
    } | changes
    return post_form(client, "/certificates/new", data)


def kinds(db, user) -> list[str]:
    return list(
        db.session.execute(
            select(Notification.kind).where(Notification.user_id == user.id)
        ).scalars()
    )


def recorded_by_amica(client, db, world) -> Certificate:
    sign_in(client, world["amica_staff"])
    assert record(client, world).status_code == 302
    return db.session.execute(
        select(Certificate).where(Certificate.number == "CM-2024-0777")
    ).scalar_one()


def test_a_federation_records_a_member_certificate_awaiting_its_body(
    client, db, world, fixed_clock
):
    sign_in(client, world["amica_staff"])
    form = client.get("/certificates/new").get_data(as_text=True)
    assert 'name="issuing_body_id"' in form and "Certification Maroc" in form
    # A company of another federation's ecosystem is refused.
    refused = record(client, world, holder=world["sme_b"].ice)
    assert refused.status_code == 422
    refusal = (
        "No member of an ecosystem you lead has this ICE, or this name or acronym of a public body."
    )
    assert message(refusal) in (refused.get_data(as_text=True))
    # A body that does not certify cannot be named (not offered).
    assert record(client, world, issuing_body_id="999999").status_code == 422
    certificate = recorded_by_amica(client, db, world)
    assert certificate.status == CertificateStatus.AWAITING_CONFIRMATION
    assert certificate.recorded_by_organisation_id == world["amica_staff"].organisation_id
    assert certificate.issuing_body_id == world["body"].id
    assert kinds(db, world["body_user"]) == ["certificate_to_confirm"]
    told = db.session.execute(
        select(Notification).where(Notification.user_id == world["body_user"].id)
    ).scalar_one()
    assert told.link == f"/certificates/{certificate.id}"
    assert "CM-2024-0777" in notifications.render(told.kind, told.params, "fr")

    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert 'data-status="awaiting_confirmation"' in page
    assert "En attente de confirmation par Certification Maroc" in page
    assert 'id="awaiting-confirmation"' in page and 'id="recorded-by"' in page
    assert 'name="note"' not in page  # the federation does not confirm it
    assert post_form(client, f"/certificates/{certificate.id}/confirm").status_code == 403


def test_a_certificate_recorded_by_its_body_is_valid_at_once(client, db, world, fixed_clock):
    sign_in(client, world["body_user"])
    data = {
        "holder": world["sme_a"].ice,
        "standard_id": world["iso_9001"].id,
        "number": "CM-2024-0778",
        "issued_on": "2024-05-20",
        "scope_fr": "Fabrication",
    }
    assert post_form(client, "/certificates/new", data).status_code == 302
    certificate = db.session.execute(
        select(Certificate).where(Certificate.number == "CM-2024-0778")
    ).scalar_one()
    assert certificate.status == CertificateStatus.VALID
    assert certificate.recorded_by_organisation_id is None


def test_public_verification_does_not_say_valid_until_the_body_confirms(
    client, db, world, fixed_clock
):
    certificate = recorded_by_amica(client, db, world)
    client.get("/auth/logout")
    anonymous = client.application.test_client()
    page = anonymous.get("/certificates/verify?number=CM-2024-0777").get_data(as_text=True)
    assert 'data-status="awaiting_confirmation"' in page and 'data-status="valid"' not in page
    assert ">Valide<" not in page
    assert "En attente de confirmation par Certification Maroc" in page
    assert 'id="not-confirmed"' in page

    body_user = world["body_user"]
    sign_in(client, body_user)
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert 'name="note"' in page and 'name="reason"' in page
    # Not audited, nor suspended, before it is confirmed.
    assert 'name="major_findings"' not in page and 'value="suspended"' not in page
    with pytest.raises(CertificationError):
        surveillance.record_certificate_audit(
            certificate,
            kind=AuditKind.SURVEILLANCE,
            held_on=TODAY,
            result=AuditResult.CONFORM,
            major_findings=0,
            minor_findings=0,
            findings="",
            recorder=body_user,
            today=TODAY,
        )
    confirmed = post_form(
        client,
        f"/certificates/{certificate.id}/confirm",
        {"note": "Conforme à notre registre", "version": certificate.version},
    )
    assert confirmed.status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.VALID
    change = db.session.execute(select(CertificateStatusChange)).scalar_one()
    assert (change.from_status, change.to_status, change.actor_id, change.reason) == (
        CertificateStatus.AWAITING_CONFIRMATION,
        CertificateStatus.VALID,
        body_user.id,
        "Conforme à notre registre",
    )
    assert change.changed_at is not None
    assert kinds(db, world["amica_staff"]) == ["certificate_confirmed"]
    page = anonymous.get("/certificates/verify?number=CM-2024-0777").get_data(as_text=True)
    assert 'data-status="valid"' in page and 'id="not-confirmed"' not in page
    # Confirmed once: confirming again is refused, nothing more is written.
    again = post_form(
        client, f"/certificates/{certificate.id}/confirm", {"version": certificate.version}
    )
    assert again.status_code == 302
    assert len(db.session.execute(select(CertificateStatusChange)).scalars().all()) == 1


def test_the_body_rejects_with_a_reason_and_the_federation_is_told(client, db, world, fixed_clock):
    certificate = recorded_by_amica(client, db, world)
    # Another certification body does not even see it; the federation may not reject it.
    other = make_user(Role.INFRASTRUCTURE_USER)
    sign_in(client, other)
    assert post_form(client, f"/certificates/{certificate.id}/reject").status_code in (403, 404)
    sign_in(client, world["body_user"])
    path = f"/certificates/{certificate.id}/reject"
    refused = post_form(client, path, {"reason": " ", "version": certificate.version})
    assert refused.status_code == 422
    reason = "Aucun certificat de ce numéro n'a été délivré par notre organisme."
    rejected = post_form(client, path, {"reason": reason, "version": certificate.version})
    assert rejected.status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.REJECTED
    change = db.session.execute(select(CertificateStatusChange)).scalar_one()
    assert (change.to_status, change.actor_id, change.reason) == (
        CertificateStatus.REJECTED,
        world["body_user"].id,
        reason,
    )
    told = db.session.execute(
        select(Notification).where(Notification.user_id == world["amica_staff"].id)
    ).scalar_one()
    assert told.kind == "certificate_rejected"
    assert reason in notifications.render(told.kind, told.params, "fr")
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert 'data-status="rejected"' in page and str(escape(reason)) in page
    # No status form on a rejected certificate (not valid, not to be reinstated).
    assert 'value="valid"' not in page
    verified = client.get("/certificates/verify?number=CM-2024-0777").get_data(as_text=True)
    assert 'data-status="rejected"' in verified and 'data-status="valid"' not in verified


def test_lists_pipeline_and_cockpit_count_it_apart_from_the_valid_ones(
    client, db, world, fixed_clock
):
    make_certificate(world, number="CM-VALID-1", issued_on=TODAY.replace(year=2023))
    certificate = recorded_by_amica(client, db, world)
    officer = world["officer"]
    assert "awaiting_confirmation" in STATES and "rejected" in STATES

    def listed(state: str) -> list[str]:
        statement = filtered(officer, CertificateFilters(state=state), TODAY)
        return [c.number for c in db.session.execute(statement).scalars()]

    assert listed("awaiting_confirmation") == ["CM-2024-0777"]
    assert "CM-2024-0777" not in listed("in_force") and "CM-VALID-1" in listed("in_force")
    page = client.get("/certificates/?state=awaiting_confirmation").get_data(as_text=True)
    assert "CM-2024-0777" in page and "CM-VALID-1" not in page

    counts = pipeline_counts(world["amica_staff"], TODAY)
    assert (counts["valid"], counts["awaiting_confirmation"]) == (1, 1)
    pipeline = client.get("/support/pipeline").get_data(as_text=True)
    assert 'id="awaiting-confirmation"' in pipeline

    filters = cockpit.filters_for(officer, {"period": "2024"}, TODAY)
    data = cockpit.dashboard(filters, TODAY)
    assert data.total("certification", "awaiting_confirmation") == 1
    assert data.total("certification", "valid") + data.total("certification", "expiring") == 1
    assert data.total("certification", "issued") == 0  # issued in 2023; the other unconfirmed

    with client.application.test_request_context():
        confirm_certificate(certificate, world["body_user"], version=certificate.version)
    data = cockpit.dashboard(filters, TODAY)
    assert data.total("certification", "awaiting_confirmation") == 0
    assert data.total("certification", "issued") == 1


def test_the_body_sees_what_waits_for_its_confirmation_on_its_home(client, db, world, fixed_clock):
    certificate = recorded_by_amica(client, db, world)
    sign_in(client, world["body_user"])
    home = client.get("/home").get_data(as_text=True)
    assert "Certificats enregistrés par une fédération, à confirmer" in home
    assert f'href="/certificates/{certificate.id}"' in home
    assert "/certificates/?state=awaiting_confirmation" in home


def test_the_body_home_reads_a_fixed_number_of_queries(client, db, world, fixed_clock):
    body_user = world["body_user"]

    def add(count: int, start: int) -> None:
        for index in range(start, start + count):
            make_certificate(
                world,
                number=f"CM-WAIT-{index}",
                status=CertificateStatus.AWAITING_CONFIRMATION,
                recorded_by_organisation_id=world["amica_staff"].organisation_id,
            )

    sign_in(client, body_user)
    add(1, 0)
    client.get("/home")
    with count_queries() as small:
        assert client.get("/home").status_code == 200
    add(8, 1)
    client.get("/home")
    with count_queries() as large:
        assert client.get("/home").status_code == 200
    assert large.count == small.count
