"""The quality expert assigned to a support case, a user of another organisation (here a
training institute's), opens the case from the notification, reads its diagnostics (results
and evidence) and its action plan, contributes only when the lead federation allows it, and
loses the case when another expert is assigned."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import (
    ActionItem,
    CaseKind,
    CaseStage,
    Diagnostic,
    DiagnosticAnswer,
    Notification,
    OrganisationKind,
    QualityExpert,
    Rating,
    Role,
    Standard,
    StandardClause,
    SupportCase,
    User,
)
from tests.conftest import csrf_token, post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_expert(name: str) -> tuple:
    """A training institute's user with a quality-expert profile."""
    user = make_user(Role.INSTITUTE_USER, full_name=name)
    expert = QualityExpert(user_id=user.id, full_name=name)
    _db.session.add(expert)
    _db.session.flush()
    return user, expert


@pytest.fixture
def world(db):
    """AMICA's ecosystem, a member company's ISO 9001 case at the action-plan stage with a
    completed diagnostic (an answer with its evidence file), an action, and two experts."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    company = MembershipFactory(ecosystem=ecosystem).organisation
    standard = _db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    clause = _db.session.execute(
        select(StandardClause).where(
            StandardClause.standard_id == standard.id, StandardClause.number == "4.1"
        )
    ).scalar_one()
    case = SupportCase(
        organisation_id=company.id,
        ecosystem_id=ecosystem.id,
        standard_id=standard.id,
        kind=CaseKind.INITIAL,
        stage=CaseStage.ACTION_PLAN,
    )
    _db.session.add(case)
    _db.session.flush()
    diagnostic = Diagnostic(case_id=case.id, number=1, completed_on=date(2025, 1, 15))
    _db.session.add(diagnostic)
    _db.session.flush()
    folder = Path(current_app.config["UPLOAD_DIR"]) / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    stored = uuid.uuid4().hex
    (folder / stored).write_bytes(PDF)
    answer = DiagnosticAnswer(
        diagnostic_id=diagnostic.id,
        clause_id=clause.id,
        rating=Rating.PARTIAL,
        evidence_file=stored,
        evidence_filename="revue-de-direction.pdf",
    )
    item = ActionItem(case_id=case.id, clause_id=clause.id, title="Cartographier les processus")
    _db.session.add_all([answer, item])
    _db.session.flush()
    expert_user, expert = make_expert("Hélène Chraïbi")
    other_user, other = make_expert("Mehdi Bennis")
    return {
        "case": case,
        "answer": answer,
        "item": item,
        "staff": make_user(Role.FEDERATION_STAFF, organisation=amica),
        "company_user": make_user(Role.SME_USER, organisation=company),
        "expert_user": expert_user,
        "expert": expert,
        "other_user": other_user,
        "other": other,
    }


def assign(client, world, expert, *, contribute: bool = False) -> None:
    """The federation assigns the expert (and sets whether they may contribute)."""
    case = world["case"]
    sign_in(client, world["staff"])
    data = {"expert_id": expert.id, "version": case.version}
    if contribute:
        data["expert_may_contribute"] = "y"
    assert post_form(client, f"/support/{case.id}/details", data).status_code == 302
    _db.session.refresh(case)


def reading_paths(world) -> list[str]:
    case_id, answer = world["case"].id, world["answer"]
    return [
        f"/support/{case_id}",
        f"/support/{case_id}/diagnostics",
        f"/support/{case_id}/diagnostics/1",
        f"/support/{case_id}/diagnostics/1/result",
        f"/support/{case_id}/diagnostics/1/evidence/{answer.id}",
        f"/support/{case_id}/action-plan",
    ]


def test_the_assigned_expert_opens_the_notified_case_and_reads_it(client, db, world):
    case = world["case"]
    assign(client, world, world["expert"])
    notification = db.session.execute(
        select(Notification).where(Notification.user_id == world["expert_user"].id)
    ).scalar_one()
    assert notification.kind == "support_case_expert_assigned"

    sign_in(client, world["expert_user"])
    opened = client.get(notification.link)
    assert opened.status_code == 200
    page = opened.get_data(as_text=True)
    assert 'id="expert-role"' in page
    assert 'id="workflow"' not in page  # the federation runs the case, not the expert
    for path in reading_paths(world):
        assert client.get(path).status_code == 200, path
    evidence = client.get(reading_paths(world)[4])
    assert evidence.data == PDF
    plan = client.get(f"/support/{case.id}/action-plan").get_data(as_text=True)
    assert "Cartographier les processus" in plan
    listed = client.get("/support/").get_data(as_text=True)
    assert f'href="/support/{case.id}"' in listed
    assert 'href="/support/"' in client.get("/home").get_data(as_text=True)  # navbar


def test_without_the_setting_the_expert_only_reads(client, db, world):
    case, item = world["case"], world["item"]
    assign(client, world, world["expert"])
    sign_in(client, world["expert_user"])
    assert "/diagnostics/new" not in client.get(f"/support/{case.id}/diagnostics").text
    assert 'name="title"' not in client.get(f"/support/{case.id}/action-plan").text
    refused = [
        post_form(client, f"/support/{case.id}/diagnostics/new"),
        post_form(client, f"/support/{case.id}/action-plan", {"title": "Nouvelle action"}),
        post_form(
            client,
            f"/support/{case.id}/action-plan/{item.id}",
            {f"item-{item.id}-status": "done", f"item-{item.id}-version": item.version},
        ),
        post_form(client, f"/support/{case.id}/action-plan/draft"),
    ]
    assert [response.status_code for response in refused] == [403] * 4
    assert db.session.scalar(select(Diagnostic).where(Diagnostic.number == 2)) is None
    assert len(db.session.execute(select(ActionItem)).all()) == 1


def test_with_the_setting_on_the_expert_contributes(client, db, world):
    case, item = world["case"], world["item"]
    assign(client, world, world["expert"], contribute=True)
    assert case.expert_may_contribute
    sign_in(client, world["expert_user"])
    page = client.get(f"/support/{case.id}").get_data(as_text=True)
    assert 'id="expert-role"' in page

    started = post_form(client, f"/support/{case.id}/diagnostics/new")
    assert started.status_code == 302
    path = f"/support/{case.id}/diagnostics/2"
    version = db.session.scalar(select(Diagnostic.version).where(Diagnostic.number == 2))
    saved = post_form(client, path, {"rating-4.1": "largely", "save": "1", "version": version})
    assert saved.status_code == 302
    second = db.session.scalar(select(Diagnostic).where(Diagnostic.number == 2))
    assert second.created_by_id == world["expert_user"].id
    answers = db.session.execute(
        select(DiagnosticAnswer).where(DiagnosticAnswer.diagnostic_id == second.id)
    ).scalars()
    assert [answer.rating for answer in answers] == [Rating.LARGELY]

    added = post_form(client, f"/support/{case.id}/action-plan", {"title": "Former les pilotes"})
    assert added.status_code == 302
    updated = post_form(
        client,
        f"/support/{case.id}/action-plan/{item.id}",
        {
            f"item-{item.id}-status": "in_progress",
            f"item-{item.id}-owner": "Responsable qualité",
            f"item-{item.id}-version": item.version,
        },
    )
    assert updated.status_code == 302
    db.session.refresh(item)
    assert item.owner == "Responsable qualité"
    titles = set(db.session.execute(select(ActionItem.title)).scalars())
    assert titles == {"Cartographier les processus", "Former les pilotes"}

    # The federation takes the right back: the expert reads only again.
    sign_in(client, world["staff"])
    data = {"expert_id": world["expert"].id, "version": case.version}
    assert post_form(client, f"/support/{case.id}/details", data).status_code == 302
    db.session.refresh(case)
    assert not case.expert_may_contribute
    sign_in(client, world["expert_user"])
    refused = post_form(client, f"/support/{case.id}/action-plan", {"title": "Encore une"})
    assert refused.status_code == 403
    assert client.get(f"/support/{case.id}/action-plan").status_code == 200


def test_an_expert_no_longer_assigned_gets_404(client, db, world):
    case = world["case"]
    assign(client, world, world["expert"], contribute=True)
    assign(client, world, world["other"], contribute=True)
    sign_in(client, world["expert_user"])
    for path in reading_paths(world):
        assert client.get(path).status_code == 404, path
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 404
    listed = client.get("/support/")
    assert listed.status_code == 200  # still an expert: an empty list, not a refusal
    assert f'href="/support/{case.id}"' not in listed.get_data(as_text=True)

    sign_in(client, world["other_user"])
    assert client.get(f"/support/{case.id}").status_code == 200


def test_an_expert_never_runs_the_workflow(client, db, world):
    case = world["case"]
    assign(client, world, world["expert"], contribute=True)
    sign_in(client, world["expert_user"])
    moved = post_form(client, f"/support/{case.id}/advance", {"to": "implementation"})
    assert moved.status_code == 403
    assert case.stage == CaseStage.ACTION_PLAN
    details = {"expert_id": 0, "expert_may_contribute": "y", "version": case.version}
    assert post_form(client, f"/support/{case.id}/details", details).status_code == 403
    db.session.refresh(case)
    assert case.expert_id == world["expert"].id and case.stage == CaseStage.ACTION_PLAN


def test_the_demo_smes_case_has_an_expert_who_signs_in(app, client, db):
    from portal.demo.seed import demo_password, seed

    with app.test_request_context():
        report = seed()
    pme = db.session.execute(select(User).where(User.email == "pme@example.org")).scalar_one()
    case = db.session.execute(
        select(SupportCase).where(
            SupportCase.organisation_id == pme.organisation_id,
            SupportCase.stage != CaseStage.CLOSED,
        )
    ).scalar_one()
    expert = db.session.get(QualityExpert, case.expert_id)
    assert expert.user.email == "h.chraibi@example.org"
    accounts = {email: password for email, _role, password in report.accounts}
    with app.test_request_context():
        assert accounts["h.chraibi@example.org"] == demo_password("h.chraibi@example.org")
    signed = client.post(
        "/auth/login",
        data={
            "csrf_token": csrf_token(client, "/auth/login"),
            "email": "h.chraibi@example.org",
            "password": accounts["h.chraibi@example.org"],
        },
    )
    assert signed.status_code == 302
    assert client.get(f"/support/{case.id}").status_code == 200
    listed = client.get("/support/").get_data(as_text=True)
    assert listed.count('href="/support/') >= 2  # her two demo cases
