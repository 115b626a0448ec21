"""Certification support through the pages: a case from the request to the certificate (with
its surveillance and expiry dates, leap day included), refused skips, audits and findings,
scope (404 outside), certificates and their status, public verification and its throttle, and
the pipeline in a bounded number of queries."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.extensions import limiter
from portal.models import (
    Accreditation,
    AccreditationStandard,
    ActionItem,
    ActionStatus,
    CaseKind,
    CaseStage,
    CaseTransition,
    Certificate,
    CertificateStatus,
    Diagnostic,
    InfrastructureType,
    Nonconformity,
    Notification,
    OrganisationKind,
    QualityAudit,
    Standard,
    StandardClause,
    SupportCase,
)
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

TODAY = date(2024, 6, 3)


@pytest.fixture
def world(db):
    """AMICA (automotive) and FCP (chemistry) with a staff member each, a member company in
    each ecosystem, a certification body with its accreditation, an institute, the ministry."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    automobile = EcosystemFactory(lead_federation=amica, slug="automobile")
    chimie = EcosystemFactory(lead_federation=fcp, slug="chimie")
    sme_a = MembershipFactory(
        ecosystem=automobile,
        organisation=OrganisationFactory(name_fr="Câblage Atlas", name_ar="أطلس للأسلاك"),
    ).organisation
    sme_b = MembershipFactory(ecosystem=chimie).organisation
    body = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.CERTIFICATION_BODY,
        name_fr="Certification Maroc",
        name_ar="الإشهاد المغرب",
    )
    accreditor = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.ACCREDITATION_BODY,
        name_fr="Service d'accréditation",
    )
    _db.session.add(
        Accreditation(
            organisation_id=body.id,
            standard=AccreditationStandard.ISO_IEC_17021_1,
            certificate_number="SEMAC-CB-07",
            accrediting_body_id=accreditor.id,
            valid_until=date(2027, 12, 31),
        )
    )
    _db.session.flush()
    return {
        "automobile": automobile,
        "chimie": chimie,
        "sme_a": sme_a,
        "sme_b": sme_b,
        "body": body,
        "iso_9001": _db.session.execute(
            select(Standard).where(Standard.code == "iso_9001")
        ).scalar_one(),
        "sme_a_user": make_user("sme_user", organisation=sme_a),
        "sme_b_user": make_user("sme_user", organisation=sme_b),
        "amica_staff": make_user("federation_staff", organisation=amica),
        "fcp_staff": make_user("federation_staff", organisation=fcp),
        "body_user": make_user("infrastructure_user", organisation=body),
        "officer": make_user("ministry_officer"),
        "institute_user": make_user("institute_user"),
    }


def message(msgid: str, *, template: bool = False, **values) -> str:
    """A message as the French pages show it (users are French by default): escaped when it
    comes from the code (a flash), as is when a template translates it."""
    with current_app.test_request_context(), force_locale("fr_MA"):
        text = gettext(msgid, **values)
        return text if template else str(escape(text))


def label(member) -> str:
    """An enum member's label in French."""
    with current_app.test_request_context(), force_locale("fr_MA"):
        return str(member.label)


def make_case(world, *, stage=CaseStage.REQUESTED, organisation=None, ecosystem=None):
    """A case built directly (AMICA's company by default)."""
    case = SupportCase(
        organisation_id=(organisation or world["sme_a"]).id,
        ecosystem_id=(ecosystem or world["automobile"]).id,
        standard_id=world["iso_9001"].id,
        kind=CaseKind.INITIAL,
        stage=stage,
    )
    _db.session.add(case)
    _db.session.flush()
    return case


def make_certificate(world, number="CM-9001-0001", organisation=None, case=None, **kwargs):
    certificate = Certificate(
        number=number,
        organisation_id=(organisation or world["sme_a"]).id,
        standard_id=world["iso_9001"].id,
        issuing_body_id=world["body"].id,
        case_id=case.id if case else None,
        scope_fr="Fabrication de faisceaux de câbles",
        scope_ar="صناعة حزم الأسلاك",
        issued_on=kwargs.pop("issued_on", date(2023, 3, 15)),
        **kwargs,
    )
    _db.session.add(certificate)
    _db.session.flush()
    return certificate


def move(client, case_id: int, to: str, comment: str = ""):
    return post_form(client, f"/support/{case_id}/advance", {"to": to, "comment": comment})


def flashed(client, path: str) -> str:
    return client.get(path).get_data(as_text=True)


# --- from the request to the certificate --------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "first", "second", "expiry"),
    [
        (date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28)),
        (date(2024, 1, 31), date(2025, 1, 31), date(2026, 1, 31), date(2027, 1, 31)),
    ],
    ids=["leap-day", "31-january"],
)
def test_a_case_goes_from_request_to_certificate(
    client, db, world, fixed_clock, issued, first, second, expiry
):
    iso = world["iso_9001"]
    sign_in(client, world["sme_a_user"])
    asked = post_form(
        client,
        "/support/new",
        {
            "standard_id": iso.id,
            "kind": "initial",
            "ecosystem_id": world["automobile"].id,
            "motivation": "Notre client constructeur exige la certification.",
        },
    )
    assert asked.status_code == 302
    case = db.session.execute(
        select(SupportCase).where(SupportCase.organisation_id == world["sme_a"].id)
    ).scalar_one()
    assert (case.stage, case.ecosystem_id) == (CaseStage.REQUESTED, world["automobile"].id)
    # The company sees its case read-only.
    own_page = flashed(client, f"/support/{case.id}")
    assert "Notre client constructeur" in own_page
    assert f"/support/{case.id}/advance" not in own_page
    assert move(client, case.id, "accepted").status_code == 403

    sign_in(client, world["amica_staff"])
    assert move(client, case.id, "accepted", "Dossier complet").status_code == 302
    # Skipping a step is refused with the service's message; the stage does not move.
    skipped = move(client, case.id, "action_plan")
    assert skipped.status_code == 302
    assert message(
        "A case at the stage %(current)s can only move to %(next)s, not to %(target)s.",
        current=label(CaseStage.ACCEPTED),
        next=label(CaseStage.DIAGNOSTIC),
        target=label(CaseStage.ACTION_PLAN),
    ) in flashed(client, f"/support/{case.id}")
    db.session.refresh(case)
    assert case.stage == CaseStage.ACCEPTED

    assert move(client, case.id, "diagnostic").status_code == 302
    move(client, case.id, "action_plan")
    assert message("Complete a diagnostic before drafting the action plan.") in flashed(
        client, f"/support/{case.id}"
    )
    db.session.add(Diagnostic(case_id=case.id, number=1, completed_on=date(2024, 1, 5)))
    db.session.flush()
    assert move(client, case.id, "action_plan").status_code == 302
    # The plan's one action, done: implementation, then the internal audit, may follow.
    db.session.add(
        ActionItem(case_id=case.id, title="Maîtriser les documents", status=ActionStatus.DONE)
    )
    db.session.flush()
    for stage in ("implementation", "internal_audit"):
        assert move(client, case.id, stage).status_code == 302

    # An internal audit with a minor finding on clause 7.5, then its closure.
    recorded = post_form(
        client,
        f"/support/{case.id}/audits/new",
        {
            "kind": "internal",
            "held_on": "2024-01-20",
            "auditing_body_id": "0",
            "result": "conform_with_findings",
            "summary": "Maîtrise documentaire à renforcer.",
        },
    )
    assert recorded.status_code == 302
    audit = db.session.execute(
        select(QualityAudit).where(QualityAudit.case_id == case.id)
    ).scalar_one()
    clause = db.session.execute(
        select(StandardClause).where(
            StandardClause.standard_id == iso.id, StandardClause.number == "7.5"
        )
    ).scalar_one()
    prefix = f"nc-{audit.id}-"
    found = post_form(
        client,
        f"/support/{case.id}/audits/{audit.id}/nonconformities",
        {
            prefix + "severity": "minor",
            prefix + "clause_id": clause.id,
            prefix + "description": "Procédures non datées.",
        },
    )
    assert found.status_code == 302
    finding = db.session.execute(
        select(Nonconformity).where(Nonconformity.audit_id == audit.id)
    ).scalar_one()
    assert (finding.major, finding.clause_id, finding.closed_on) == (False, clause.id, None)
    close_path = f"/support/{case.id}/nonconformities/{finding.id}/close"
    post_form(client, close_path)
    db.session.refresh(finding)
    assert finding.closed_on is None  # no corrective action yet
    post_form(client, close_path, {f"close-{finding.id}-corrective_action": "Dater et viser."})
    db.session.refresh(finding)
    assert (finding.closed_on, finding.corrective_action) == (TODAY, "Dater et viser.")

    assert move(client, case.id, "certification_audit").status_code == 302
    move(client, case.id, "certified")
    db.session.refresh(case)
    assert case.stage == CaseStage.CERTIFICATION_AUDIT  # certifying needs the certificate
    form_page = client.get(f"/support/{case.id}/certify")
    assert form_page.status_code == 200
    assert "SEMAC-CB-07" in form_page.get_data(as_text=True)  # the body's accreditation
    certified = post_form(
        client,
        f"/support/{case.id}/certify",
        {
            "number": "CM-QMS-2024-017",
            "issuing_body_id": world["body"].id,
            "issued_on": issued.isoformat(),
            "scope_fr": "Fabrication de faisceaux de câbles",
            "scope_ar": "صناعة حزم الأسلاك",
        },
    )
    assert certified.status_code == 302
    certificate = db.session.execute(
        select(Certificate).where(Certificate.case_id == case.id)
    ).scalar_one()
    assert certified.headers["Location"].endswith(f"/certificates/{certificate.id}")
    db.session.refresh(case)
    assert case.stage == CaseStage.CERTIFIED
    assert certificate.issued_on == issued
    assert certificate.surveillance_due == (first, second)
    assert certificate.expires_on == expiry
    shown = flashed(client, f"/certificates/{certificate.id}")
    for day in (issued, first, second, expiry):
        assert f'datetime="{day.isoformat()}"' in shown
    moves = db.session.execute(
        select(CaseTransition.from_stage, CaseTransition.to_stage)
        .where(CaseTransition.case_id == case.id)
        .order_by(CaseTransition.id)
    ).all()
    assert [to for _from, to in moves] == [
        CaseStage.REQUESTED,
        CaseStage.ACCEPTED,
        CaseStage.DIAGNOSTIC,
        CaseStage.ACTION_PLAN,
        CaseStage.IMPLEMENTATION,
        CaseStage.INTERNAL_AUDIT,
        CaseStage.CERTIFICATION_AUDIT,
        CaseStage.CERTIFIED,
    ]
    assert moves[0][0] is None and moves[-1][0] == CaseStage.CERTIFICATION_AUDIT
    # The company's case page shows the certificate and the full stepper.
    sign_in(client, world["sme_a_user"])
    own_page = flashed(client, f"/support/{case.id}")
    assert "CM-QMS-2024-017" in own_page
    assert own_page.count('aria-current="step"') == 1


def test_a_company_without_an_ecosystem_is_told_to_join_one(client, db, world):
    lonely = make_user("sme_user")
    sign_in(client, lonely)
    response = client.get("/support/new")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message("See the ecosystems and ask to join one", template=True) in page
    assert 'name="motivation"' not in page


def test_declining_a_request_needs_a_reason_and_keeps_it(client, db, world):
    case = make_case(world)
    sign_in(client, world["amica_staff"])
    assert post_form(client, f"/support/{case.id}/close", {"reason": ""}).status_code == 422
    assert case.stage == CaseStage.REQUESTED
    declined = post_form(client, f"/support/{case.id}/close", {"reason": "Hors périmètre."})
    assert declined.status_code == 302
    db.session.refresh(case)
    assert (case.stage, case.closing_reason) == (CaseStage.CLOSED, "Hors périmètre.")
    page = flashed(client, f"/support/{case.id}")
    assert "Hors périmètre." in page
    assert page.count('aria-current="step"') == 1


def test_expert_and_funding_are_saved_once_and_guarded_by_version(client, db, world):
    case = make_case(world, stage=CaseStage.ACCEPTED)
    sign_in(client, world["amica_staff"])
    path = f"/support/{case.id}/details"
    too_high = post_form(client, path, {"cofinancing_rate": "150", "version": case.version})
    assert too_high.status_code == 422
    saved = post_form(
        client,
        path,
        {"expert_id": "0", "funding_programme": "Imtiaz", "cofinancing_rate": "60", "version": 1},
    )
    assert saved.status_code == 302
    db.session.refresh(case)
    assert (case.funding_programme, case.cofinancing_rate, case.version) == ("Imtiaz", 60, 2)
    stale = post_form(client, path, {"funding_programme": "Autre", "version": 1})
    assert stale.status_code == 302
    db.session.refresh(case)
    assert case.funding_programme == "Imtiaz"


# The sentences these notification kinds get in the notification catalogue; until they are
# there, the pages send nothing (they never notify with a kind the catalogue does not know).
SUPPORT_MESSAGES = {
    "support_case_requested": "%(organisation)s asks for support towards %(standard)s in "
    "%(ecosystem)s.",
    "support_case_advanced": "Your support case towards %(standard)s is now at the stage: "
    "%(stage)s.",
    "support_case_closed": "Your support case towards %(standard)s is closed: %(reason)s",
}


def test_the_federation_and_the_company_are_notified(client, db, world, monkeypatch):
    from portal.services import notifications

    for kind, text in SUPPORT_MESSAGES.items():
        monkeypatch.setitem(notifications.MESSAGES, kind, text)
    world["sme_a_user"].preferred_locale = "ar"
    sign_in(client, world["sme_a_user"])
    post_form(
        client,
        "/support/new",
        {
            "standard_id": world["iso_9001"].id,
            "kind": "renewal",
            "ecosystem_id": world["automobile"].id,
            "motivation": "Renouvellement.",
        },
    )
    case = db.session.execute(select(SupportCase)).scalar_one()
    sign_in(client, world["amica_staff"])
    move(client, case.id, "accepted")
    post_form(client, f"/support/{case.id}/close", {"reason": "L'entreprise se retire."})

    def received(user):
        rows = db.session.execute(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        ).scalars()
        return [(n.kind, notifications.render(n.kind, n.params, "ar")) for n in rows]

    assert received(world["amica_staff"]) == [
        (
            "support_case_requested",
            "أطلس للأسلاك asks for support towards ISO 9001:2015 in "
            f"{world['automobile'].name_ar}.",
        )
    ]
    with current_app.test_request_context(), force_locale("ar_MA"):
        accepted = str(CaseStage.ACCEPTED.label)
    assert received(world["sme_a_user"]) == [
        (
            "support_case_advanced",
            f"Your support case towards ISO 9001:2015 is now at the stage: {accepted}.",
        ),
        (
            "support_case_closed",
            "Your support case towards ISO 9001:2015 is closed: L'entreprise se retire.",
        ),
    ]


def test_experts_who_know_the_standard_come_first_and_one_is_assigned(client, db, world):
    from portal.models import CompetencyKind, ExpertCompetency, QualityExpert

    people = {}
    for name, codes in (("Amal Bennani", []), ("Youssef Alaoui", ["iso_9001"])):
        expert = QualityExpert(user_id=make_user("sme_user").id, full_name=name)
        expert.competencies = [
            ExpertCompetency(kind=CompetencyKind.STANDARD, code=c) for c in codes
        ]
        db.session.add(expert)
        people[name] = expert
    hidden = QualityExpert(user_id=make_user("sme_user").id, full_name="Caché", visible=False)
    db.session.add(hidden)
    db.session.flush()
    case = make_case(world, stage=CaseStage.ACCEPTED)
    sign_in(client, world["amica_staff"])
    page = flashed(client, f"/support/{case.id}")
    options = re.findall(r'<option[^>]*value="(\d+)"', page.split('id="expert_id"')[1])
    assert options[:3] == ["0", str(people["Youssef Alaoui"].id), str(people["Amal Bennani"].id)]
    assert str(hidden.id) not in options
    chosen = people["Youssef Alaoui"].id
    saved = post_form(client, f"/support/{case.id}/details", {"expert_id": chosen, "version": 1})
    assert saved.status_code == 302
    db.session.refresh(case)
    assert case.expert_id == chosen
    refused = post_form(
        client, f"/support/{case.id}/details", {"expert_id": hidden.id, "version": 2}
    )
    assert refused.status_code == 422


# --- scope ---------------------------------------------------------------------------------------


def test_no_one_opens_a_case_or_certificate_outside_their_scope(client, db, world):
    case = make_case(world, stage=CaseStage.ACCEPTED)
    certificate = make_certificate(world, case=case)
    other_case = make_case(world, organisation=world["sme_b"], ecosystem=world["chimie"])

    sign_in(client, world["sme_b_user"])
    assert client.get(f"/support/{case.id}").status_code == 404
    assert client.get(f"/certificates/{certificate.id}").status_code == 404
    assert client.get(f"/support/{other_case.id}").status_code == 200
    listed = flashed(client, "/support/")
    assert f"/support/{other_case.id}" in listed and f'/support/{case.id}"' not in listed

    sign_in(client, world["fcp_staff"])
    assert client.get(f"/support/{case.id}").status_code == 404
    assert move(client, case.id, "diagnostic").status_code == 404
    assert post_form(client, f"/support/{case.id}/close", {"reason": "x"}).status_code == 404
    assert client.get(f"/certificates/{certificate.id}").status_code == 404
    db.session.refresh(case)
    assert case.stage == CaseStage.ACCEPTED

    sign_in(client, world["amica_staff"])
    assert client.get(f"/support/{case.id}").status_code == 200
    assert client.get(f"/certificates/{certificate.id}").status_code == 200

    sign_in(client, world["officer"])  # the ministry sees everything, runs nothing
    assert client.get(f"/support/{case.id}").status_code == 200
    assert move(client, case.id, "diagnostic").status_code == 403

    sign_in(client, world["institute_user"])
    assert client.get("/support/").status_code == 403
    assert client.get(f"/support/{case.id}").status_code == 403


def test_the_list_filters_by_stage_and_standard(client, db, world):
    accepted = make_case(world, stage=CaseStage.ACCEPTED)
    requested = make_case(world)
    sign_in(client, world["amica_staff"])
    page = flashed(client, "/support/?stage=accepted")
    assert f'/support/{accepted.id}"' in page and f'/support/{requested.id}"' not in page
    other = _db.session.execute(select(Standard).where(Standard.code == "iso_14001")).scalar_one()
    page = flashed(client, f"/support/?standard={other.id}")
    assert f'/support/{accepted.id}"' not in page


def test_the_kept_case_list_follows_changes_and_each_viewer(client, db, world):
    """The case list's results are kept as HTML per viewer (issue 11) until a table they
    were read from changes: a case's new stage, its company's and its standard's new names
    show on the next visit; each federation sees its own cases."""
    case = make_case(world)
    other = make_case(world, organisation=world["sme_b"], ecosystem=world["chimie"])
    sign_in(client, world["amica_staff"])
    listed = html.unescape(flashed(client, "/support/"))
    assert f'/support/{case.id}"' in listed and f'/support/{other.id}"' not in listed
    assert f'text-bg-secondary">{label(CaseStage.REQUESTED)}</span>' in listed
    case.stage = CaseStage.ACCEPTED
    world["sme_a"].name_fr = "Câblage Renommé"
    world["iso_9001"].reference = "ISO 9001 (révisée)"
    db.session.flush()
    listed = html.unescape(flashed(client, "/support/"))
    assert f'text-bg-primary">{label(CaseStage.ACCEPTED)}</span>' in listed
    assert "Câblage Renommé" in listed and "<td><bdi>ISO 9001 (révisée)</bdi></td>" in listed

    sign_in(client, world["fcp_staff"])
    listed = flashed(client, "/support/")
    assert f'/support/{other.id}"' in listed and f'/support/{case.id}"' not in listed


# --- certificates --------------------------------------------------------------------------------


def test_the_issuing_body_suspends_a_certificate_and_no_one_else_can(
    client, db, world, fixed_clock
):
    certificate = make_certificate(world)
    path = f"/certificates/{certificate.id}/status"
    data = {"status": "suspended", "reason": "Audit de surveillance non réalisé", "version": 1}
    sign_in(client, world["sme_a_user"])
    assert post_form(client, path, data).status_code == 403
    sign_in(client, make_user("infrastructure_user"))
    assert post_form(client, path, data).status_code == 404
    sign_in(client, world["body_user"])
    assert post_form(client, path, data).status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.SUSPENDED
    listed = flashed(client, "/certificates/")
    assert "CM-9001-0001" in listed
    assert label(CertificateStatus.SUSPENDED) in html.unescape(listed)


def test_the_kept_certificate_list_follows_changes_the_day_and_each_viewer(
    client, db, world, monkeypatch
):
    """The certificate list's results are kept as HTML per viewer and day (issue 11) until
    a table they were read from changes: a suspension, a new certificate and the day a
    certificate expires show on the next visit; another federation sees none of them."""
    certificate = make_certificate(world, issued_on=date(2021, 6, 1))
    monkeypatch.setattr("portal.clock.today", lambda: date(2024, 5, 31))
    sign_in(client, world["amica_staff"])
    listed = flashed(client, "/certificates/")
    assert "CM-9001-0001" in listed and 'data-status="expired"' not in listed
    monkeypatch.setattr("portal.clock.today", lambda: date(2024, 6, 1))
    assert 'data-status="expired"' in flashed(client, "/certificates/")
    certificate.status = CertificateStatus.SUSPENDED
    make_certificate(world, number="CM-9001-0002")
    listed = flashed(client, "/certificates/")
    assert 'data-status="suspended"' in listed and "CM-9001-0002" in listed

    sign_in(client, world["fcp_staff"])
    assert "CM-9001-0001" not in flashed(client, "/certificates/")


def test_expired_is_derived_from_the_date(client, db, world, monkeypatch):
    certificate = make_certificate(world, issued_on=date(2021, 6, 1))
    sign_in(client, world["sme_a_user"])
    monkeypatch.setattr("portal.clock.today", lambda: date(2024, 5, 31))
    assert message("Expired") not in flashed(client, f"/certificates/{certificate.id}")
    monkeypatch.setattr("portal.clock.today", lambda: date(2024, 6, 1))
    assert message("Expired") in flashed(client, f"/certificates/{certificate.id}")
    assert certificate.status == CertificateStatus.VALID


def test_a_certificate_of_a_public_body_is_recorded_by_its_name_or_acronym(
    client, db, world, fixed_clock
):
    """A public body has no ICE: the body names it by its French or Arabic name or its
    acronym; a name two members share, or a body of no ecosystem, is refused."""
    agency = OrganisationFactory(
        kind=OrganisationKind.PUBLIC_BODY, ice=None, name_fr="Agence urbaine de Fès", acronym="AUF"
    )
    MembershipFactory(ecosystem=world["chimie"], organisation=agency)
    twin = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY, ice=None, name_fr="Commune")
    MembershipFactory(ecosystem=world["chimie"], organisation=twin)
    other = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY, ice=None, name_fr="Commune")
    MembershipFactory(ecosystem=world["chimie"], organisation=other)
    outsider = OrganisationFactory(kind=OrganisationKind.PUBLIC_BODY, ice=None, acronym="OUT")
    sign_in(client, world["body_user"])
    data = {
        "standard_id": world["iso_9001"].id,
        "issued_on": "2024-02-29",
        "scope_fr": "Instruction des autorisations",
    }
    for refused in ("Commune", "OUT", "Agence inconnue"):
        answer = post_form(
            client, "/certificates/new", {**data, "holder": refused, "number": refused}
        )
        assert answer.status_code == 422, refused
    for number, holder in (("AU-1", "agence urbaine de fès"), ("AU-2", "AUF")):
        answer = post_form(
            client, "/certificates/new", {**data, "holder": holder, "number": number}
        )
        assert answer.status_code == 302
        certificate = db.session.execute(
            select(Certificate).where(Certificate.number == number)
        ).scalar_one()
        assert certificate.organisation_id == agency.id
    assert outsider.id != agency.id


def test_a_certification_body_records_a_certificate_outside_any_case(
    client, db, world, fixed_clock
):
    make_certificate(world, number="CM-TAKEN")
    sign_in(client, world["body_user"])
    assert client.get("/certificates/new").status_code == 200
    data = {
        "holder": world["sme_b"].ice,
        "standard_id": world["iso_9001"].id,
        "number": "cm-taken",
        "issued_on": "2024-02-29",
        "scope_fr": "Formulation de peintures",
    }
    assert post_form(client, "/certificates/new", data).status_code == 422
    stranger = OrganisationFactory(kind=OrganisationKind.SME)  # a member of no ecosystem
    refused = post_form(client, "/certificates/new", {**data, "holder": stranger.ice})
    assert refused.status_code == 422
    recorded = post_form(client, "/certificates/new", {**data, "number": "CM-2024-100"})
    assert recorded.status_code == 302
    certificate = db.session.execute(
        select(Certificate).where(Certificate.number == "CM-2024-100")
    ).scalar_one()
    assert (certificate.organisation_id, certificate.issuing_body_id, certificate.case_id) == (
        world["sme_b"].id,
        world["body"].id,
        None,
    )
    assert certificate.expires_on == date(2027, 2, 28)
    assert certificate.status == CertificateStatus.VALID  # its body recorded it
    # Users of bodies that do not certify do not record certificates (federations record
    # their members', awaiting the body's confirmation: test_certificate_confirmation).
    sign_in(client, make_user("infrastructure_user"))
    assert client.get("/certificates/new").status_code == 403


# --- public verification -------------------------------------------------------------------------


def test_verification_shows_the_certificate_and_nothing_else(client, db, world, fixed_clock):
    make_certificate(world)
    response = client.get("/certificates/verify?number=%20cm-9001-0001%20")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Câblage Atlas" in page
    assert "Fabrication de faisceaux de câbles" in page
    assert "SEMAC-CB-07" in page and "Certification Maroc" in page
    assert world["sme_a"].ice not in page
    assert 'datetime="2026-03-15"' in page  # expiry: issue + 36 months
    arabic = client.get(
        "/certificates/verify?number=CM-9001-0001", headers={"Accept-Language": "ar"}
    ).get_data(as_text=True)
    assert 'dir="rtl"' in arabic
    assert "أطلس للأسلاك" in arabic and "صناعة حزم الأسلاك" in arabic


def test_an_unknown_number_answers_not_found_without_an_error(client, db, world):
    response = client.get("/certificates/verify?number=NOPE-404")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert message("Certificate not found") in page
    assert 'name="number"' in page
    for path in (
        "/certificates/verify",
        "/certificates/verify?number=",
        f"/certificates/verify?number={'9' * 81}",
    ):
        shown = client.get(path)
        assert shown.status_code == 200
        assert message("Certificate not found") not in shown.get_data(as_text=True)
    # A NUL byte is refused as a malformed request (400) before any query.
    assert client.get("/certificates/verify?number=AB%00CD").status_code == 400
    weird = client.get("/certificates/verify?number=%27%3B--%3Cscript%3E")
    assert weird.status_code == 404


def test_rapid_lookups_are_throttled(client, db):
    limiter.reset()
    statuses = [client.get(f"/certificates/verify?number=X-{n}").status_code for n in range(30)]
    assert statuses[:20] == [404] * 20
    assert statuses[20:] == [429] * 10


# --- the pipeline --------------------------------------------------------------------------------


def add_cases(world, count: int) -> None:
    stages = list(CaseStage)
    for n in range(count):
        make_case(world, stage=stages[n % len(stages)])


def test_the_pipeline_runs_a_bounded_number_of_queries(client, db, world, fixed_clock):
    make_certificate(world, number="SOON", issued_on=date(2021, 7, 1))  # expires 2024-07-01
    make_certificate(world, number="LATER", issued_on=date(2023, 1, 1))
    make_case(world, organisation=world["sme_b"], ecosystem=world["chimie"])  # FCP's
    sign_in(client, world["amica_staff"])
    add_cases(world, 5)
    client.get("/support/pipeline")  # counted warm both times: the navbar's data is kept
    with count_queries() as few:
        small = client.get("/support/pipeline")
    assert small.status_code == 200
    add_cases(world, 195)
    client.get("/support/pipeline")
    with count_queries() as many:
        large = client.get("/support/pipeline")
    assert large.status_code == 200
    assert many.count == few.count
    page = large.get_data(as_text=True)
    total = re.search(r"<tfoot><tr><th scope=\"row\">[^<]+</th><td>([^<]+)</td>", page)
    assert total and total.group(1) == "200"
    assert "SOON" in page and "LATER" not in page.split('id="expiring-title"')[1]
    counted = _db.session.execute(
        select(func.count(SupportCase.id)).where(SupportCase.ecosystem_id == world["automobile"].id)
    ).scalar_one()
    assert counted == 200
    sign_in(client, world["sme_a_user"])
    assert client.get("/support/pipeline").status_code == 403
