"""After the certificate (issue 14, item 5): a certificate whose surveillance date has passed
without a recorded surveillance audit shows "surveillance overdue" — not "valid" — on its
page, in the list, in the pipeline and in public verification; its issuing body records the
audit on the certificate, which is then in order again until the next date."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.models import (
    AuditKind,
    AuditResult,
    CertificateAudit,
    CertificateStatus,
    OrganisationKind,
    QualityAudit,
    Role,
)
from portal.services.certification import surveillance
from tests.conftest import post_form, sign_in
from tests.factories import (
    CertificateFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    SupportCaseFactory,
    certification_body,
    make_user,
)

TODAY = date(2026, 11, 16)
OVERDUE = 'data-status="surveillance_overdue"'
VALID = 'data-status="valid"'


@pytest.fixture
def world(db, fixed_clock):
    """A member company of AMICA's ecosystem with certificates issued by a body: one whose
    first surveillance date passed a month and a half ago, one due today, one not due yet."""
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = OrganisationFactory(kind=OrganisationKind.SME)
    MembershipFactory(ecosystem=ecosystem, organisation=company)
    body = certification_body()

    def issued(number: str, day: date):
        return CertificateFactory(
            number=number, organisation_id=company.id, issuing_body_id=body.id, issued_on=day
        )

    return {
        "late": issued("CM-LATE-1", date(2025, 10, 1)),  # first audit due 2026-10-01
        "today": issued("CM-DUE-TODAY", date(2025, 11, 16)),  # due today: not yet overdue
        "early": issued("CM-EARLY", date(2026, 2, 1)),  # due 2027-02-01
        "body": body,
        "federation": federation,
        "company": company,
        "ecosystem": ecosystem,
    }


def test_overdue_is_derived_from_the_dates_and_the_audits_recorded(world, db):
    late, due_today, early = world["late"], world["today"], world["early"]
    assert surveillance.overdue_ids([late, due_today, early], TODAY) == {late.id}
    # An audit held before the issue does not count; one on its support case does.
    case = SupportCaseFactory(
        organisation_id=world["company"].id, ecosystem_id=world["ecosystem"].id
    )
    late.case_id = case.id
    db.session.add(
        QualityAudit(case_id=case.id, kind=AuditKind.SURVEILLANCE, held_on=date(2025, 9, 1))
    )
    db.session.flush()
    assert surveillance.is_overdue(late, TODAY)
    db.session.add(
        QualityAudit(case_id=case.id, kind=AuditKind.SURVEILLANCE, held_on=date(2026, 10, 20))
    )
    db.session.flush()
    assert not surveillance.is_overdue(late, TODAY)
    # The second date passes without its audit: overdue again.
    assert surveillance.is_overdue(late, date(2027, 10, 2))
    assert not surveillance.is_overdue(late, date(2027, 10, 1))


def test_the_page_list_pipeline_and_verification_say_surveillance_overdue(client, world):
    late, early = world["late"], world["early"]
    sign_in(client, make_user(Role.MINISTRY_OFFICER, preferred_locale="fr"))
    page = client.get(f"/certificates/{late.id}").get_data(as_text=True)
    assert OVERDUE in page and VALID not in page
    assert VALID in client.get(f"/certificates/{early.id}").get_data(as_text=True)
    listed = client.get("/certificates/?overdue=1").get_data(as_text=True)
    assert "CM-LATE-1" in listed and "CM-EARLY" not in listed and "CM-DUE-TODAY" not in listed
    pipeline = client.get("/support/pipeline").get_data(as_text=True)
    card = pipeline[pipeline.index('id="surveillance-overdue"') :]
    assert ">1</a>" in card[: card.index("</div>")]
    client.get("/auth/logout")
    public = client.get("/certificates/verify?number=CM-LATE-1").get_data(as_text=True)
    assert OVERDUE in public and VALID not in public
    assert VALID in client.get("/certificates/verify?number=CM-EARLY").get_data(as_text=True)


def test_the_issuing_body_records_the_surveillance_audit_on_the_certificate(client, world, db):
    late = world["late"]
    staff = make_user(Role.INFRASTRUCTURE_USER, organisation=world["body"], preferred_locale="fr")
    sign_in(client, staff)
    path = f"/certificates/{late.id}/audits"
    page = client.get(f"/certificates/{late.id}").get_data(as_text=True)
    assert f'action="{path}"' in page
    fields = {
        "kind": "surveillance",
        "held_on": "2026-10-20",
        "result": "conform_with_findings",
        "major_findings": "0",
        "minor_findings": "2",
        "findings": "Étalonnage des clés à reprendre; revue de direction incomplète.",
    }
    # Before the issue, after today, or a count out of range: refused, nothing recorded.
    for wrong in ({"held_on": "2025-09-30"}, {"held_on": "2026-11-17"}, {"minor_findings": "-1"}):
        assert post_form(client, path, fields | wrong).status_code == 422
    assert db.session.execute(select(CertificateAudit)).scalars().all() == []
    assert post_form(client, path, fields).status_code == 302
    audit = db.session.execute(select(CertificateAudit)).scalar_one()
    assert (audit.kind, audit.held_on, audit.minor_findings, audit.recorded_by_id) == (
        AuditKind.SURVEILLANCE,
        date(2026, 10, 20),
        2,
        staff.id,
    )
    page = client.get(f"/certificates/{late.id}").get_data(as_text=True)
    assert VALID in page and OVERDUE not in page
    assert "revue de direction incomplète" in page


def test_only_the_issuing_body_and_administrators_record_audits(client, world):
    late = world["late"]
    other_body = OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE)
    path = f"/certificates/{late.id}/audits"
    sign_in(client, make_user(Role.INFRASTRUCTURE_USER, organisation=other_body))
    assert post_form(client, path, {"kind": "surveillance"}).status_code == 404
    sign_in(client, make_user(Role.FEDERATION_STAFF, organisation=world["federation"]))
    assert post_form(client, path, {"kind": "surveillance"}).status_code == 403
    page = client.get(f"/certificates/{late.id}").get_data(as_text=True)
    assert f'action="{path}"' not in page


def test_the_list_filters_by_state_standard_body_and_ecosystem_and_exports_them(client, world, db):
    """The certificate list narrows by state on the day, standard, issuing body and the
    holder's ecosystem, and the CSV holds the same certificates with their state."""
    other_company = OrganisationFactory(kind=OrganisationKind.SME)
    other_body = certification_body(name_fr="Bureau Atlas Certification")
    CertificateFactory(
        number="CM-OTHER",
        organisation_id=other_company.id,
        issuing_body_id=other_body.id,
        issued_on=date(2026, 3, 1),
        status=CertificateStatus.SUSPENDED,
    )
    db.session.flush()
    sign_in(client, make_user(Role.MINISTRY_OFFICER, preferred_locale="fr"))

    def numbers(query: str) -> set[str]:
        page = client.get(f"/certificates/?{query}").get_data(as_text=True)
        return {n for n in ("CM-LATE-1", "CM-DUE-TODAY", "CM-EARLY", "CM-OTHER") if n in page}

    assert numbers("") == {"CM-LATE-1", "CM-DUE-TODAY", "CM-EARLY", "CM-OTHER"}
    assert numbers("state=surveillance_overdue") == {"CM-LATE-1"}
    assert numbers("state=in_force") == {"CM-LATE-1", "CM-DUE-TODAY", "CM-EARLY"}
    assert numbers("state=suspended") == {"CM-OTHER"}
    assert numbers(f"body={other_body.id}") == {"CM-OTHER"}
    assert numbers("body_q=atlas") == {"CM-OTHER"}
    assert numbers(f"ecosystem={world['ecosystem'].slug}") == {
        "CM-LATE-1",
        "CM-DUE-TODAY",
        "CM-EARLY",
    }
    assert numbers("state=nonsense&standard=abc") == numbers("")
    exported = client.get("/certificates.csv?state=in_force").get_data(as_text=True)
    lines = [line for line in exported.splitlines()[1:] if line]
    assert len(lines) == 3
    late = next(line for line in lines if "CM-LATE-1" in line)
    assert "Surveillance en retard" in late and "2026-10-01" in late


def test_the_body_and_the_company_subscribe_to_their_calendar_of_audits_due(client, world, db):
    """A personal address, shown on the certificate list, gives the audits due as iCalendar
    events: the overdue first surveillance, the coming ones, the recertification; it stops
    working when the password changes, and a company sees only its own certificates."""
    from portal.services.passwords import hash_password

    staff = make_user(Role.INFRASTRUCTURE_USER, organisation=world["body"], preferred_locale="fr")
    sign_in(client, staff)
    page = client.get("/certificates/").get_data(as_text=True)
    address = re.search(r'id="audits-calendar".*?href="([^"]+)"', page, re.S).group(1)
    client.get("/auth/logout")
    feed = client.get(address)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    text = feed.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    days = re.findall(r"DTSTART;VALUE=DATE:(\d{8})", unfolded)
    # CM-LATE-1: first surveillance 2026-10-01 (overdue), second 2027-10-01; CM-DUE-TODAY:
    # 2026-11-16, 2027-11-16; CM-EARLY: 2027-02-01 — within 180 days back and 400 ahead.
    assert sorted(days) == ["20261001", "20261116", "20270201", "20271001", "20271116"]
    assert "CM-LATE-1" in unfolded and "Audit de surveillance 1" in unfolded
    # An audit recorded removes its date; a changed password ends the address.
    db.session.add(
        CertificateAudit(
            certificate_id=world["late"].id,
            kind=AuditKind.SURVEILLANCE,
            held_on=date(2026, 10, 5),
            result=AuditResult.CONFORM,
        )
    )
    db.session.flush()
    assert "20261001" not in client.get(address).get_data(as_text=True)
    staff.password_hash = hash_password("Un-autre-mot-de-passe-2026")
    db.session.flush()
    assert client.get(address).status_code == 404

    owner = make_user(Role.SME_USER, organisation=OrganisationFactory(kind=OrganisationKind.SME))
    sign_in(client, owner)
    page = client.get("/certificates/").get_data(as_text=True)
    own = re.search(r'id="audits-calendar".*?href="([^"]+)"', page, re.S).group(1)
    assert "VEVENT" not in client.get(own).get_data(as_text=True)  # no certificate of its own
